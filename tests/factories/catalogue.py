"""Factories of opendata.catalogue: publishers, datasets, distributions, data services."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory
from taggit.models import Tag

from opendata.catalogue.models import (
    DataService,
    Dataset,
    DatasetDescription,
    DatasetKeyword,
    DatasetRecordChange,
    DataTheme,
    Distribution,
    Publisher,
    search_text_of,
)
from opendata.catalogue.vocabularies import FileFormat, Licence, Theme
from tests.factories.geometry import city_area


class PublisherFactory(DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"test-publisher-{n}")
    title = factory.Sequence(lambda n: f"Testherausgeber {n}")
    title_en = factory.Sequence(lambda n: f"Test publisher {n}")
    email = factory.LazyAttribute(lambda publisher: f"{publisher.name}@city.example")


class DataThemeFactory(DjangoModelFactory):
    """A theme of the EU vocabulary: the rows exist from a migration, so this gets them."""

    class Meta:
        model = DataTheme
        django_get_or_create = ("code",)

    code = Theme.TRAN


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"testkeyword{n}")
    slug = factory.LazyAttribute(lambda tag: tag.name)


class DatasetFactory(DjangoModelFactory):
    """A draft dataset; ``DatasetFactory(published=True, themes=["TRAN"], keywords=["x"])``."""

    class Meta:
        model = Dataset
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"test-dataset-{n}")
    title = factory.Sequence(lambda n: f"Testdatensatz {n}")
    title_en = factory.Sequence(lambda n: f"Test dataset {n}")
    description = "Ein Datensatz für Tests."
    publisher = factory.SubFactory(PublisherFactory)
    contact_name = "Open-Data-Team"
    contact_email = "opendata@city.example"
    licence = Licence.DL_BY_DE_2
    attribution = "Teststadt"
    spatial = factory.LazyFunction(city_area)

    class Params:
        published = factory.Trait(state=Dataset.State.PUBLISHED)

    @factory.post_generation
    def themes(dataset, create, extracted, **kwargs):
        """``themes=["TRAN", "ENVI"]``: theme codes of the EU vocabulary."""
        if create and extracted:
            dataset.themes.set([DataThemeFactory(code=code) for code in extracted])
            dataset.themes.commit()  # a parental relation is kept in memory until committed

    @factory.post_generation
    def keywords(dataset, create, extracted, **kwargs):
        """``keywords=["Verkehr"]``: free keywords."""
        if create and extracted:
            for name in extracted:
                DatasetKeywordFactory(content_object=dataset, tag=TagFactory(name=name))

    @factory.post_generation
    def search_index(dataset, create, extracted, **kwargs):
        """The search words, as the catalogue's writes keep them (whoever computes them)."""
        if create:
            search_text = search_text_of(Dataset.objects.get(pk=dataset.pk))
            Dataset.objects.filter(pk=dataset.pk).update(search_text=search_text)
            dataset.search_text = search_text


class DatasetKeywordFactory(DjangoModelFactory):
    class Meta:
        model = DatasetKeyword

    content_object = factory.SubFactory(DatasetFactory)
    tag = factory.SubFactory(TagFactory)


class DistributionFactory(DjangoModelFactory):
    """An external-address distribution (a file upload needs a real file: pass ``file=``)."""

    class Meta:
        model = Distribution

    dataset = factory.SubFactory(DatasetFactory)
    title = factory.Sequence(lambda n: f"Testverteilung {n}")
    url = factory.Sequence(lambda n: f"https://data.city.example/files/test-{n}.csv")
    format = FileFormat.CSV
    licence = Licence.DL_BY_DE_2


class DataServiceFactory(DjangoModelFactory):
    class Meta:
        model = DataService

    name = factory.Sequence(lambda n: f"test-service-{n}")
    title = factory.Sequence(lambda n: f"Testdienst {n}")
    publisher = factory.SubFactory(PublisherFactory)
    endpoint_path = "/api/3/action/"


class DatasetRecordChangeFactory(DjangoModelFactory):
    class Meta:
        model = DatasetRecordChange

    dataset = factory.SubFactory(DatasetFactory)
    dataset_name = factory.SelfAttribute("dataset.name")
    source = DatasetRecordChange.Source.SYSTEM
    changed_fields = factory.LazyFunction(lambda: ["title"])
    snapshot = factory.LazyAttribute(lambda change: {"name": change.dataset_name})


class DatasetDescriptionFactory(DjangoModelFactory):
    """A kept Turtle description, current for its dataset's ``metadata_modified``."""

    class Meta:
        model = DatasetDescription

    dataset = factory.SubFactory(DatasetFactory)
    metadata_modified = factory.LazyAttribute(lambda kept: kept.dataset.metadata_modified)
    context = factory.Sequence(lambda n: f"test-context-{n}")
    turtle = "@prefix dcat: <http://www.w3.org/ns/dcat#> ."

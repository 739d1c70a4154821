"""Staff edit datasets in the Wagtail admin; publishing checks DCAT-AP.de's requirements."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opendata.catalogue import services
from opendata.catalogue.models import Dataset, Publisher


@pytest.fixture
def draft(demo_city):
    return services.dataset_save(
        dataset=Dataset(
            name="neuer-datensatz",
            title="Neuer Datensatz",
            description="Beschreibung",
            publisher=Publisher.objects.first(),
            contact_name="Team",
            contact_email="team@lindenhafen.example",
        )
    )


def test_publishing_without_theme_and_distribution_names_both(draft):
    with pytest.raises(ValidationError) as excinfo:
        services.dataset_publish(dataset=draft)
    assert {"themes", "distributions"} <= set(excinfo.value.message_dict)
    draft.refresh_from_db()
    assert draft.state == Dataset.State.DRAFT


def test_publishing_a_complete_dataset(draft):
    draft.themes.set(["TRAN"])
    services.dataset_save(dataset=draft)
    draft.distributions.create(
        title="CSV", url="https://daten.example/a.csv", format="CSV", licence="dl-by-de/2.0"
    )
    services.dataset_publish(dataset=draft)
    draft.refresh_from_db()
    assert draft.state == Dataset.State.PUBLISHED
    assert draft.modified is not None


def test_staff_see_the_catalogue_in_the_admin(client, city_admin):
    client.force_login(city_admin)
    assert client.get("/admin/snippets/catalogue/dataset/").status_code == 200
    assert client.get("/admin/snippets/catalogue/dataset/add/").status_code == 200
    dataset = Dataset.objects.published().first()
    assert client.get(f"/admin/snippets/catalogue/dataset/edit/{dataset.pk}/").status_code == 200


def _form_data(**overrides):
    data = {
        "name": "ladepunkte-neu",
        "state": "published",
        "publisher": str(Publisher.objects.first().pk),
        "title": "Ladepunkte neu",
        "description": "Alle Ladepunkte",
        "title_en": "",
        "description_en": "",
        "themes": ["TRAN"],
        "keywords": "Laden, E-Mobilität",
        "action_field": "",
        "licence": "dl-by-de/2.0",
        "attribution": "Stadt Lindenhafen",
        "access_rights": "PUBLIC",
        "contact_name": "Stadtwerke",
        "contact_email": "stadtwerke@lindenhafen.example",
        "accrual_periodicity": "",
        "political_geocoding_uri": "",
        "landing_page": "",
        "provenance": "",
        "version": "",
        "distributions-TOTAL_FORMS": "0",
        "distributions-INITIAL_FORMS": "0",
        "distributions-MIN_NUM_FORMS": "0",
        "distributions-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_admin_refuses_to_publish_without_distribution(client, city_admin):
    client.force_login(city_admin)
    response = client.post("/admin/snippets/catalogue/dataset/add/", _form_data())
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["form"].non_field_errors()
    assert any("distribution" in str(error).lower() for error in errors), errors
    assert not Dataset.objects.filter(name="ladepunkte-neu").exists()


def test_admin_saves_a_draft_without_distribution(client, city_admin):
    client.force_login(city_admin)
    response = client.post("/admin/snippets/catalogue/dataset/add/", _form_data(state="draft"))
    assert response.status_code == 302
    saved = Dataset.objects.get(name="ladepunkte-neu")
    assert saved.theme_codes == ["TRAN"]
    assert saved.keyword_names == ["E-Mobilität", "Laden"]


def test_editors_without_catalogue_rights_cannot_open_it(client, editor):
    client.force_login(editor)
    response = client.get("/admin/snippets/catalogue/dataset/")
    assert response.status_code in (302, 403)

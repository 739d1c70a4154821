"""Staff edit publishers and datasets in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from opendata.catalogue.admin_forms import DatasetAdminForm
from opendata.catalogue.models import Dataset, Publisher


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = _("Datasets")
    list_display = ["title", "name", "publisher", "state", "metadata_modified"]
    list_filter = ["state", "publisher"]
    search_fields = ["title", "name", "description"]
    edit_handler = ObjectList(Dataset.panels, base_form_class=DatasetAdminForm)


class PublisherViewSet(SnippetViewSet):
    model = Publisher
    icon = "group"
    menu_label = _("Publishers")
    list_display = ["title", "name", "email"]


class CatalogueGroup(SnippetViewSetGroup):
    items = (DatasetViewSet, PublisherViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Open data")
    menu_name = "open-data"


register_snippet(CatalogueGroup)

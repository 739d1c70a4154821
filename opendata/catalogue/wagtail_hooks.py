"""Staff edit publishers, datasets and data services in the Wagtail admin, and read the history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from opendata.catalogue import history, services
from opendata.catalogue.admin_forms import DatasetAdminForm
from opendata.catalogue.models import DataService, Dataset, DatasetRecordChange, Publisher
from portal.core.permissions import ReadOnlyPermissionPolicy, register_rules_policies


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = _("Datasets")
    list_display = ["title", "name", "publisher", "state", "metadata_modified"]
    list_filter = ["state", "publisher", "themes"]
    search_fields = ["title", "name", "description"]
    edit_handler = ObjectList(Dataset.panels, base_form_class=DatasetAdminForm)


class PublisherViewSet(SnippetViewSet):
    model = Publisher
    icon = "group"
    menu_label = _("Publishers")
    list_display = ["title", "name", "email"]


class DataServiceViewSet(SnippetViewSet):
    model = DataService
    icon = "link"
    menu_label = _("Data services")
    list_display = ["title", "endpoint_path", "is_published"]


class RecordHistoryViewSet(ModelViewSet):
    model = DatasetRecordChange
    icon = "history"
    menu_label = _("Record history")
    name = "catalogue_history"
    url_prefix = "catalogue/history"
    list_display = ["dataset_name", "changed_at", "source", "changed_by", "changed_fields"]
    list_filter = ["source"]
    search_fields = ["dataset_name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "dataset_name",
        "changed_at",
        "changed_by",
        "source",
        "changed_fields",
        "snapshot",
    ]
    form_fields = ["dataset_name"]


register_rules_policies(Dataset, Publisher, DataService)
# History is written by the system only: nobody adds, edits or deletes a version.
register_permission_policy(DatasetRecordChange, ReadOnlyPermissionPolicy(DatasetRecordChange))


class CatalogueGroup(SnippetViewSetGroup):
    items = (DatasetViewSet, PublisherViewSet, DataServiceViewSet, RecordHistoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Open data")
    menu_name = "open-data"


register_snippet(CatalogueGroup)


# Admin edits go through the catalogue's services like every other write: the form saves the
# record, then these hooks run what follows from it (search words, history, data-store loads).
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def catalogue_record_saved(request, instance) -> None:
    if isinstance(instance, Dataset):
        services.dataset_changed(dataset=instance)
    elif isinstance(instance, Publisher):
        services.publisher_changed(publisher=instance)


@hooks.register("after_delete_snippet")
def catalogue_records_deleted(request, instances) -> None:
    for instance in instances:
        if isinstance(instance, Dataset):
            history.record_deleted(instance.name)

"""The defect reporter's two staff groups (data only; reversible).

- "Mängelmelder-Leitstelle": the central team: every report (``handle_all_reports``), the
  reference data (categories, statuses, routing, answer templates, streets) and the admin.
- "Mängelmelder-Sachbearbeitung": a unit's staff: the admin; which reports they see follows
  from their department memberships (``defects.handle_report``), not from the group.

Permissions are created here if the post-migrate signal has not made them yet (fresh
database), so that the groups are complete after ``migrate`` alone.
"""

from django.db import migrations

CENTRAL = "Mängelmelder-Leitstelle"
UNIT_STAFF = "Mängelmelder-Sachbearbeitung"
CRUD = ("add", "change", "delete", "view")
REFERENCE = [
    ("defects", "category"),
    ("defects", "status"),
    ("defects", "routingrule"),
    ("defects", "answertemplate"),
    ("participation_core", "street"),
]


def _permission(apps, app_label, model, codename, name=""):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or f"Can {codename.replace('_', ' ')}"}
    )
    return permission


def groups_create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    admin_access = _permission(apps, "wagtailadmin", "admin", "access_admin")
    central, _created = Group.objects.get_or_create(name=CENTRAL)
    central.permissions.add(
        admin_access,
        _permission(apps, "defects", "report", "handle_all_reports"),
        *[
            _permission(apps, app_label, model, f"{action}_{model}")
            for app_label, model in REFERENCE
            for action in CRUD
        ],
    )
    unit, _created = Group.objects.get_or_create(name=UNIT_STAFF)
    unit.permissions.add(
        admin_access,
        _permission(apps, "defects", "answertemplate", "view_answertemplate"),
        _permission(apps, "defects", "category", "view_category"),
    )


def groups_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CENTRAL, UNIT_STAFF]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("defects", "0001_initial"),
        ("participation_core", "0001_street"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(groups_create, groups_delete)]

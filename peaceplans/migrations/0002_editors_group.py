"""Create the 'editors' group: may add, change and view everything in the record, and delete
positions, sources and split/merge links. Drafts, clauses and clause versions are never deleted
by editors (and history keeps every deleted row in any case)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = ["party", "plan", "draft", "clause", "clauseversion", "position", "source"]
DELETABLE = ["position", "source", "clausederivation"]
VIEWABLE_HISTORY = [f"historical{name}" for name in EDITABLE]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the group
    # can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = (
        [f"{action}_{name}" for name in EDITABLE for action in ("add", "change", "view")]
        + ["add_clausederivation", "change_clausederivation", "view_clausederivation"]
        + [f"delete_{name}" for name in DELETABLE]
        + [f"view_{name}" for name in VIEWABLE_HISTORY]
    )
    group, _ = Group.objects.get_or_create(name="editors")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="peaceplans", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("peaceplans", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]

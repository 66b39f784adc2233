"""The "Rencontre organisers" group: they enter the admin, read the unmet searches and turn
them into calls for research (administrators may too, being superusers)."""

from django.db import migrations

GROUP = "Rencontre organisers"
PERMISSIONS = {
    "unmetsearch": ["view"],
    "callforresearch": ["add", "change", "delete", "view"],
}
MODEL_NAMES = {"unmetsearch": "unmet search", "callforresearch": "call for research"}


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP)
    # Permissions are otherwise created after every migration ran: made here, found later.
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="readership", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {MODEL_NAMES[model]}"},
            )
            group.permissions.add(permission)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(admin_access)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("readership", "0001_readings_and_unmet_searches"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

"""Editors and Moderators hold on the English home page (made by 0011) the page permissions they
hold on the French one (moved there by portal 0005), so they edit both languages' sections."""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def share_home_permissions(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    homes = list(Page.objects.filter(depth=2))
    held = GroupPagePermission.objects.filter(group__name__in=GROUPS, page__depth=2)
    for group_id, permission_id in set(held.values_list("group_id", "permission_id")):
        for home in homes:
            GroupPagePermission.objects.get_or_create(
                group_id=group_id, page=home, permission_id=permission_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_editor_permissions_on_home_pages"),
        ("research", "0010_organisation_approval_task"),
        ("research", "0011_english_sections"),
    ]

    operations = [migrations.RunPython(share_home_permissions, migrations.RunPython.noop)]

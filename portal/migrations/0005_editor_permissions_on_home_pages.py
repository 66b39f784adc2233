"""Editors and Moderators hold their page permissions on the site's home page (and its
translations), not on the tree's root: nothing above the site is theirs to edit, publish, or read
in the history of deleted pages.
"""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def move_to_home_pages(apps, schema_editor):
    move(apps, from_depth=1, to_depth=2)


def move_to_root(apps, schema_editor):
    move(apps, from_depth=2, to_depth=1)


def move(apps, from_depth: int, to_depth: int) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    targets = list(Page.objects.filter(depth=to_depth))
    rows = GroupPagePermission.objects.filter(group__name__in=GROUPS, page__depth=from_depth)
    for row in rows:
        for page in targets:
            GroupPagePermission.objects.get_or_create(
                group_id=row.group_id, page=page, permission_id=row.permission_id
            )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_english_locale_and_page_labels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(move_to_home_pages, move_to_root)]

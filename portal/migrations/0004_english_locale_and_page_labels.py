"""The English locale, so editorial pages can be translated in the CMS (French is the default);
plural names of the page types, for the admin."""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in ("fr", "en"):
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_downloadrecord_membership"),
    ]

    operations = [
        migrations.RunPython(add_locales, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="homepage",
            options={"verbose_name": "home page", "verbose_name_plural": "home pages"},
        ),
        migrations.AlterModelOptions(
            name="standardpage",
            options={"verbose_name": "standard page", "verbose_name_plural": "standard pages"},
        ),
    ]

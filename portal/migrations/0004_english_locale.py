"""The English locale, so editorial pages can be translated in the CMS (French is the default)."""

from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in ("fr", "en"):
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_downloadrecord_membership"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]

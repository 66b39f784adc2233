from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0012_english_home_permissions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="researchpage",
            index=models.Index(
                fields=["access", "-publication_date", "-page_ptr"], name="research_access_newest"
            ),
        ),
    ]

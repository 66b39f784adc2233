"""Install the bilingual policing thesaurus shipped in search/data/thesaurus.json.

Only concepts missing by slug are added, so a later migration can run the same function to add
new concepts without undoing what administrators changed.
"""

import json
from pathlib import Path

from django.db import migrations

THESAURUS_FILE = Path(__file__).resolve().parent.parent / "data" / "thesaurus.json"


def install_concepts(apps, schema_editor):
    Concept = apps.get_model("search", "ThesaurusConcept")
    records = json.loads(THESAURUS_FILE.read_text(encoding="utf-8"))
    existing = set(Concept.objects.values_list("slug", flat=True))
    Concept.objects.bulk_create(
        [
            Concept(
                slug=record["slug"],
                preferred_fr=record["fr"][0],
                synonyms_fr="\n".join(record["fr"][1:]),
                preferred_en=record["en"][0],
                synonyms_en="\n".join(record["en"][1:]),
            )
            for record in records
            if record["slug"] not in existing
        ]
    )


def remove_concepts(apps, schema_editor):
    Concept = apps.get_model("search", "ThesaurusConcept")
    records = json.loads(THESAURUS_FILE.read_text(encoding="utf-8"))
    Concept.objects.filter(slug__in=[record["slug"] for record in records]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_thesaurus_concept"),
    ]

    operations = [migrations.RunPython(install_concepts, remove_concepts)]

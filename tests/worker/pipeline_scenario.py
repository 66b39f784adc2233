"""Steps of the process tests, each run in its own process against the scenario's database.

python tests/worker/pipeline_scenario.py publish WORD [SECONDS] | wait DOCUMENT WORD SECONDS |
wait-status DOCUMENT STATUS SECONDS — each prints one JSON object.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.files import File  # noqa: E402
from django.db import transaction  # noqa: E402

from portal.models import Organisation  # noqa: E402
from research.access import Viewer  # noqa: E402
from research.models import (  # noqa: E402
    EvidenceLevel,
    ResearchDocument,
    ResearchFile,
    ResearchIndexPage,
    ResearchPage,
    ResearchType,
    StudyDesign,
)
from search.backends import get_search_backend  # noqa: E402
from search.models import IndexChange  # noqa: E402
from search.query import SearchRequest  # noqa: E402
from tests.worker import samples  # noqa: E402


def publish(word: str) -> dict:
    """An item with a two-page PDF holding `word`, published in one transaction."""
    path = samples.pdf(
        Path(django.conf.settings.VAR_DIR) / f"{word}.pdf",
        [f"Étude sur le mot {word} dans les rapports de police.", "Annexe : méthode."],
    )
    with transaction.atomic():
        with path.open("rb") as handle:
            document = ResearchDocument(title=word, file=File(handle, name=path.name))
            document.save()
        page = ResearchPage(
            title=f"Étude {word}",
            organisation=Organisation.objects.get(slug="spvm"),
            publication_date=datetime.date(2024, 5, 1),
            research_type=ResearchType.objects.get(slug="analysis"),
            design=StudyDesign.objects.get(slug="descriptive"),
            evidence=EvidenceLevel.objects.get(slug="sms-2"),
            summary="Résumé sans le mot cherché.",
        )
        page.files = [ResearchFile(document=document, sort_order=0)]
        ResearchIndexPage.objects.get(locale__language_code="fr").add_child(instance=page)
        page.save_revision().publish()
    committed = time.time()
    return {
        "page": page.pk,
        "document": document.pk,
        "committed": committed,
        "changes_waiting": IndexChange.objects.filter(item_id=page.pk, done_at=None).count(),
        "status": ResearchDocument.objects.get(pk=document.pk).status,
    }


def found(word: str) -> list[int]:
    request = SearchRequest(text=word, viewer=Viewer(unrestricted=True))
    return [hit.id for hit in get_search_backend().search(request).hits]


def wait(document_id: int, word: str, seconds: float) -> dict:
    """Poll until the document is indexed and its word finds an item (or time runs out)."""
    deadline = time.time() + seconds
    while True:
        document = ResearchDocument.objects.get(pk=document_id)
        hits = found(word) if document.status == "indexed" else []
        if hits or time.time() > deadline:
            return {
                "status": document.status,
                "reason_code": document.reason_code,
                "attempts": document.attempts,
                "found": hits,
                "found_at": time.time(),
                "pages": document.pages,
            }
        time.sleep(0.1)


def wait_status(document_id: int, status: str, seconds: float) -> dict:
    deadline = time.time() + seconds
    while True:
        current = ResearchDocument.objects.get(pk=document_id).status
        if current == status or time.time() > deadline:
            return {"status": current}
        time.sleep(0.05)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "publish":
        result = publish(args[0])
        if len(args) > 1:  # and wait in this process, to time upload → searchable
            result["waited"] = wait(result["document"], args[0], float(args[1]))
    elif command == "wait":
        result = wait(int(args[0]), args[1], float(args[2]))
    else:
        result = wait_status(int(args[0]), args[1], float(args[2]))
    print(json.dumps(result))

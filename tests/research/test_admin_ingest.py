"""The ingest pipeline in the admin: file status on the item, the status filter, "Search index"."""

import html
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from research.models import ExtractionStatus, ResearchDocument
from search.models import IndexChange

SEARCH_INDEX_URL = "research_extraction:search_index"


@pytest.fixture
def administrator(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_user("redacteur", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def documents(make_document):
    """One document in each outcome, as the pipeline leaves them."""
    made = {
        "indexed": make_document("rapport.txt", b"Rapport annuel", "Rapport annuel"),
        "encrypted": make_document("secret.pdf", b"%PDF-1.7", "Rapport chiffré"),
        "crashed": make_document("lourd.pdf", b"%PDF-1.7", "Rapport trop lourd"),
        "refused": make_document("page.pdf", b"<html></html>", "Page nommée PDF"),
        "pending": make_document("annexe.txt", b"Annexe", "Annexe en attente"),
    }
    now = timezone.now()
    outcomes = {
        "indexed": {"status": ExtractionStatus.INDEXED, "pages": 1, "characters": 14},
        "encrypted": {"status": ExtractionStatus.FAILED, "reason_code": "encrypted-pdf"},
        "crashed": {"status": ExtractionStatus.FAILED, "reason_code": "worker-crashed"},
        "refused": {"status": ExtractionStatus.REFUSED, "reason_code": "type-mismatch"},
    }
    for key, fields in outcomes.items():
        finished = {"extracted_at": now, "detected_language": "fr", "attempts": 3, **fields}
        ResearchDocument.objects.filter(pk=made[key].pk).update(**finished)
    return {key: ResearchDocument.objects.get(pk=document.pk) for key, document in made.items()}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_edit_page_shows_each_files_status_and_reason_in_french(
    client, administrator, documents, make_research_page
):
    files = [documents["indexed"], documents["encrypted"], documents["pending"]]
    item = make_research_page(files=files)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))

    assert response.status_code == 200
    text = page_text(response)
    assert "data-file-extraction" in text
    for document in files:
        assert document.title in text
    assert "Le PDF est protégé par un mot de passe : son texte ne peut pas être lu." in text
    assert "Indexé" in text and "Échec" in text and "En attente" in text
    # A file not attached to this item is not listed.
    assert documents["refused"].title not in text


def test_the_edit_page_follows_the_administrators_language(
    client, administrator, documents, make_research_page
):
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()
    item = make_research_page(files=[documents["crashed"]])

    text = page_text(client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])))

    assert "Text extraction of the attached files" in text
    assert "abandonnée" not in text
    assert (
        "Text extraction was given up after 3 attempts: each one stopped before finishing." in text
    )


def test_the_documents_listing_filters_by_extraction_status(client, administrator, documents):
    url = reverse("research_extraction:documents")

    failed = page_text(client.get(url, {"status": "failed"}))
    everything = page_text(client.get(url))

    assert documents["encrypted"].title in failed and documents["crashed"].title in failed
    for key in ("indexed", "refused", "pending"):
        assert documents[key].title not in failed
    for document in documents.values():
        assert document.title in everything


def test_the_search_index_view_shows_counts_backlog_and_failures(
    client, administrator, documents, search_index
):
    IndexChange.objects.all().delete()
    IndexChange.objects.create(item_id=1, change="publish", created_at=timezone.now())
    IndexChange.objects.create(
        item_id=2, change="publish", created_at=timezone.now() - timedelta(minutes=10)
    )
    IndexChange.objects.create(item_id=3, change="publish", done_at=timezone.now())

    response = client.get(reverse(SEARCH_INDEX_URL))

    assert response.status_code == 200
    context = response.context
    counts = {status: count for status, _label, count in context["statuses"]}
    assert counts == {"pending": 1, "processing": 0, "indexed": 1, "failed": 2, "refused": 1}
    assert context["changes_waiting"] == 2
    assert 600 <= context["oldest_change_seconds"] < 700
    assert context["index"]["indexed"] == 0
    failures = {document.pk for document in context["failures"]}
    expected = {documents[key].pk for key in ("encrypted", "crashed", "refused")}
    assert failures == expected
    text = page_text(response)
    assert reverse("wagtaildocs:edit", args=[documents["encrypted"].pk]) in text
    assert "Le PDF est protégé par un mot de passe : son texte ne peut pas être lu." in text


def test_retry_failed_puts_failed_documents_back_in_the_queue(
    client, administrator, documents, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        "worker.queue.send_extraction", lambda pk, version: sent.append((pk, version)) or True
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("research_extraction:retry_failed"), follow=True)

    assert callbacks
    failed = [documents["encrypted"], documents["crashed"]]
    assert sorted(sent) == sorted((document.pk, document.version) for document in failed)
    for document in failed:
        document.refresh_from_db()
        assert (document.status, document.attempts, document.reason_code) == ("pending", 0, "")
    documents["refused"].refresh_from_db()
    assert documents["refused"].status == ExtractionStatus.REFUSED
    assert "2 documents en échec ont été remis dans la file d'extraction." in page_text(response)


def test_retry_failed_runs_the_pipeline_again(
    client, administrator, make_document, django_capture_on_commit_callbacks, search_index
):
    document = make_document("rapport.txt", "Un rapport réparé.".encode(), "Rapport")
    ResearchDocument.objects.filter(pk=document.pk).update(
        status=ExtractionStatus.FAILED, reason_code="worker-crashed", attempts=3
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("research_extraction:retry_failed"))

    document.refresh_from_db()
    assert document.status == ExtractionStatus.INDEXED
    assert document.attempts == 1
    assert "réparé" in document.extracted_text


def test_retry_failed_needs_a_post(client, administrator, documents):
    response = client.get(reverse("research_extraction:retry_failed"))

    assert response.status_code == 405
    assert ResearchDocument.objects.filter(status=ExtractionStatus.FAILED).count() == 2


def test_reconcile_now_runs_the_reconcile(client, administrator, monkeypatch):
    runs = []
    monkeypatch.setattr("portal.tasks.reconcile", lambda: runs.append(1) or _Report())

    response = client.post(reverse("research_extraction:reconcile"))

    assert response.status_code == 302
    assert runs == [1]


class _Report:
    def as_dict(self) -> dict:
        return {}


def test_an_editor_is_refused_the_search_index(client, editor, documents):
    view = client.get(reverse(SEARCH_INDEX_URL))
    retry = client.post(reverse("research_extraction:retry_failed"))

    assert view.status_code == 302 and view.url == reverse("wagtailadmin_home")
    assert retry.status_code == 302 and retry.url == reverse("wagtailadmin_home")
    assert ResearchDocument.objects.filter(status=ExtractionStatus.FAILED).count() == 2


def test_the_search_index_menu_item_is_for_administrators_only(client, editor):
    editors_menu = client.get(reverse("wagtailadmin_home")).content.decode()
    administrator = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(administrator)
    administrators_menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse(SEARCH_INDEX_URL) not in editors_menu
    assert reverse(SEARCH_INDEX_URL) in administrators_menu
    assert reverse("research_extraction:documents") in editors_menu

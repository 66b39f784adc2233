"""The outbox: changes recorded with the data, applied after commit; the reconcile converges."""

from dataclasses import replace
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal.reconcile import reconcile
from research.access import Viewer
from research.models import ResearchPage
from search import indexing, outbox
from search.backends import SearchUnavailable, get_search_backend, reset_search_backend
from search.models import IndexChange
from search.query import SearchRequest
from search.tasks import index_items_task
from tests.search.documents import research_documents


@pytest.fixture
def search_index(db, settings):
    settings.INDEX_OUTBOX_GRACE_SECONDS = 0
    reset_search_backend()
    backend = get_search_backend()
    backend.clear()
    yield backend
    backend.clear()
    reset_search_backend()


@pytest.fixture
def broker_down(monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(index_items_task, "apply_async", unreachable)
    yield
    monkeypatch.undo()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def found_ids(text: str) -> list[int]:
    request = SearchRequest(text=text, viewer=Viewer(unrestricted=True))
    return [hit.id for hit in get_search_backend().search(request).hits]


def pending_items() -> list[int]:
    return sorted(set(IndexChange.objects.filter(done_at=None).values_list("item_id", flat=True)))


def test_a_publish_is_recorded_in_its_own_transaction(search_index, make_research_page):
    with transaction.atomic():
        page = make_research_page(title="Vols de catalyseurs à Laval")
        assert pending_items() == [page.pk]
        transaction.set_rollback(True)

    assert IndexChange.objects.count() == 0


def test_the_applied_changes_are_marked_done(search_index, make_research_page, run_on_commit):
    page = run_on_commit(lambda: make_research_page(title="Vols de catalyseurs à Laval"))

    assert found_ids("catalyseurs") == [page.pk]
    assert pending_items() == []
    assert IndexChange.objects.filter(item_id=page.pk).exclude(done_at=None).exists()


def test_a_publish_while_the_broker_is_down_is_applied_by_the_reconcile(
    search_index, make_research_page, run_on_commit, broker_down, monkeypatch
):
    page = run_on_commit(lambda: make_research_page(title="Vols de catalyseurs à Laval"))
    assert ResearchPage.objects.live().filter(pk=page.pk).exists()
    assert (found_ids("catalyseurs"), pending_items()) == ([], [page.pk])

    monkeypatch.undo()  # the broker is back
    report = run_on_commit(reconcile)

    assert report.items_sent == [page.pk]
    assert found_ids("catalyseurs") == [page.pk]
    assert pending_items() == []


def test_changes_made_while_the_engine_is_down_are_applied_when_it_is_back(
    search_index, make_research_page, run_on_commit, monkeypatch
):
    def engine_down(*args, **kwargs):
        raise SearchUnavailable("Elasticsearch at http://es:9200 unreachable")

    monkeypatch.setattr(type(search_index), "index_documents", engine_down)
    monkeypatch.setattr(type(search_index), "all_ids", engine_down)
    with pytest.raises(Retry):  # eager: the task asks to be retried later, and stops there
        run_on_commit(lambda: make_research_page(title="Vols de catalyseurs à Laval"))
    page = ResearchPage.objects.get(title="Vols de catalyseurs à Laval")
    queued = []  # the task is only queued; the engine stays down
    monkeypatch.setattr(index_items_task, "apply_async", lambda *args, **kw: queued.append(args))
    report = reconcile()
    assert (report.items_sent, report.engine_error) == (
        [page.pk],
        "Elasticsearch at http://es:9200 unreachable",
    )
    assert pending_items() == [page.pk]

    monkeypatch.undo()
    run_on_commit(reconcile)

    assert found_ids("catalyseurs") == [page.pk]
    assert pending_items() == []


def test_the_reconcile_removes_entries_of_items_gone_and_adds_live_items_missing(
    search_index, make_research_page, run_on_commit
):
    ghost = replace(research_documents()[0], id=424_242)  # deleted while nobody recorded it
    search_index.index_documents([ghost])
    missing = make_research_page(title="Vols de catalyseurs à Laval")  # its task never ran
    IndexChange.objects.update(done_at="2020-01-01T00:00Z")

    report = run_on_commit(reconcile)

    assert (report.index_removed, report.index_added) == ([424_242], [missing.pk])
    assert search_index.all_ids() == {missing.pk}


def test_an_unpublished_item_left_in_the_index_is_removed(
    search_index, make_research_page, run_on_commit
):
    page = run_on_commit(lambda: make_research_page(title="Vols de catalyseurs à Laval"))
    page.unpublish()  # its outbox task is never sent
    IndexChange.objects.update(done_at="2020-01-01T00:00Z")

    report = run_on_commit(reconcile)

    assert report.index_removed == [page.pk]
    assert found_ids("catalyseurs") == []


def test_replacing_or_deleting_a_file_reindexes_the_items_showing_it(
    search_index, make_research_page, make_document, run_on_commit
):
    document = make_document(name="annexe.txt", content=b"Annexe")
    document.extracted_text, document.status = "Le mot zygomorphe.", "indexed"
    document.save()
    page = run_on_commit(lambda: make_research_page(files=[document]))
    assert found_ids("zygomorphe") == [page.pk]

    def replace():
        from django.core.files.base import ContentFile

        document.file = ContentFile(b"Nouvelle annexe", name="annexe-2.txt")
        document.save()

    run_on_commit(replace)
    assert found_ids("zygomorphe") == []  # the old text is gone before the new is extracted

    document.extracted_text = "Le mot ornithorynque."
    document.save()
    run_on_commit(lambda: indexing.index_items([page.pk]))
    assert found_ids("ornithorynque") == [page.pk]
    run_on_commit(document.delete)
    assert found_ids("ornithorynque") == []


def test_a_rebuild_covers_the_changes_recorded_before_it(search_index, make_research_page):
    make_research_page(title="Vols de catalyseurs à Laval")
    assert pending_items()

    indexing.rebuild_index()

    assert pending_items() == []


def test_one_task_applies_every_pending_change_and_the_others_find_nothing_left(
    search_index, make_research_page, run_on_commit, monkeypatch
):
    queued = []
    monkeypatch.setattr(index_items_task, "apply_async", lambda args, **kw: queued.append(args))
    titles = ["Vols de catalyseurs à Laval", "Fraude aux aînés", "Cambriolages à Lévis"]
    pages = [run_on_commit(lambda title=title: make_research_page(title=title)) for title in titles]
    writes = []
    index_documents = type(search_index).index_documents

    def counted(backend, docs):
        docs = list(docs)
        writes.append(sorted(doc.id for doc in docs))
        return index_documents(backend, docs)

    monkeypatch.setattr(type(search_index), "index_documents", counted)
    assert len(queued) == 3 and pending_items() == sorted(page.pk for page in pages)

    for (ids,) in queued:
        index_items_task.apply(args=(ids,))

    assert writes == [sorted(page.pk for page in pages)]
    assert pending_items() == []
    assert sorted(found_ids("catalyseurs OR fraude OR cambriolages")) == [page.pk for page in pages]


def test_a_change_recorded_after_a_sweep_is_applied_by_its_own_task(
    search_index, make_research_page, run_on_commit, monkeypatch
):
    queued = []
    monkeypatch.setattr(index_items_task, "apply_async", lambda args, **kw: queued.append(args))
    page = run_on_commit(lambda: make_research_page(title="Vols de catalyseurs à Laval"))
    index_items_task.apply(args=queued.pop())
    page.title = "Vols de convertisseurs catalytiques à Laval"
    run_on_commit(lambda: page.save_revision().publish())

    index_items_task.apply(args=queued.pop())

    assert found_ids("convertisseurs") == [page.pk]
    assert pending_items() == []


def test_the_reconcile_repairs_an_entry_whose_stored_version_is_behind_the_database(
    search_index, make_research_page, run_on_commit
):
    page = run_on_commit(lambda: make_research_page(title="Vols de catalyseurs à Laval"))
    # An edit whose index write was lost (an older task overwrote it, an engine restored).
    ResearchPage.objects.filter(pk=page.pk).update(title="Vols de convertisseurs à Laval")
    edit = IndexChange.objects.create(item_id=page.pk, change="edit", done_at=timezone.now())
    assert search_index.all_versions()[page.pk] < edit.pk

    report = run_on_commit(reconcile)

    assert report.index_added == [page.pk]
    assert found_ids("convertisseurs") == [page.pk]
    assert found_ids("catalyseurs") == []
    assert search_index.all_versions() == {page.pk: edit.pk}
    assert run_on_commit(reconcile).index_added == []  # in step now


def test_the_purge_keeps_each_items_newest_change_its_version(search_index):
    long_ago = timezone.now() - outbox.KEEP_DONE - timedelta(days=1)
    rows = [
        IndexChange.objects.create(item_id=item, change="edit", done_at=long_ago)
        for item in (1, 1, 1, 2)
    ]

    assert outbox.purge_done() == 2

    assert sorted(IndexChange.objects.values_list("pk", flat=True)) == [rows[2].pk, rows[3].pk]
    assert indexing.item_versions() == {1: rows[2].pk, 2: rows[3].pk}

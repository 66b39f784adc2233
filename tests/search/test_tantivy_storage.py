"""What only the embedded engine does: index folders, the CURRENT pointer, schema versions."""

from dataclasses import replace

from search.backends.tantivy import TantivyBackend
from search.backends.tantivy.engine import SCHEMA_VERSION_FILE
from tests.search.documents import research_documents


def index_folders(root):
    return sorted(path.name for path in root.iterdir() if path.name.startswith("index-"))


def test_rebuild_points_to_a_new_folder_and_removes_the_old_one(tmp_path):
    backend = TantivyBackend(tmp_path, writer_threads=1)
    backend.index_documents(research_documents())
    (first,) = index_folders(tmp_path)
    backend.rebuild(research_documents()[:3])
    (second,) = index_folders(tmp_path)
    assert second != first
    assert (tmp_path / "CURRENT").read_text().strip() == second
    assert backend.count() == 3


def test_an_index_from_another_schema_version_is_reported_until_rebuilt(tmp_path):
    backend = TantivyBackend(tmp_path, writer_threads=1)
    backend.index_documents(research_documents())
    (folder,) = index_folders(tmp_path)
    (tmp_path / folder / SCHEMA_VERSION_FILE).write_text("0\n")
    stale = TantivyBackend(tmp_path, writer_threads=1)
    health = stale.health()
    assert not health.ok
    assert "search_reindex" in health.detail
    assert stale.rebuild(research_documents()) == 10
    assert stale.health().ok


def test_a_rebuild_leaves_one_segment_where_writing_by_batches_leaves_several(tmp_path):
    # Facets are counted segment by segment: one segment counts fastest.
    many = [
        replace(document, id=10_000 + number)
        for number in range(1_200)
        for document in research_documents()[number % 10 : number % 10 + 1]
    ]
    backend = TantivyBackend(tmp_path, writer_threads=2)
    backend.index_documents(many)
    searcher = backend._live_index().searcher()
    assert (searcher.num_docs, searcher.num_segments > 1) == (1_200, True)

    backend.rebuild(many)
    searcher = backend._live_index().searcher()
    assert (searcher.num_docs, searcher.num_segments) == (1_200, 1)

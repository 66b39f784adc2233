"""What the cluster engines (Elasticsearch, OpenSearch) promise beyond the engine contract:
writes from other processes while a rebuild loads its new index. The embedded engine rebuilds
under its own lock, so these races do not arise there.
"""

from __future__ import annotations

from dataclasses import replace

from search.backends.elasticsearch.cluster import BATCH_SIZE
from tests.search.contract import EngineContract
from tests.search.documents import research_documents


def many_documents(count: int):
    """`count` documents with ids from 1000, cycling through the contract's ten."""
    templates = research_documents()
    for number in range(count):
        yield replace(templates[number % len(templates)], id=1000 + number)


class ClusterEngineContract(EngineContract):
    def test_a_clear_during_a_rebuild_removes_what_was_already_loaded(self, make_backend):
        rebuilding, elsewhere = make_backend(), make_backend()
        elsewhere.index_documents(research_documents())

        def loaded_then_cleared():
            # Once a batch and one more document are taken, the batch has been sent (loaded but
            # not yet searchable); the one more waits in the next batch.
            yield from many_documents(BATCH_SIZE + 1)
            elsewhere.clear()
            yield replace(research_documents()[0], id=9999)

        assert rebuilding.rebuild(loaded_then_cleared()) == BATCH_SIZE + 2
        remaining = rebuilding.all_ids()
        assert remaining.isdisjoint(range(1000, 1000 + BATCH_SIZE)), len(remaining)
        assert 9999 in remaining

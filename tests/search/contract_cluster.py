"""What the cluster engines (Elasticsearch, OpenSearch) promise beyond the engine contract:
writes from other processes while a rebuild loads its new index. The embedded engine rebuilds
under its own lock, so these races do not arise there.
"""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from search.backends.elasticsearch.cluster import BATCH_SIZE
from search.backends.elasticsearch.engine import STALE_BUILD
from search.backends.elasticsearch.mapping import building_settings, index_mappings, index_name
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

    # -- a delete while a rebuild loads ---------------------------------------------------------

    def test_a_delete_during_a_rebuild_stays_deleted_after_the_swap(self, make_backend):
        rebuilding, elsewhere = make_backend(), make_backend()
        read = [replace(doc, version=5) for doc in research_documents()]
        elsewhere.index_documents(read)

        def unpublished_while_loading():
            # The rebuild read every item (103 at version 5) before 103 was unpublished, whose
            # delete (version 6) lands in the index being built before the loader's copy does.
            yield read[0]
            elsewhere.delete_documents([103], versions={103: 6})
            yield from read[1:]

        assert rebuilding.rebuild(unpublished_while_loading()) == 10
        assert 103 not in rebuilding.all_ids()
        assert self.found(rebuilding, "conjugale") == set()
        # Published again later (a newer version), it comes back.
        elsewhere.index_documents([replace(read[2], version=7)])
        assert self.found(rebuilding, "conjugale") == {103}

    # -- rebuilds racing each other -------------------------------------------------------------

    def test_a_swap_racing_another_rebuild_still_switches_to_one_index(self, make_backend):
        first, second = make_backend(), make_backend()
        first.index_documents(research_documents())
        swap = first.cluster.update_aliases
        raced = []

        def another_rebuild_swaps_first(actions):
            # Between reading the serving index and switching, another rebuild switches.
            if not raced:
                raced.append(second.rebuild(research_documents()[:4]))
            swap(actions)

        first.cluster.update_aliases = another_rebuild_swaps_first
        assert first.rebuild(research_documents()[4:]) == 6
        assert raced == [4]
        self.assert_serves_one_index(first, {doc.id for doc in research_documents()[4:]})

    def test_concurrent_rebuilds_leave_one_serving_index_that_takes_writes(self, make_backend):
        builders = [make_backend() for _ in range(3)]
        builders[0].index_documents(research_documents())
        contents = [research_documents()[n:] for n in range(3)]
        results = run_together(
            lambda builder, docs: builder.rebuild(docs), zip(builders, contents, strict=True)
        )
        assert sorted(results) == [8, 9, 10]
        self.assert_serves_one_index(builders[0], None)

    def test_a_rebuild_deletes_what_a_dead_rebuild_left_but_not_one_at_work(self, make_backend):
        backend = make_backend()
        backend.index_documents(research_documents())
        now = datetime.datetime.now(datetime.UTC)
        dead = index_name(backend.alias, now - STALE_BUILD - datetime.timedelta(hours=1))
        at_work = index_name(backend.alias, now - datetime.timedelta(minutes=5))
        for name in (dead, at_work):  # as a rebuild leaves them: marked, loading
            backend.cluster.create_index(
                name,
                settings=building_settings(),
                mappings=index_mappings(),
                aliases={backend.building_alias: {}},
            )
        assert backend.rebuild(research_documents()[:4]) == 4
        (serving,) = backend.cluster.aliased(backend.alias)
        assert index_names(backend) == sorted([serving, at_work])
        assert backend.cluster.aliased(backend.building_alias) == [at_work]
        assert backend.all_ids() == {101, 102, 103, 104}
        backend.cluster.delete_indexes([at_work])

    # -- the first index --------------------------------------------------------------------------

    def test_writes_racing_to_create_the_first_index_are_all_kept(self, make_backend):
        writers = [make_backend() for _ in range(6)]
        results = run_together(
            lambda writer, doc: writer.index_documents([doc]),
            zip(writers, research_documents()[:6], strict=True),
        )
        assert results == [1] * 6
        self.assert_serves_one_index(writers[0], {doc.id for doc in research_documents()[:6]})

    def assert_serves_one_index(self, backend, ids: set[int] | None) -> None:
        """The alias names one index, which holds `ids` (any of the contents when None), takes
        writes, and is the only index of the alias left."""
        (serving,) = backend.cluster.aliased(backend.alias)
        held = backend.all_ids()
        if ids is not None:
            assert held == ids
        assert backend.index_documents([replace(research_documents()[9], id=4242)]) == 1
        assert 4242 in backend.all_ids()
        assert backend.cluster.aliased(backend.building_alias) == []
        assert index_names(backend) == [serving]


def run_together(action, arguments) -> list:
    """Run action(*args) for each args in its own thread, all released at once; results in
    order, the first error raised."""
    arguments = list(arguments)
    start = threading.Barrier(len(arguments))

    def run(args):
        start.wait()
        return action(*args)

    with ThreadPoolExecutor(len(arguments)) as pool:
        return list(pool.map(run, arguments))


def index_names(backend) -> list[str]:
    """Every index of the backend's alias family (serving, being built, left over)."""
    return sorted(backend.cluster.client.indices.get(index=f"{backend.alias}-v*"))

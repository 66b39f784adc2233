"""`search_reindex` and `search_status`: what an administrator runs and reads."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import indexing
from search.management.commands import search_status


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_reindex_indexes_every_live_item_and_says_how_long_it_took(
    search_index, make_research_page
):
    make_research_page(title="Vols de catalyseurs à Laval")
    make_research_page(title="Profilage à Québec", access="community")
    make_research_page(title="Brouillon").unpublish()

    output = run("search_reindex")

    assert re.fullmatch(r"Indexed 2 research items in \d+\.\d\d s\.\n", output)
    assert search_index.count() == 2


def test_status_reports_both_counts_when_they_agree(search_index, make_research_page):
    make_research_page(title="Vols de catalyseurs à Laval")
    make_research_page(title="Profilage à Québec", access="organisation")
    indexing.rebuild_index()

    assert run("search_status") == (
        "Live research items: 2 (public 1, community 0, organisation 1)\n"
        "Documents in the index: 2\n"
        "In sync: the index matches the database.\n"
        "Documents by extraction status: pending 0, processing 0, indexed 0, failed 0, refused 0\n"
        "Index changes waiting: 0\n"
    )


def test_status_says_when_the_index_lags_behind(search_index, make_research_page):
    make_research_page(title="Vols de catalyseurs à Laval")

    output = run("search_status")

    assert output.startswith(
        "Live research items: 1 (public 1, community 0, organisation 0)\n"
        "Documents in the index: 0\n"
        "Out of sync: the index has -1 documents compared with the database; "
        "pending work may still be running, or run search_reindex.\n"
        "Documents by extraction status: pending 0, processing 0, indexed 0, failed 0, refused 0\n"
    )
    assert re.search(r"\nIndex changes waiting: 3 \(oldest \d+ s\)\n$", output)


def test_status_wait_polls_until_pending_work_is_done(
    search_index, make_research_page, monkeypatch
):
    make_research_page(title="Vols de catalyseurs à Laval")
    polls = []

    def worker_catches_up(seconds):
        polls.append(seconds)
        if len(polls) == 2:
            indexing.rebuild_index()

    monkeypatch.setattr(search_status, "sleep", worker_catches_up)

    output = run("search_status", "--wait", "--interval", "0.1")

    assert polls == [0.1, 0.1]
    assert "In sync: the index matches the database.\n" in output
    assert output.endswith("Index changes waiting: 0\n")


def test_status_wait_gives_up_after_the_timeout(search_index, make_research_page):
    make_research_page(title="Vols de catalyseurs à Laval")

    with pytest.raises(CommandError, match=r"still differs from the database after 0\.2 s"):
        run("search_status", "--wait", "--timeout", "0.2", "--interval", "0.05")

"""Fixtures shared by the suite: the site the migrations install, and research items."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation

from portal.models import HomePage, Organisation
from research.models import (
    EvidenceLevel,
    ResearchAuthor,
    ResearchDocument,
    ResearchFile,
    ResearchIndexPage,
    ResearchPage,
    ResearchType,
    StudyDesign,
    Theme,
)
from search.backends import get_search_backend, reset_search_backend
from search.thesaurus import forget_thesaurus

BROWSER_TESTS = "tests/e2e/"
# Tests that share something outside their process run on one xdist worker, one after another:
# the browser journeys share one live portal; the real-worker tests share one Redis database,
# which each flushes, so two at once would lose each other's tasks; the supervision tests
# share one live `make run`; the fault tests share one OpenSearch node they kill.
RUN_TOGETHER = (
    BROWSER_TESTS,
    "tests/worker/test_pipeline_processes.py",
    "tests/portal/test_run_supervision.py",
    # Each starts and kills an OpenSearch node of its own: one at a time.
    "tests/search/test_opensearch_faults.py",
)


def pytest_xdist_make_scheduler(config, log):
    """With `-n`, each of RUN_TOGETHER goes to one worker (the browser journeys, for example).

    `--dist loadgroup` (pyproject) would do it with an `xdist_group` mark, but pytest 9.2 no
    longer sees the group that xdist 3.8 writes into the test id, so the scope is set here.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserTestsTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            for scope in RUN_TOGETHER:
                if nodeid.startswith(scope):
                    return scope
            return super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French: a request through the locale middleware leaves its language
    active in the thread, and page URLs follow the active language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache, the thesaurus in the process: each test starts
    with neither (a test's rolled-back concepts send no signal to forget them)."""
    cache.clear()
    forget_thesaurus()
    yield
    cache.clear()
    forget_thesaurus()


@pytest.fixture
def search_index(db):
    """The test settings' embedded index, emptied, so each test starts from nothing."""
    reset_search_backend()
    backend = get_search_backend()
    backend.clear()
    yield backend
    backend.clear()
    reset_search_backend()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(locale__language_code="fr")


@pytest.fixture
def research_index(db):
    return ResearchIndexPage.objects.get(locale__language_code="fr")


@pytest.fixture
def make_research_page(research_index):
    """Publish a research item with sensible defaults; keyword arguments override them."""

    def make(title="Interpellations et profilage racial à Montréal", **fields):
        themes = fields.pop("themes", ["racial-social-profiling"])
        files = fields.pop("files", [])
        defaults = {
            "title": title,
            "organisation": Organisation.objects.get(slug="spvm"),
            "publication_date": datetime.date(2023, 10, 6),
            "language": "fr",
            "research_type": ResearchType.objects.get(slug="analysis"),
            "design": StudyDesign.objects.get(slug="descriptive"),
            "evidence": EvidenceLevel.objects.get(slug="sms-2"),
            "summary": "Analyse des interpellations menées en 2021 et 2022.",
            "region": "Montréal",
        }
        page = ResearchPage(**{**defaults, **fields})
        page.themes = list(Theme.objects.filter(slug__in=themes))
        page.authors = [ResearchAuthor(name="Camille Exemple", affiliation="SPVM")]
        page.files = [
            ResearchFile(document=document, sort_order=position)
            for position, document in enumerate(files)
        ]
        research_index.add_child(instance=page)
        page.save_revision().publish()
        return ResearchPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def make_edition(db):
    """Add an edition of the Rencontre for `year` under the editions index."""

    def make(year: int, **fields):
        from research.models import EditionIndexPage, EditionPage

        defaults = {
            "title": f"Rencontre {year}",
            "slug": str(year),
            "theme_fr": "Données et confiance",
            "start_date": datetime.date(year, 5, 14),
            "end_date": datetime.date(year, 5, 15),
            "venue": "Nicolet",
        }
        edition = EditionPage(year=year, **{**defaults, **fields})
        EditionIndexPage.objects.get(locale__language_code="fr").add_child(instance=edition)
        return edition

    return make


@pytest.fixture
def make_document(db):
    def make(name="rapport.txt", content=b"Rapport", title="Rapport annuel"):
        document = ResearchDocument(title=title, file=ContentFile(content, name=name))
        document.save()
        return document

    return make


def pytest_terminal_summary(terminalreporter):
    """Say how much of the engine contract ran live against OpenSearch, so a CI log shows it.

    Here rather than in tests/search/: a parallel run's controller loads only this conftest.
    """
    outcomes = {}
    for outcome in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
        reports = terminalreporter.stats.get(outcome, [])
        nodeids = {
            report.nodeid
            for report in reports
            if getattr(report, "nodeid", "").startswith("tests/search/test_opensearch_engine.py")
        }
        if nodeids:
            outcomes[outcome] = len(nodeids)
    if outcomes:
        counted = ", ".join(f"{count} {outcome}" for outcome, count in outcomes.items())
        terminalreporter.write_line(f"OpenSearch engine contract: {counted}")

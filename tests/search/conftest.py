import pytest

from search.backends import reset_search_backend


@pytest.fixture
def index_from_an_older_schema(settings):
    """The index on disk was built by an older schema: the engine refuses to answer."""
    from search.backends.tantivy.engine import SCHEMA_VERSION_FILE

    root = settings.SEARCH_INDEX_DIR
    current = (root / "CURRENT").read_text().strip()
    version_file = root / current / SCHEMA_VERSION_FILE
    version = version_file.read_text()
    version_file.write_text("0\n")
    reset_search_backend()
    yield
    version_file.write_text(version)
    reset_search_backend()


def pytest_terminal_summary(terminalreporter):
    """Say how much of the engine contract ran live against OpenSearch, so a CI log shows it."""
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

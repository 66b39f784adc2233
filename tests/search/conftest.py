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

"""Sample files for the extraction tests, built once per session where they are costly."""

import pytest

from . import samples


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("samples")


@pytest.fixture(scope="session")
def docx_path(sample_dir):
    return samples.docx_file(sample_dir / "rapport.docx")


@pytest.fixture(scope="session")
def thousands_of_pages_pdf(sample_dir):
    """3,000 tiny pages of text: more than the default page limit."""
    pages = [f"p{number}. été" for number in range(1, 3001)]
    return samples.pdf(sample_dir / "tres-long.pdf", pages, size=(20, 20))

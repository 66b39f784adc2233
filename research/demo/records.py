"""The shape of one demo research item, as plain data (no Django)."""

from dataclasses import dataclass

from research.demo.files import Section


@dataclass(frozen=True)
class DemoItem:
    """One fictional study; `annex` text appears only inside its attached files."""

    slug: str
    title: str
    language: str
    organisation: str
    published: str
    research_type: str
    design: str
    evidence: str
    approaches: tuple[str, ...]
    themes: tuple[str, ...]
    tags: tuple[str, ...]
    region: str
    authors: tuple[tuple[str, str], ...]
    summary: str
    key_findings: tuple[str, ...]
    recommendations: tuple[str, ...]
    body: tuple[tuple[str, str], ...]
    annex: tuple[Section, ...]
    files: tuple[str, ...] = ("pdf",)
    partners: tuple[str, ...] = ()
    access: str = "public"
    contact_name: str = ""
    contact_email: str = ""
    doi: str = ""
    external_url: str = ""
    related: tuple[str, ...] = ()
    # The summary in the language the study is not written in, when its authors wrote one.
    other_language_summary: str = ""

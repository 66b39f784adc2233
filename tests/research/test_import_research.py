"""`import_research`: a CSV manifest becomes published research items with their files."""

import csv
import io
import time
from datetime import date
from typing import NamedTuple

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save
from django.utils import translation
from docx import Document as WordDocument
from fpdf import FPDF

from research.importing.manifest import (
    COLUMNS,
    Problem,
    RowProblem,
    page_slug,
    parse_manifest,
    split_values,
)
from research.models import (
    ResearchDocument,
    ResearchIndexPage,
    ResearchPage,
)


def make_pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def make_docx(text: str) -> bytes:
    document = WordDocument()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ROWS = [
    {
        "id": "SPVM-2023-014",
        "title": "Interpellations et profilage racial à Montréal",
        "organisation": "spvm",
        "published": "2023-10-06",
        "language": "fr",
        "type": "analysis",
        "design": "descriptive",
        "evidence": "sms-2",
        "approach": "evidence-based; community-policing",
        "themes": "racial-social-profiling ; community-trust;",
        "tags": "interpellations; données policières",
        "region": "Montréal",
        "access": "public",
        "edition": "2023",
        "authors": "Camille Tremblay (SPVM); Éloïse Gagnon (Université de Montréal); Jean Roy",
        "summary": "Analyse des interpellations menées en 2021 et 2022 : écarts observés.",
        "files": "rapports/rapport_complet.pdf; annexes/annexe-méthodologique.docx",
    },
    {
        "id": "spvq-2021-a",
        "title": "Sécurité routière près des écoles",
        "organisation": "spvq",
        "published": "2021",
        "language": "fr",
        "type": "program-evaluation",
        "design": "before-after",
        "evidence": "sms-3",
        "approach": "problem-oriented",
        "themes": "road-safety; youth",
        "tags": "",
        "region": "Ville de Québec",
        "access": "community",
        "edition": "",
        "authors": "",
        "summary": "Évaluation d'un programme de zones scolaires.",
        "files": "",
    },
    {
        "id": "OPS 77",
        "title": "Community trust survey",
        "organisation": "ops",
        "published": "2022-03-15",
        "language": "en",
        "type": "research-report",
        "design": "",
        "evidence": "",
        "approach": "",
        "themes": "community-trust",
        "tags": "survey",
        "region": "Ottawa",
        "access": "",
        "edition": "",
        "authors": "Alex Smith (Carleton University)",
        "summary": "Residents' trust in the police, surveyed in 2021.",
        "files": "",
    },
]


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English; the command speaks the active language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def edition_2023(make_edition):
    """The Rencontre edition the first row names."""
    return make_edition(2023, start_date=date(2023, 5, 16), end_date=date(2023, 5, 17))


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "rapports").mkdir()
    (tmp_path / "annexes").mkdir()
    (tmp_path / "rapports" / "rapport_complet.pdf").write_bytes(
        make_pdf("Rapport complet : interpellations à Montréal, données 2021-2022.")
    )
    (tmp_path / "annexes" / "annexe-méthodologique.docx").write_bytes(
        make_docx("Annexe méthodologique : échantillon et définitions.")
    )
    return tmp_path


def write_manifest(folder, rows, *, columns=COLUMNS, name="manifest.csv", encoding="utf-8-sig"):
    path = folder / name
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])
    return path


class Run(NamedTuple):
    out: str
    err: str
    error: str | None  # the CommandError the command ended with


def run_import(path, *args) -> Run:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_research", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return Run(out.getvalue(), err.getvalue(), str(error))
    return Run(out.getvalue(), err.getvalue(), None)


def imported(source_id):
    return ResearchPage.objects.get(slug=page_slug(source_id))


def counts():
    return ResearchPage.objects.count(), ResearchDocument.objects.count()


# --- the manifest itself, without a database -----------------------------------------------


def test_multi_value_cells_are_trimmed_without_empties_or_repeats():
    assert split_values(" a ;b;; a; c ;") == ("a", "b", "c")


def test_ids_map_to_stable_ascii_slugs():
    assert page_slug("SPVM-2023/014 Été") == "import-spvm-2023-014-ete"
    assert page_slug("!!!") == ""


def test_line_numbers_count_physical_lines_of_the_file(tmp_path):
    data = (
        "\ufeffid,title,organisation,published,language,type,summary\r\n"
        'a,Titre\u2028sur une ligne,spvm,2020,fr,analysis,"Résumé\r\nsur deux lignes"\r\n'
        "\r\n"
        "b,Titre,spvm,2020-02-30,fr,analysis,Résumé\r\n"
    ).encode()
    known = {"organisation": {"spvm"}, "type": {"analysis"}}
    known |= {"design": {"not-applicable"}, "evidence": {"unrated"}}

    manifest = parse_manifest(data, base_dir=tmp_path, known=known)

    assert [(row.line, row.summary) for row in manifest.rows] == [(2, "Résumé\nsur deux lignes")]
    assert manifest.problems == [RowProblem(5, Problem("bad_date", {"value": "2020-02-30"}))]


# --- a round trip ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_manifest_round_trip_publishes_items_with_all_fields(folder, research_index):
    out, err, error = run_import(write_manifest(folder, ROWS))

    assert error is None, err
    assert err == ""
    assert "Research items: 3 created, 0 updated, 0 unchanged, 0 failed." in out

    page = imported("SPVM-2023-014")
    assert page.edition.year == 2023
    assert page.slug == "import-spvm-2023-014"
    assert page.live and page.get_parent().specific == research_index
    assert page.title == "Interpellations et profilage racial à Montréal"
    assert page.organisation.slug == "spvm"
    assert page.publication_date == date(2023, 10, 6)
    assert page.language == "fr"
    assert (page.research_type.slug, page.design.slug, page.evidence.slug) == (
        "analysis",
        "descriptive",
        "sms-2",
    )
    assert {a.slug for a in page.approaches.all()} == {"evidence-based", "community-policing"}
    assert {t.slug for t in page.themes.all()} == {"racial-social-profiling", "community-trust"}
    assert sorted(tag.name for tag in page.tags.all()) == ["données policières", "interpellations"]
    assert page.region == "Montréal"
    assert page.access == "public"
    assert page.summary == "Analyse des interpellations menées en 2021 et 2022 : écarts observés."
    assert [(a.name, a.affiliation) for a in page.authors.all()] == [
        ("Camille Tremblay", "SPVM"),
        ("Éloïse Gagnon", "Université de Montréal"),
        ("Jean Roy", ""),
    ]
    documents = [link.document for link in page.files.all()]
    assert [d.title for d in documents] == ["rapport complet", "annexe-méthodologique"]
    assert documents[0].file.read().startswith(b"%PDF")
    assert documents[1].file.read().startswith(b"PK")
    assert {d.status for d in documents} == {"pending"}

    year_only = imported("spvq-2021-a")
    assert year_only.publication_date == date(2021, 1, 1)
    assert year_only.access == "community"
    assert list(year_only.files.all()) == []

    defaults = imported("OPS 77")
    assert defaults.slug == "import-ops-77"
    assert (defaults.design.slug, defaults.evidence.slug, defaults.access) == (
        "not-applicable",
        "unrated",
        "public",
    )
    assert counts() == (3, 2)


@pytest.mark.django_db
def test_imported_items_and_files_reach_the_admin_search_and_usage_listings(folder, research_index):
    run_import(write_manifest(folder, ROWS))

    # The admin's page and document choosers search Wagtail's own index.
    assert [page.title for page in ResearchPage.objects.search("profilage")] == [
        "Interpellations et profilage racial à Montréal"
    ]
    assert [d.title for d in ResearchDocument.objects.search("méthodologique")] == [
        "annexe-méthodologique"
    ]
    # "Usage" of a file in the admin lists the item that links to it.
    page = imported("SPVM-2023-014")
    for link in page.files.all():
        assert [(used.pk, used.specific_class) for used, _ in link.document.get_usage()] == [
            (page.pk, ResearchPage)
        ]
    # Once the import is over, an editor's save updates the admin search at once again.
    page.title = "Contrôles routiers et profilage"
    page.save_revision().publish()
    assert [p.title for p in ResearchPage.objects.search("routiers")] == [page.title]


@pytest.mark.django_db
def test_importing_the_same_manifest_again_changes_nothing(folder, research_index):
    path = write_manifest(folder, ROWS)
    run_import(path)
    before = counts()
    revisions = sorted(p.latest_revision_id for p in ResearchPage.objects.all())

    out, err, error = run_import(path)

    assert error is None, err
    assert "Research items: 0 created, 0 updated, 3 unchanged, 0 failed." in out
    assert counts() == before
    assert sorted(p.latest_revision_id for p in ResearchPage.objects.all()) == revisions


@pytest.mark.django_db
def test_a_changed_title_updates_the_item_without_reuploading_its_files(folder, research_index):
    run_import(write_manifest(folder, ROWS))
    files_before = [
        (link.document_id, link.document.file.name)
        for link in imported("SPVM-2023-014").files.all()
    ]

    changed = [{**ROWS[0], "title": "Interpellations à Montréal : bilan révisé"}, *ROWS[1:]]
    out, err, error = run_import(write_manifest(folder, changed))

    assert error is None, err
    assert "Research items: 0 created, 1 updated, 2 unchanged, 0 failed." in out
    page = imported("SPVM-2023-014")
    assert page.title == "Interpellations à Montréal : bilan révisé"
    assert page.live and not page.has_unpublished_changes
    files_after = [(link.document_id, link.document.file.name) for link in page.files.all()]
    assert files_after == files_before
    assert counts() == (3, 2)


@pytest.mark.django_db
def test_an_item_is_found_by_its_source_id_even_after_an_editor_renames_its_slug(
    folder, research_index
):
    run_import(write_manifest(folder, ROWS))
    page = imported("SPVM-2023-014")
    assert page.source_id == "SPVM-2023-014"
    page.slug = "interpellations-montreal"
    page.save_revision().publish()

    changed = [{**ROWS[0], "title": "Titre revu"}, *ROWS[1:]]
    out, err, error = run_import(write_manifest(folder, changed))

    assert error is None, err
    assert "Research items: 0 created, 1 updated, 2 unchanged, 0 failed." in out
    assert ResearchPage.objects.get(source_id="SPVM-2023-014").title == "Titre revu"
    assert counts() == (3, 2)


@pytest.mark.django_db
def test_a_changed_file_is_replaced_and_a_removed_file_unlinked(folder, research_index):
    run_import(write_manifest(folder, ROWS))
    pdf, docx = (link.document for link in imported("SPVM-2023-014").files.all())
    ResearchDocument.objects.filter(pk=pdf.pk).update(status="indexed")
    (folder / "rapports" / "rapport_complet.pdf").write_bytes(make_pdf("Version révisée."))

    changed = [{**ROWS[0], "files": "rapports/rapport_complet.pdf"}, *ROWS[1:]]
    out, err, error = run_import(write_manifest(folder, changed))

    assert error is None, err
    assert "0 created, 1 updated, 2 unchanged, 0 failed." in out
    links = list(imported("SPVM-2023-014").files.all())
    assert [link.document_id for link in links] == [pdf.pk]
    replaced = links[0].document
    assert replaced.file.name != pdf.file.name
    assert replaced.file.read() == (folder / "rapports" / "rapport_complet.pdf").read_bytes()
    assert replaced.status == "pending"
    # Unlinked, not deleted: the document stays in the library.
    assert ResearchDocument.objects.filter(pk=docx.pk).exists()


# --- bad rows and bad manifests -----------------------------------------------------------


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_while_good_rows_import(folder, research_index):
    rows = [
        # Line 2, spanning lines 2-3: the summary holds a line break.
        {**ROWS[0], "summary": "Première ligne.\nDeuxième ligne."},
        {**ROWS[1], "id": "bad-org", "organisation": "xyz"},  # line 4
        {**ROWS[1], "id": "bad-date", "published": "2023-13-01"},  # line 5
        {**ROWS[1], "id": "bad-theme", "themes": "youth; foo"},  # line 6
        {**ROWS[1], "id": "no-title", "title": " "},  # line 7
        {**ROWS[1], "id": "no-file", "files": "rapports/x.pdf"},  # line 8
        {**ROWS[1], "id": "SPVM-2023-014"},  # line 9
        {**ROWS[1], "id": "bad-edition", "edition": "23"},  # line 10
        {**ROWS[1], "id": "no-such-edition", "edition": "1999"},  # line 11
        ROWS[2],  # line 12
    ]
    out, err, error = run_import(write_manifest(folder, rows))

    themes = (
        "community-trust, cybercrime, edi, fraud, gender-based-violence, mental-health, "
        "neighbourhoods, organised-crime, racial-social-profiling, road-safety, transparency, "
        "vulnerable-adults, workforce-wellbeing, youth"
    )
    assert err.splitlines() == [
        'Line 4: unknown organisation slug "xyz" (known: cpo, enpq, msp, ops, spvm, spvq, sq)',
        'Line 5: bad date "2023-13-01" in column "published" (expected YYYY-MM-DD or YYYY)',
        f'Line 6: unknown theme "foo" (known: {themes})',
        'Line 7: missing value in required column "title"',
        'Line 8: file not found "rapports/x.pdf"',
        'Line 9: duplicate id "SPVM-2023-014", already used on line 2',
        'Line 10: edition "23" is not a 4-digit year',
        'Line 11: no Rencontre edition for the year "1999" (known: 2023)',
    ]
    assert "Research items: 2 created, 0 updated, 0 unchanged, 8 failed." in out
    assert error == "8 rows failed; see the messages above."
    assert imported("SPVM-2023-014").summary == "Première ligne.\nDeuxième ligne."
    assert imported("OPS 77").live
    assert ResearchPage.objects.count() == 2


@pytest.mark.django_db
def test_an_unknown_header_column_refuses_the_whole_manifest(folder, research_index):
    path = write_manifest(folder, ROWS, columns=[*COLUMNS, "budget"])

    run = run_import(path)

    assert run.error == (
        'Unknown column(s) in the header: "budget". Expected columns: ' + ", ".join(COLUMNS) + "."
    )
    assert ResearchPage.objects.count() == 0


@pytest.mark.django_db
def test_a_header_without_a_required_column_is_refused(folder, research_index):
    columns = [column for column in COLUMNS if column != "summary"]

    run = run_import(write_manifest(folder, ROWS, columns=columns))

    assert run.error.startswith("Required column(s) missing from the header: summary.")
    assert ResearchPage.objects.count() == 0


@pytest.mark.django_db
def test_file_paths_leaving_the_manifest_folder_are_refused(tmp_path, research_index):
    folder = tmp_path / "lot"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("hors du dossier")
    rows = [
        {**ROWS[1], "id": "up", "files": "../secret.txt"},
        {**ROWS[1], "id": "absolute", "files": str(tmp_path / "secret.txt")},
    ]

    run = run_import(write_manifest(folder, rows))

    refused = "refused: it must be relative and stay inside the manifest's folder"
    assert run.err.splitlines() == [
        f'Line 2: file path "../secret.txt" {refused}',
        f'Line 3: file path "{tmp_path / "secret.txt"}" {refused}',
    ]
    assert run.error == "2 rows failed; see the messages above."
    assert counts() == (0, 0)


@pytest.mark.django_db
def test_without_a_research_index_the_import_stops(folder, research_index):
    research_index.delete()
    # The English index is left: items are never published under it.
    assert not ResearchIndexPage.objects.filter(locale__language_code="fr").exists()

    run = run_import(write_manifest(folder, ROWS))

    assert run.error == "There is no research index page to publish under: create one first."


# --- waiting for extraction ---------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def instant_extraction():
    """Stands in for a worker: each stored document is done at once, the DOCX one failing."""

    def extracted(sender, instance, **kwargs):
        failed = instance.file.name.endswith(".docx")
        ResearchDocument.objects.filter(pk=instance.pk).update(
            status="failed" if failed else "indexed",
            reason="Le fichier est chiffré." if failed else "",
        )

    post_save.connect(extracted, sender=ResearchDocument, dispatch_uid="test-instant")
    yield
    post_save.disconnect(sender=ResearchDocument, dispatch_uid="test-instant")


@pytest.mark.django_db
def test_wait_returns_at_once_when_the_files_are_already_processed(
    folder, research_index, instant_extraction, monkeypatch
):
    out, err = Terminal(), io.StringIO()
    naps = []
    monkeypatch.setattr("research.importing.waiting.sleep", naps.append)

    call_command(
        "import_research", str(write_manifest(folder, ROWS)), "--wait", stdout=out, stderr=err
    )

    assert naps == []
    output = out.getvalue()
    assert "\r2/2 files processed" in output
    assert "Files: 1 indexed, 1 failed." in output
    assert "Failed: annexe-méthodologique (document " in output
    assert output.rstrip().endswith("): Le fichier est chiffré.")


@pytest.mark.django_db
def test_wait_times_out_with_a_clear_message_when_files_stay_pending(folder, research_index):
    started = time.monotonic()

    run = run_import(write_manifest(folder, ROWS), "--wait", "--timeout", "1")

    assert 1 <= time.monotonic() - started < 10
    assert "Files: 2 pending." in run.out
    assert run.error == (
        "Timed out after 1 s: 2 of 2 files are still pending or processing. "
        "Is a Celery worker running?"
    )


# --- findings and practices -------------------------------------------------------------------


def test_findings_practices_and_emmie_columns_import_with_the_item(folder, research_index):
    row = {
        **ROWS[1],
        "practices": "hot-spots-policing; foot-patrol",
        "findings": "violent-crime:positive; trust-legitimacy : no-effect",
        "mechanism": "Visible presence deters.\n\nOffenders move <elsewhere>?",
        "cost": "Two officers per shift.",
        "independent": "yes",
    }

    run = run_import(write_manifest(folder, [row]))

    assert run.error is None, run.err
    item = imported(row["id"])
    assert [(f.outcome.slug, f.effect.slug) for f in item.findings.all()] == [
        ("violent-crime", "positive"),
        ("trust-legitimacy", "no-effect"),
    ]
    assert sorted(item.practices.values_list("slug", flat=True)) == [
        "foot-patrol",
        "hot-spots-policing",
    ]
    assert item.mechanism == (
        "<p>Visible presence deters.</p><p>Offenders move &lt;elsewhere&gt;?</p>"
    )
    assert (item.cost, item.context, item.independent_evaluation) == (
        "<p>Two officers per shift.</p>",
        "",
        True,
    )
    # The same manifest again changes nothing; a changed finding updates the item.
    assert "0 created, 0 updated, 1 unchanged" in run_import(write_manifest(folder, [row])).out
    changed = {**row, "findings": "violent-crime:mixed"}
    assert "0 created, 1 updated" in run_import(write_manifest(folder, [changed])).out
    assert [(f.outcome.slug, f.effect.slug) for f in imported(row["id"]).findings.all()] == [
        ("violent-crime", "mixed")
    ]


def test_a_bad_finding_or_practice_fails_its_row_with_the_reason(folder, research_index):
    rows = [
        {**ROWS[1], "id": "pair", "findings": "violent-crime positive"},  # line 2
        {**ROWS[1], "id": "outcome", "findings": "happiness:positive"},  # line 3
        {**ROWS[1], "id": "effect", "findings": "violent-crime:great"},  # line 4
        {**ROWS[1], "id": "practice", "practices": "prayer"},  # line 5
        {**ROWS[1], "id": "flag", "independent": "maybe"},  # line 6
        {**ROWS[1], "id": "good", "findings": "disorder:inconclusive", "independent": "non"},
    ]

    out, err, error = run_import(write_manifest(folder, rows))

    lines = err.splitlines()
    assert lines[0] == (
        'Line 2: finding "violent-crime positive" is not an outcome:effect pair '
        "(for example violent-crime:positive)"
    )
    assert lines[1].startswith('Line 3: unknown outcome "happiness" (known: calls-for-service, ')
    assert lines[2] == (
        'Line 4: unknown effect "great" (known: inconclusive, mixed, negative, no-effect, positive)'
    )
    assert lines[3].startswith('Line 5: unknown practice "prayer" (known: automated-speed-')
    assert lines[4] == 'Line 6: "maybe" is not a valid independent (expected one of: yes, no)'
    assert len(lines) == 5
    assert "1 created, 0 updated, 0 unchanged, 5 failed." in out
    assert error == "5 rows failed; see the messages above."
    good = imported("good")
    assert [(f.outcome.slug, f.effect.slug) for f in good.findings.all()] == [
        ("disorder", "inconclusive")
    ]
    assert good.independent_evaluation is False

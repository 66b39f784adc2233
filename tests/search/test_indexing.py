"""The search index follows publishing: publish, unpublish, drafts, delete, move, files."""

import datetime
import logging
import re
from dataclasses import asdict
from types import SimpleNamespace

import pytest
from kombu.exceptions import OperationalError

from portal.models import Organisation
from research.access import Viewer
from research.models import (
    Approach,
    Effect,
    EvidenceLevel,
    ExtractionStatus,
    Outcome,
    Practice,
    ResearchAuthor,
    ResearchFinding,
    ResearchIndexPage,
    ResearchPage,
    ResearchType,
    StudyDesign,
)
from search import indexing
from search.backends import get_search_backend
from search.documents import build_search_document
from search.query import SearchRequest
from search.tasks import index_items_task
from tests.search.documents import research_documents


@pytest.fixture
def publish(make_research_page, django_capture_on_commit_callbacks):
    """Publish an item and run what its commit schedules (the indexing task, eagerly)."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_research_page(**fields)

    return make


def found(text: str = "", **filters) -> list[tuple[int, str]]:
    request = SearchRequest(text=text, filters=filters, viewer=Viewer(unrestricted=True))
    return [(hit.id, hit.url) for hit in get_search_backend().search(request).hits]


def found_ids(text: str = "") -> list[int]:
    return [doc_id for doc_id, _url in found(text)]


def extracted(make_document, text: str, name: str = "rapport.txt"):
    document = make_document(name=name)
    document.extracted_text = text
    document.status = ExtractionStatus.INDEXED
    document.save()
    return document


def test_publishing_an_item_makes_it_searchable(search_index, publish):
    page = publish(title="Vols de catalyseurs à Laval", slug="vols-catalyseurs")

    assert found("catalyseurs") == [(page.pk, "/fr/etudes/vols-catalyseurs/")]


def test_unpublishing_an_item_removes_it(search_index, publish, django_capture_on_commit_callbacks):
    page = publish(title="Vols de catalyseurs à Laval")

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert found_ids("catalyseurs") == []
    assert search_index.count() == 0


def test_a_draft_is_never_indexed(search_index, research_index, django_capture_on_commit_callbacks):
    draft = ResearchPage(
        title="Brouillon sur les catalyseurs",
        slug="brouillon",
        live=False,
        organisation=Organisation.objects.get(slug="spvm"),
        publication_date=datetime.date(2024, 1, 1),
        research_type=ResearchType.objects.get(slug="analysis"),
        design=StudyDesign.objects.get(slug="descriptive"),
        evidence=EvidenceLevel.objects.get(slug="sms-2"),
        summary="Pas encore publié.",
    )

    with django_capture_on_commit_callbacks(execute=True):
        research_index.add_child(instance=draft)
        draft.save_revision()
    indexing.index_items([draft.pk])
    indexing.rebuild_index()

    assert found_ids("catalyseurs") == []
    assert search_index.count() == 0


def test_a_draft_of_a_published_item_leaves_the_published_version_indexed(
    search_index, publish, django_capture_on_commit_callbacks
):
    page = publish(title="Vols de catalyseurs à Laval")

    page.title = "Titre provisoire confidentiel"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    indexing.index_items([page.pk])

    assert found_ids("confidentiel") == []
    assert found_ids("catalyseurs") == [page.pk]


def test_deleting_an_item_removes_it(search_index, publish, django_capture_on_commit_callbacks):
    page = publish(title="Vols de catalyseurs à Laval")

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    assert found_ids("catalyseurs") == []


def test_deleting_the_parent_page_removes_every_item_beneath_it(
    search_index, publish, research_index, django_capture_on_commit_callbacks
):
    publish(title="Vols de catalyseurs à Laval")
    publish(title="Catalyseurs volés à Longueuil")
    assert search_index.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        research_index.delete()

    assert search_index.count() == 0


def test_moving_an_item_keeps_it_with_its_new_url(
    search_index, publish, home_page, django_capture_on_commit_callbacks
):
    page = publish(title="Vols de catalyseurs à Laval", slug="vols-catalyseurs")
    archives = home_page.add_child(instance=ResearchIndexPage(title="Archives", slug="archives"))

    with django_capture_on_commit_callbacks(execute=True):
        page.move(archives, pos="last-child")

    assert found("catalyseurs") == [(page.pk, "/fr/archives/vols-catalyseurs/")]


def test_renaming_the_parent_page_updates_the_urls_beneath_it(
    search_index, publish, research_index, django_capture_on_commit_callbacks
):
    page = publish(title="Vols de catalyseurs à Laval", slug="vols-catalyseurs")

    research_index.slug = "publications"
    with django_capture_on_commit_callbacks(execute=True):
        research_index.save_revision().publish()

    assert found("catalyseurs") == [(page.pk, "/fr/publications/vols-catalyseurs/")]


def test_an_alias_of_an_item_is_not_indexed_twice(search_index, publish, home_page):
    page = publish(title="Vols de catalyseurs à Laval")
    archives = home_page.add_child(instance=ResearchIndexPage(title="Archives", slug="archives"))
    page.create_alias(parent=archives)

    assert indexing.rebuild_index() == 1
    assert found_ids("catalyseurs") == [page.pk]


def test_a_word_found_only_in_an_attached_file_finds_the_item(search_index, publish, make_document):
    document = extracted(make_document, "Annexe : le mot zygomorphe n'apparaît qu'ici.")
    page = publish(title="Vols de catalyseurs à Laval", files=[document])

    assert found_ids("zygomorphe") == [page.pk]


def test_the_broker_being_down_does_not_break_publishing(
    search_index, publish, monkeypatch, caplog
):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(index_items_task, "apply_async", unreachable)

    with caplog.at_level(logging.ERROR, logger="search.signals"):
        page = publish(title="Vols de catalyseurs à Laval")

    assert ResearchPage.objects.live().filter(pk=page.pk).exists()
    assert found_ids("catalyseurs") == []
    # The message names every item waiting, this one among them.
    assert re.search(
        rf"research items \[[0-9, ]*\b{page.pk}\b[0-9, ]*\] not reindexed", caplog.text
    )
    assert "Vols de catalyseurs à Laval" in caplog.text


def test_the_summary_in_the_other_language_is_searched_and_highlighted(search_index, publish):
    page = publish(
        title="Vols de catalyseurs à Laval",
        other_language_summary="Catalytic converter thefts from parked hybrids.",
    )
    assert found_ids("catalytic converter") == [page.pk]
    request = SearchRequest(text="hybrids", viewer=Viewer(unrestricted=True))
    (hit,) = get_search_backend().search(request).hits
    assert "thefts from parked <mark>hybrids</mark>." in hit.highlights["summary"][0]


def test_a_themes_labels_find_its_items_in_both_languages(search_index, publish):
    page = publish(title="Vols de catalyseurs à Laval", themes=["community-trust"])

    assert found_ids("community trust") == [page.pk]
    assert found_ids("confiance") == [page.pk]


def test_renaming_a_label_reindexes_the_items_filed_under_it(
    search_index, publish, django_capture_on_commit_callbacks
):
    from research.models import Theme

    page = publish(title="Vols de catalyseurs à Laval", themes=["community-trust"])
    theme = Theme.objects.get(slug="community-trust")
    theme.label_en = "Public confidence"

    with django_capture_on_commit_callbacks(execute=True):
        theme.save()

    assert found_ids("confidence") == [page.pk]
    assert found_ids("trust") == []


def test_index_items_indexes_live_items_and_removes_the_rest(search_index, make_research_page):
    kept = make_research_page(title="Vols de catalyseurs à Laval")
    gone = make_research_page(title="Catalyseurs volés à Longueuil")
    indexing.rebuild_index()
    gone.unpublish()

    result = indexing.index_items([kept.pk, gone.pk, 999_999])

    assert result.indexed == [kept.pk]
    assert result.removed == [gone.pk, 999_999]
    assert found_ids("catalyseurs") == [kept.pk]


def test_rebuild_indexes_every_live_item_and_reports_the_status(search_index, make_research_page):
    make_research_page(title="Vols de catalyseurs à Laval")
    make_research_page(title="Profilage à Québec", access="community")
    make_research_page(title="Brouillon").unpublish()

    assert indexing.rebuild_index() == 2
    assert indexing.index_status() == {
        "live": 2,
        "indexed": 2,
        "in_sync": True,
        "by_access": {"public": 1, "community": 1, "organisation": 0},
    }


def test_the_search_document_of_a_known_item(make_research_page, make_document):
    first = extracted(make_document, "Texte du rapport : méthodologie.", name="a.txt")
    pending = make_document(name="b.txt")
    last = extracted(make_document, "Annexe B : questionnaire.", name="c.txt")
    page = make_research_page(
        title="Interpellations et profilage racial à Montréal",
        slug="interpellations-montreal",
        publication_date=datetime.date(2021, 6, 15),
        access="organisation",
        themes=["racial-social-profiling", "community-trust"],
        files=[first, pending, last],
        key_findings="<ul><li>Quatre fois plus</li><li>Écart &amp; tendance</li></ul>",
        recommendations="<p>Encadrer les <b>interpellations</b>.</p>",
        body=[
            ("heading", "Contexte"),
            ("paragraph", "<p>Les données de 2014<br/>à 2017.</p>"),
            ("table", {"data": [["Année", "Nombre"], ["2014", "100"]]}),
        ],
    )
    page.partners = list(Organisation.objects.filter(slug__in=["enpq", "msp"]))
    page.approaches = [Approach.objects.get(slug="evidence-based")]
    page.authors = [
        ResearchAuthor(name="Victor Armony", affiliation="UQAM", sort_order=0),
        ResearchAuthor(name="Mariam Hassaoui", sort_order=1),
    ]
    page.tags.add("profilage racial", "interpellations")
    # Findings in the analyst's order, which is not the alphabetical one.
    page.findings = [
        ResearchFinding(
            outcome=Outcome.objects.get(slug=outcome),
            effect=Effect.objects.get(slug=effect),
            sort_order=position,
        )
        for position, (outcome, effect) in enumerate(
            [("trust-legitimacy", "no-effect"), ("disparities", "positive")]
        )
    ]
    page.practices = [Practice.objects.get(slug="procedural-justice")]
    page.save_revision().publish()
    page = indexing.indexable_items().get(pk=page.pk)

    document = next(indexing.search_documents([page], {page.pk: 7}))

    assert asdict(document).keys() == asdict(research_documents()[0]).keys()
    assert asdict(document) == {
        "id": page.pk,
        "url": "/fr/etudes/interpellations-montreal/",
        "title": "Interpellations et profilage racial à Montréal",
        "summary": "Analyse des interpellations menées en 2021 et 2022.",
        "findings": "Quatre fois plus\nÉcart & tendance",
        "body": "Encadrer les interpellations.\n\nContexte\n\nLes données de 2014\nà 2017."
        "\n\nAnnée Nombre\n2014 100",
        "files_text": "Texte du rapport : méthodologie.\n\nAnnexe B : questionnaire.",
        "authors": ["Victor Armony", "Mariam Hassaoui"],
        "language": "fr",
        "published": "2021-06-15",
        "year": 2021,
        "organisation": "spvm",
        "partners": ["enpq", "msp"],
        "type": "analysis",
        "design": "descriptive",
        "evidence": "sms-2",
        "approach": ["evidence-based"],
        "theme": ["community-trust", "racial-social-profiling"],
        "region": ["Montréal"],
        "edition": [],
        "tag": ["interpellations", "profilage racial"],
        "objective": [],
        "access": "organisation",
        "access_organisations": ["spvm"],
        "outcome": ["disparities", "trust-legitimacy"],
        "effect": ["no-effect", "positive"],
        "practice": ["procedural-justice"],
        "finding_pairs": ["trust-legitimacy:no-effect", "disparities:positive"],
        # Themes, then approaches, practices and outcomes, each in French and in English.
        "labels": [
            "Profilage racial et social",
            "Racial and social profiling",
            "Confiance de la population",
            "Community trust",
            "Police fondée sur les données probantes",
            "Evidence-based policing",
            "Justice procédurale",
            "Procedural justice",
            "Confiance et légitimité",
            "Trust and legitimacy",
            "Disparités raciales ou sociales dans les interventions policières",
            "Racial or social disparities in police contacts",
        ],
        # Type, design, then the organisation and its partners: names and short names.
        "record_labels": [
            "Analyse",
            "Analysis",
            "Descriptif",
            "Descriptive",
            "Service de police de la Ville de Montréal",
            "Montréal Police Service",
            "SPVM",
            "Ministère de la Sécurité publique du Québec",
            "Québec Ministry of Public Security",
            "MSP",
            "École nationale de police du Québec",
            "Québec National Police Academy",
            "ENPQ",
        ],
        # The same labels of what it is about, one language each: what is embedded.
        "labels_fr": [
            "Profilage racial et social",
            "Confiance de la population",
            "Police fondée sur les données probantes",
            "Justice procédurale",
            "Confiance et légitimité",
            "Disparités raciales ou sociales dans les interventions policières",
        ],
        "labels_en": [
            "Racial and social profiling",
            "Community trust",
            "Evidence-based policing",
            "Procedural justice",
            "Trust and legitimacy",
            "Racial or social disparities in police contacts",
        ],
        "version": 7,
        "vectors": None,  # no embedding model in the tests' settings
    }


def test_building_documents_costs_a_fixed_number_of_queries(
    make_research_page, make_document, django_assert_max_num_queries
):
    for number in range(10):
        files = [extracted(make_document, f"Texte {number}", name=f"{number}.txt")]
        page = make_research_page(title=f"Étude {number}", files=files)
        page.tags.add("interpellations", f"etude-{number}")
        page.save_revision().publish()
    indexing.french_path(ResearchPage.objects.first())  # warms the site root paths cache

    # One query per relation a document reads (the findings and practices included), whatever
    # the number of items.
    with django_assert_max_num_queries(10):
        documents = list(indexing.search_documents(indexing.indexable_items(), {}))

    assert len(documents) == 10
    assert all(document.files_text and document.tag for document in documents)


def test_rich_text_becomes_plain_words_without_markup_or_scripts():
    def many(*values):
        return SimpleNamespace(all=lambda: list(values))

    def slug(slug):
        return SimpleNamespace(slug=slug, label_fr=f"{slug} (fr)", label_en=f"{slug} (en)")

    page = SimpleNamespace(
        pk=7,
        title="Étude",
        summary="Résumé",
        other_language_summary="Summary",
        key_findings="<p>Un&nbsp;<i>constat</i><script>alert('x')</script></p><p>l&#39;écart</p>",
        recommendations="",
        body=[{"type": "paragraph", "value": "<h2>Titre</h2>Texte <a href='/x'>lié</a>"}],
        files=many(SimpleNamespace(document=SimpleNamespace(extracted_text=""))),
        authors=many(),
        language="fr",
        publication_date=datetime.date(2020, 1, 31),
        organisation=SimpleNamespace(
            slug="spvq", name_fr="SPVQ", name_en="Quebec City Police", acronym_fr="", acronym_en=""
        ),
        partners=many(),
        research_type=slug(slug="analysis"),
        design=slug(slug="descriptive"),
        evidence=slug(slug="unrated"),
        approaches=many(),
        themes=many(),
        tags=many(SimpleNamespace(name="b"), SimpleNamespace(name="a")),
        region="",
        access="public",
        edition=SimpleNamespace(year=2024),
        objective_links=many(
            SimpleNamespace(objective=SimpleNamespace(code="ops-2023-2-1")),
            SimpleNamespace(objective=SimpleNamespace(code="cpo-2021-youth-research")),
        ),
        findings=many(),
        practices=many(),
    )

    document = build_search_document(page, url="/fr/etudes/etude/", version=0)

    assert document.summary == "Résumé\n\nSummary"  # both summaries are searched
    assert document.findings == "Un constat\nl'écart"
    assert document.body == "Titre\nTexte lié"
    assert document.files_text == ""
    assert (document.tag, document.region, document.year) == (["a", "b"], [], 2020)
    assert (document.edition, document.objective) == (
        ["2024"],
        ["cpo-2021-youth-research", "ops-2023-2-1"],
    )

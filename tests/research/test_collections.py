"""Curated collections: the curator's order and notes, access, and the citation list."""

import datetime
import re

import bibtexparser
import pytest
import rispy
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.models import Membership, Organisation
from research.models import CollectionIndexPage, CollectionPage

COLLECTION_URL = "/fr/collections/lectures-essentielles/"


@pytest.fixture
def studies(make_research_page):
    return {
        "profilage": make_research_page(
            title="Profilage racial : portrait 2014-2017",
            slug="profilage",
            publication_date=datetime.date(2019, 10, 8),
            doi="10.5555/profilage.2019",
        ),
        "confiance": make_research_page(
            title="Confiance envers la police",
            slug="confiance",
            publication_date=datetime.date(2022, 4, 1),
        ),
        "interne": make_research_page(
            title="Note interne sur les interpellations",
            slug="interne",
            access="organisation",
        ),
    }


def collection_form(entries, initial=0, **overrides):
    return nested_form_data(
        {
            "title": "Lectures essentielles",
            "slug": "lectures-essentielles",
            "introduction": "Pour comprendre le profilage.",
            "curator": "Comité de programme",
            "edition": overrides.pop("edition", ""),
            "entries": inline_formset(entries, initial=initial),
            "comments": inline_formset([]),
            "action-publish": "publish",
            **overrides,
        }
    )


def entry(item, note, order):
    return {"item": item.pk, "note": note, "ORDER": order}


@pytest.fixture
def collection(admin_client, studies):
    """Chosen in one order, then dragged: the curator's order is confiance, interne, profilage."""
    index = CollectionIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=("research", "collectionpage", index.pk))
    form = collection_form(
        [
            entry(studies["profilage"], "Le portrait de référence.", 3),
            entry(studies["confiance"], "À lire en premier.", 1),
            entry(studies["interne"], "Pour les membres du SPVM.", 2),
        ]
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    return CollectionPage.objects.get(slug="lectures-essentielles")


def titles_in(html: str) -> list[str]:
    return re.findall(r'class="research-card__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def test_the_collection_keeps_the_curators_order_and_notes(client, collection):
    assert [e.item.slug for e in collection.entries.order_by("sort_order")] == [
        "confiance",
        "interne",
        "profilage",
    ]
    member = get_user_model().objects.create_user("membre", password="x")
    Membership.objects.create(user=member, organisation=Organisation.objects.get(slug="spvm"))
    client.force_login(member)

    html = client.get(COLLECTION_URL).content.decode()

    assert titles_in(html) == [
        "Confiance envers la police",
        "Note interne sur les interpellations",
        "Profilage racial : portrait 2014-2017",
    ]
    assert html.index("À lire en premier.") < html.index("Le portrait de référence.")


def test_reordering_in_the_admin_changes_the_order_readers_see(client, admin_client, collection):
    # As the admin's drag and drop does: each form stays in place, its ORDER changes.
    wanted = {"profilage": 1, "confiance": 2, "interne": 3}
    form = collection_form(
        [
            {**entry(e.item, e.note, wanted[e.item.slug]), "id": e.pk}
            for e in collection.entries.order_by("sort_order")
        ],
        initial=3,
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[collection.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]

    html = client.get(COLLECTION_URL).content.decode()

    assert titles_in(html) == [
        "Profilage racial : portrait 2014-2017",
        "Confiance envers la police",
    ]


def test_anonymous_readers_see_only_public_items_and_citations(client, collection):
    response = client.get(COLLECTION_URL)
    html = response.content.decode()

    assert "private" in response["Cache-Control"]
    assert titles_in(html) == [
        "Confiance envers la police",
        "Profilage racial : portrait 2014-2017",
    ]
    assert "Pour les membres du SPVM." not in html
    assert 'href="/fr/collections/lectures-essentielles/citations/"' in html

    citations = client.get("/fr/collections/lectures-essentielles/citations/")
    assert citations["Content-Type"] == "text/plain; charset=utf-8"
    assert citations.content.decode().splitlines() == [
        "Lectures essentielles",
        "",
        "1. Exemple, C. (2022). Confiance envers la police [Analyse]. Service de police de la "
        "Ville de Montréal. http://testserver/fr/etudes/confiance/",
        "",
        "2. Exemple, C. (2019). Profilage racial : portrait 2014-2017 [Analyse]. Service de "
        "police de la Ville de Montréal. https://doi.org/10.5555/profilage.2019",
    ]
    bibtex = client.get("/fr/collections/lectures-essentielles/citations/bib/")
    entries = bibtexparser.parse_string(bibtex.content.decode()).entries
    assert [entry["title"] for entry in entries] == [
        "{Confiance envers la police}",
        "{Profilage racial : portrait 2014-2017}",
    ]
    ris = client.get("/fr/collections/lectures-essentielles/citations/ris/").content.decode()
    assert [entry["title"] for entry in rispy.loads(ris)] == titles_in(html)
    assert client.get("/fr/collections/lectures-essentielles/citations/odt/").status_code == 404


def test_a_collection_of_an_edition_is_listed_on_the_edition_page(
    client, admin_client, studies, search_index, make_edition
):
    edition = make_edition(2024, theme_fr="Confiance", venue="Québec")
    index = CollectionIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=("research", "collectionpage", index.pk))
    form = collection_form(
        [entry(studies["confiance"], "", 1)],
        title="Le meilleur de la Rencontre 2024",
        slug="meilleur-2024",
        edition=edition.pk,
    )
    assert admin_client.post(url, form).status_code == 302

    edition_html = client.get("/fr/rencontres/2024/").content.decode()
    collection_html = client.get("/fr/collections/meilleur-2024/").content.decode()

    assert 'href="/fr/collections/meilleur-2024/"' in edition_html
    assert 'href="/fr/rencontres/2024/"' in collection_html
    assert 'href="/fr/recherche/?edition=2024"' in collection_html


def test_an_item_chosen_twice_is_refused_with_its_title_and_nothing_is_saved(admin_client, studies):
    index = CollectionIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=("research", "collectionpage", index.pk))
    form = collection_form(
        [
            entry(studies["confiance"], "À lire en premier.", 1),
            entry(studies["profilage"], "", 2),
            entry(studies["confiance"], "Encore.", 3),
        ]
    )

    response = admin_client.post(url, form)

    assert response.status_code == 200
    html = response.content.decode()
    assert "« Confiance envers la police » est déjà dans cette collection" in html
    assert not CollectionPage.objects.filter(slug="lectures-essentielles").exists()


def test_the_page_editor_does_not_autosave_in_the_background(admin_client, collection):
    """Wagtail 8.0's autosave can insert a new entry once more per cycle (wagtail#14568):
    the editor's form carries no autosave controller, only the unsaved-changes warning."""
    index = CollectionIndexPage.objects.get(locale__language_code="fr")
    pages = [
        reverse("wagtailadmin_pages:add", args=("research", "collectionpage", index.pk)),
        reverse("wagtailadmin_pages:edit", args=[collection.pk]),
    ]
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert "w-unsaved" in html
        assert "data-w-autosave-interval-value" not in html

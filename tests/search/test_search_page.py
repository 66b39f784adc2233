"""The search page: a GET form over the same service, in French and English, without JavaScript."""

import html
import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from search.backends import get_search_backend, reset_search_backend
from tests.search.documents import research_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indexed():
    reset_search_backend()
    backend = get_search_backend()
    backend.clear()
    backend.index_documents(research_documents())
    yield backend
    backend.clear()
    reset_search_backend()


def page_url(language):
    with translation.override(language):
        return reverse("search_page")


def get(client, ui="fr", **params):
    return client.get(page_url(ui), params)


def links(page_html, css_class):
    """The query parameters of each link with this class, in page order."""
    hrefs = re.findall(rf'<a href="([^"]*)" class="{css_class}"', page_html)
    return [parse_qs(urlsplit(html.unescape(href)).query) for href in hrefs]


def checkbox(name, value, checked=False):
    state = " checked" if checked else ""
    return f'name="{name}" value="{value}"{state}>'


def test_the_page_has_a_translated_address(client):
    assert page_url("fr") == "/fr/recherche/"
    assert page_url("en") == "/en/search/"
    page = client.get("/fr/recherche/", {"q": "violence"}).content.decode()
    assert 'href="/en/search/?q=violence" hreflang="en"' in page


def test_french_page_shows_highlighted_hits_and_facets(client):
    response = get(client, q="santé mentale")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "Private" not in page and "private" in response["Cache-Control"]
    assert '<a href="/fr/recherche/item-105/"><mark>Santé</mark> <mark>mentale</mark> et' in page
    assert "École nationale de police du Québec" in page
    assert "Revue de littérature" in page
    assert checkbox("theme", "mental-health") in page
    # The English study on mental health is found through the thesaurus.
    assert 'Santé mentale <span class="search-facet__count">(2)</span>' in page
    assert "<legend>" in page and '<label for="search-q">' in page


def test_english_page_labels_in_english(client):
    page = get(client, "en", q="mental").content.decode()
    assert '<html lang="en">' in page
    assert "2 results" in page  # "mentale" in French, "mental" in English
    assert "Mental health" in page and "Québec National Police Academy" in page
    assert "Literature review" in page
    assert '<a href="/en/research/item-104/">co-response teams for <mark>mental</mark>' in page


def test_checked_boxes_filter_and_stay_checked(client):
    page = get(client, "en", theme=["road-safety", "fraud"], year_from="2020").content.decode()
    assert checkbox("theme", "road-safety", checked=True) in page
    assert checkbox("theme", "fraud", checked=True) in page
    assert checkbox("theme", "youth") in page
    assert "2 results" in page
    assert 'name="year_from" value="2020"' in page


def test_each_active_filter_links_to_the_page_without_it(client):
    page = get(
        client, "en", q="analyse", theme=["road-safety", "fraud"], language="fr", year_to="2023"
    ).content.decode()
    assert links(page, "active-filter") == [
        {"q": ["analyse"], "theme": ["fraud"], "language": ["fr"], "year_to": ["2023"]},
        {"q": ["analyse"], "theme": ["road-safety"], "language": ["fr"], "year_to": ["2023"]},
        {"q": ["analyse"], "theme": ["road-safety", "fraud"], "year_to": ["2023"]},
        {"q": ["analyse"], "theme": ["road-safety", "fraud"], "language": ["fr"]},
    ]
    assert "Theme: Road safety" in page and "Language: French" in page


def test_no_results_suggests_removing_filters(client):
    page = get(client, "en", q="violence", organisation="msp").content.decode()
    assert "0 results" in page
    assert "No research matches this search." in page
    assert 'href="?q=violence"' in page  # remove "Organisation: MSP", or all filters
    assert "Remove “Organisation: Québec Ministry of Public Security”" in page


def test_no_results_without_filters_suggests_other_words(client):
    page = get(client, "en", q="zzzzqqq").content.decode()
    assert "Try fewer or different words" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "page must be a whole number."),
        ({"size": "500"}, "size must be between 1 and 100."),
        ({"sort": "best"}, "sort must be one of relevance, newest, oldest, title, evidence."),
        (
            {"year_from": "2024", "year_to": "2019"},
            "The publication year “From” must not come after “Until”.",
        ),
        ({"expand": "2"}, "expand must be 0 or 1."),
    ],
)
def test_a_bad_parameter_is_explained_with_status_400(client, params, message):
    response = get(client, "en", **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_pages_keep_the_search_state(client):
    page = get(client, "en", theme="vulnerable-adults", size="1").content.decode()
    (next_href,) = re.findall(r'<a rel="next" href="([^"]*)"', page)
    assert parse_qs(urlsplit(html.unescape(next_href)).query) == {
        "theme": ["vulnerable-adults"],
        "size": ["1"],
        "page": ["2"],
    }
    assert "Page 1 of 2" in page


def test_anonymous_visitors_see_only_public_items(client):
    page = get(client, "en").content.decode()
    assert "6 results" in page
    for hidden in (102, 107, 108, 109):
        assert f"item-{hidden}/" not in page
    assert checkbox("organisation", "sq") not in page


def test_markup_in_a_title_is_shown_as_text(client, indexed):
    document = replace(
        research_documents()[0],
        title="<script>alert('titre')</script> Rapport sur les interpellations",
    )
    indexed.index_documents([document])
    for params in ({}, {"q": "rapport"}):
        page = get(client, **params).content.decode()
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(" in page


def test_the_header_search_box_leads_to_the_page(client):
    page = client.get("/en/").content.decode()
    assert f'action="{page_url("en")}"' in page


@pytest.mark.usefixtures("index_from_an_older_schema")
def test_an_engine_that_cannot_answer_is_explained_with_status_503(client):
    response = get(client, ui="en", q="violence")
    assert response.status_code == 503
    assert "Search is unavailable for the moment." in response.content.decode()


def test_the_page_says_which_terms_the_thesaurus_added(client):
    page = get(client, "en", q="mental health").content.decode()
    assert "2 results" in page
    assert "The thesaurus added related terms, in French and English, to this search:" in page
    assert 'for “mental health”:\n          <span lang="fr">santé mentale</span>' in page
    (toggle,) = links(page, "search__expansion-toggle")
    assert toggle == {"q": ["mental health"], "expand": ["0"]}
    # The French study was found through the thesaurus, and says so.
    french_hit = page[page.index("/en/recherche/item-105/") :]
    assert 'Found through the thesaurus:\n      <span lang="fr">santé mentale</span>' in french_hit


def test_the_french_page_says_it_in_french(client):
    page = get(client, "fr", q="mental health").content.decode()
    assert "Le thésaurus a ajouté des termes apparentés" in page
    assert "Trouvé grâce au thésaurus" in page


def test_expansion_can_be_turned_off_and_stays_off(client):
    page = get(client, "en", q="mental health", expand="0").content.decode()
    assert "1 result" in page
    assert "Related terms from the thesaurus are not searched." in page
    assert '<input type="hidden" name="expand" value="0">' in page
    (toggle,) = links(page, "search__expansion-toggle")
    assert toggle == {"q": ["mental health"]}
    # Filtering and removing filters keep it off.
    facet_page = get(client, "en", q="mental health", expand="0", language="en").content.decode()
    assert "1 result" in facet_page
    (remove,) = links(facet_page, "active-filter")
    assert remove == {"q": ["mental health"], "expand": ["0"]}


def test_no_notice_when_the_thesaurus_has_nothing_to_add(client):
    page = get(client, "en", q="collisions").content.decode()
    assert "search__expansion" not in page


def test_numbers_are_written_the_way_each_language_writes_them(client, indexed):
    public_item = research_documents()[0]
    indexed.index_documents(replace(public_item, id=10_000 + n) for n in range(1234))
    # 1,234 copies of item 101 and item 101 itself: 1,235 public SPVM items.
    french = get(client, "fr", organisation="spvm", size="1").content.decode()
    assert "1\xa0235 résultats" in french
    assert '<span class="search-facet__count">(1\xa0235)</span>' in french
    english = get(client, "en", organisation="spvm", size="1").content.decode()
    assert "1,235 results" in english
    assert '<span class="search-facet__count">(1,235)</span>' in english


def test_active_filters_follow_french_typography(client):
    page = get(client, "fr", theme=["road-safety"]).content.decode()
    assert "Thème\u00a0: Sécurité routière" in page


def test_facet_values_typed_by_editors_are_escaped_in_the_checkboxes(client, indexed):
    # A region is free text typed by an editor: it must come out as text, never as markup.
    document = replace(research_documents()[0], id=900, region=['Nord "haut" <b>& sud</b>'])
    indexed.index_documents([document])
    page = get(client).content.decode()
    assert (
        'name="region" value="Nord &quot;haut&quot; &lt;b&gt;&amp; sud&lt;/b&gt;">'
        in page.replace("\n", "")
    )
    assert (
        'Nord &quot;haut&quot; &lt;b&gt;&amp; sud&lt;/b&gt; <span class="search-facet__count">'
        in page
    )
    assert "<b>& sud</b>" not in page


def test_each_hit_shows_its_level_design_and_findings_in_words(client):
    page = get(client, "en", q="co-response").content.decode()
    card = page[page.index('<article class="search-hit">') :]
    card = card[: card.index("</article>")]
    assert f'<a class="sms-badge" href="{reverse_rule("en")}#sms-3"' in card
    assert "SMS 3 — before-after with a comparison group</a>" in card
    assert "Design: Quasi-experimental" in card
    findings = re.findall(r"<li>(.*?)</li>", card)
    text = [re.sub(r"<[^>]+>", "", finding) for finding in findings]
    assert text == ["Use of force →: Mixed effect", "Calls for service →: Positive effect"]
    assert 'class="effect effect--positive">Positive effect</span>' in card
    assert (
        'Practices evaluated: <a href="/en/practices/mental-health-co-response/">'
        "Mental health co-response</a>" in " ".join(card.split())
    )


def test_the_french_card_says_it_in_french(client):
    page = get(client, "fr", q="violence conjugale").content.decode()
    assert ">Non évalué</a>" in page
    assert "Devis\u00a0: Analyse criminelle" in page
    assert "Victimisation répétée" in page and ">Effet positif</span>" in page


def test_the_sort_selector_offers_the_strongest_evidence_first(client):
    page = get(client, "en", sort="evidence").content.decode()
    assert '<option value="evidence" selected>Strongest evidence first</option>' in page
    hits = re.findall(r'<h3 class="search-hit__title" lang="\w+"><a href="([^"]+)"', page)
    assert [href.rsplit("-", 1)[1].strip("/") for href in hits] == [
        "104", "106", "101", "103", "110", "105"
    ]  # fmt: skip


def reverse_rule(language):
    with translation.override(language):
        return reverse("evidence_rule")


def test_a_page_past_the_end_redirects_to_the_last_page_and_says_so(client):
    response = get(client, "en", theme="vulnerable-adults", size="1", page="10")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == page_url("en")
    assert parse_qs(target.query) == {"theme": ["vulnerable-adults"], "size": ["1"], "page": ["2"]}
    page = client.get(response["Location"]).content.decode()
    assert "Page 10 does not exist: this search has 2 pages. Here is the last one." in page
    assert "Page 2 of 2" in page and "Page 10" not in page.replace("Page 10 does not", "")
    # The notice is said once.
    assert "does not exist" not in client.get(response["Location"]).content.decode()


def test_a_page_past_the_end_of_a_search_without_results_goes_to_the_first(client):
    response = get(client, "fr", q="zzzzqqq", page="5")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query) == {"q": ["zzzzqqq"]}
    page = client.get(response["Location"]).content.decode()
    assert "La page 5 n\u2019existe pas : cette recherche tient en 1 page. La voici." in page


def test_a_reversed_year_range_is_explained_beside_the_year_fields(client):
    response = get(client, "fr", q="violence", year_from="2024", year_to="2019")
    page = response.content.decode()
    assert response.status_code == 400
    message = "L\u2019année de publication « De » ne doit pas être postérieure à « Jusqu\u2019à »."
    assert f'<p id="search-years-error" class="form-error">{message}</p>' in page
    for name, value in (("year_from", "2024"), ("year_to", "2019")):
        assert (
            f'name="{name}" value="{value}" min="1" max="9999" inputmode="numeric" '
            'aria-invalid="true" aria-describedby="search-years-error">'
        ) in page
    assert 'value="violence"' in page
    assert '<a href="#search-year-from">Corriger les années de publication</a>' in page
    assert f'<p class="search__error" role="alert">{message}</p>' in page


def test_other_refusals_are_not_put_beside_the_year_fields(client):
    page = get(client, "en", sort="best").content.decode()
    assert "sort must be one of" in page
    assert "search-years-error" not in page


def facet_group(page_html, name):
    start = page_html.index(f'<details class="search-facet" data-facet="{name}"')
    return page_html[start : page_html.index("</fieldset>\n</details>", start)]


def test_facets_fold_and_show_their_most_frequent_values_first(client, indexed):
    # Fifteen regions (three in the usual documents): more than the values shown and than the
    # box's threshold.
    # Région 11 is in twelve items, Région 10 in eleven, …
    indexed.index_documents(
        replace(research_documents()[0], id=2000 + 100 * n + copy, region=[f"Région {n:02d}"])
        for n in range(12)
        for copy in range(n + 1)
    )
    page = get(client, "en").content.decode()
    organisation = facet_group(page, "organisation")
    assert organisation.startswith('<details class="search-facet" data-facet="organisation" open>')
    assert '<summary class="search-facet__title">Organisation</summary>' in organisation
    assert '<legend class="visually-hidden">Organisation</legend>' in organisation
    region = facet_group(page, "region")
    assert region.startswith('<details class="search-facet" data-facet="region">')  # closed
    assert "data-filterable" in region and "Find a value in “Region”" in region
    shown, more = region.split('<details class="search-facet__more">')
    assert shown.count('type="checkbox"') == 5
    assert "Région 11" in shown  # the most frequent first
    assert more.count('type="checkbox"') == 10
    assert '<span class="search-facet__more-closed">Show 10 more</span>' in more


def test_a_selected_value_opens_its_facet_and_stays_in_view(client, indexed):
    indexed.index_documents(
        replace(research_documents()[0], id=3000 + n, region=[f"Région {n:02d}"]) for n in range(12)
    )
    # The least frequent region, chosen: listed with the first values, not behind "show more".
    page = get(client, "en", region="Région 11").content.decode()
    region = facet_group(page, "region")
    assert region.startswith('<details class="search-facet" data-facet="region" open>')
    assert "(1 selected)" in region
    shown = region.split('<details class="search-facet__more">')[0]
    assert checkbox("region", "Région 11", checked=True) in shown


def test_the_filters_button_counts_the_active_filters(client):
    page = get(client, "fr", theme=["road-safety", "fraud"], year_from="2020").content.decode()
    assert '<a href="#search-filters" data-filters-toggle>Filtres (3)</a>' in page
    assert (
        '<a href="#search-filters" data-filters-toggle>Filtres</a>' in get(client).content.decode()
    )


def test_the_filters_script_is_served_from_the_site_and_nothing_runs_inline(client):
    page = get(client, "en", q="violence").content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == ['<script src="/static/js/search-filters.js" defer>']
    assert not re.search(r"\son[a-z]+=", page)
    # Without the script, a button applies what was ticked.
    assert "data-filters-apply>Apply filters</button>" in page

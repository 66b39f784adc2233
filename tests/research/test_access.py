"""Nothing restricted leaks: search, pages, downloads, feeds, sitemap, exports, OAI-PMH.

Six items: one per access level in two organisations (SPVM and SQ). Each has a file whose
text holds a word found nowhere else, so file-text highlights are checked too.
"""

import csv
import io
import re

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from wagtail.models import APIToken

from portal.models import Membership, Organisation
from research.models import ExtractionStatus, RelatedResearch
from search.index_changes import apply_index_changes
from search.models import IndexChange

LEVELS = ("public", "community", "organisation")
ORGANISATIONS = ("spvm", "sq")

# Which of the six items each viewer may see, by (organisation, level).
SEES = {
    "anonymous": {("spvm", "public"), ("sq", "public")},
    "member_spvm": {
        ("spvm", "public"), ("sq", "public"), ("spvm", "community"), ("sq", "community"),
        ("spvm", "organisation"),
    },
    "member_sq": {
        ("spvm", "public"), ("sq", "public"), ("spvm", "community"), ("sq", "community"),
        ("sq", "organisation"),
    },
    "editor_spvm": {
        ("spvm", "public"), ("sq", "public"), ("spvm", "community"), ("sq", "community"),
        ("spvm", "organisation"),
    },
    "administrator": {(org, level) for org in ORGANISATIONS for level in LEVELS},
}  # fmt: skip
VIEWERS = list(SEES)


def secret_word(organisation: str, level: str) -> str:
    return f"motclef{organisation}{level}"


@pytest.fixture
def items(search_index, make_research_page, make_document, django_capture_on_commit_callbacks):
    """The six items, published and indexed (their files' text already extracted)."""
    made = {}
    for organisation in ORGANISATIONS:
        for level in LEVELS:
            word = secret_word(organisation, level)
            document = make_document(
                name=f"{organisation}-{level}.txt", content=word.encode(), title=f"Annexe {word}"
            )
            document.extracted_text = f"Le fichier mentionne {word} une seule fois."
            document.status = ExtractionStatus.INDEXED
            document.save()
            with django_capture_on_commit_callbacks(execute=True):
                made[organisation, level] = make_research_page(
                    title=f"Étude {level} de {organisation}",
                    slug=f"etude-{level}-{organisation}",
                    organisation=Organisation.objects.get(slug=organisation),
                    access=level,
                    files=[document],
                )
    return made


def sign_in(client, who: str):
    if who == "anonymous":
        return None
    user_model = get_user_model()
    if who == "administrator":
        user = user_model.objects.create_superuser("admin", "admin@example.org", "x")
    else:
        user = user_model.objects.create_user(who, password="x")
        organisation = who.rsplit("_", 1)[1]
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(slug=organisation)
        )
        if who.startswith("editor"):
            user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def french_url(page) -> str:
    with translation.override("fr"):
        return page.url


@pytest.mark.parametrize("who", VIEWERS)
def test_search_hits_totals_and_facet_counts(client, items, who):
    sign_in(client, who)
    body = client.get("/api/v1/search", {"size": 50}).json()
    expected = {items[key].pk for key in SEES[who]}
    assert {hit["id"] for hit in body["hits"]} == expected
    assert body["total"] == len(expected)
    by_organisation = {entry["value"]: entry["count"] for entry in body["facets"]["organisation"]}
    for organisation in ORGANISATIONS:
        seen = sum(1 for org, _level in SEES[who] if org == organisation)
        assert by_organisation.get(organisation, 0) == seen
    by_year = {entry["value"]: entry["count"] for entry in body["facets"]["language"]}
    assert by_year == {"fr": len(expected)}


@pytest.mark.parametrize("who", VIEWERS)
def test_a_word_only_in_a_restricted_file_gives_no_hit_and_no_snippet(client, items, who):
    sign_in(client, who)
    for key in items:
        word = secret_word(*key)
        body = client.get("/api/v1/search", {"q": word}).json()
        page_html = client.get("/fr/recherche/", {"q": word}).content.decode()
        if key in SEES[who]:
            assert body["total"] == 1, (who, key)
            assert f"<mark>{word}</mark>" in body["hits"][0]["highlights"]["files_text"][0]
            assert f"<mark>{word}</mark>" in page_html
        else:
            assert (body["total"], body["hits"]) == (0, []), (who, key)
            # The page echoes the query, and shows no hit and no passage.
            assert 'class="search-hit"' not in page_html
            assert "<mark>" not in page_html


@pytest.mark.parametrize("who", VIEWERS)
def test_item_pages(client, items, who):
    sign_in(client, who)
    for key, page in items.items():
        response = client.get(french_url(page))
        if key in SEES[who]:
            assert response.status_code == 200, (who, key)
            if key[1] != "public":
                assert "no-store" in response["Cache-Control"]
                assert "Restreint" in response.content.decode()
        elif who == "anonymous" and key[1] == "community":
            # Anonymous visitors are asked to sign in; the page itself is not shown.
            assert response.status_code == 302
            assert response["Location"].startswith("/fr/connexion/?next=")
        else:
            assert response.status_code == 404, (who, key)


@pytest.mark.parametrize("who", VIEWERS)
def test_file_downloads(client, items, who):
    sign_in(client, who)
    for key, page in items.items():
        document = page.files.get().document
        response = client.get(document.url)
        if key in SEES[who]:
            assert response.status_code == 200, (who, key)
            assert b"".join(response.streaming_content) == secret_word(*key).encode()
            expected = "private" if key[1] == "public" else "private, no-store"
            assert response["Cache-Control"] == expected
        else:
            assert response.status_code == 404, (who, key)
            # A conditional GET with the right ETag must not confirm the file with a 304.
            conditional = client.get(
                document.url, headers={"If-None-Match": f'"{document.file_hash}"'}
            )
            assert conditional.status_code == 404


@pytest.mark.parametrize("who", VIEWERS)
def test_feeds(client, items, who):
    sign_in(client, who)
    feed = feedparser.parse(client.get("/fr/flux/").content)
    expected = {f"http://testserver{french_url(items[key])}" for key in SEES[who]}
    assert {entry.link for entry in feed.entries} == expected
    for key in items:  # a per-search feed on a word found only in one item's file
        entries = feedparser.parse(client.get("/fr/flux/", {"q": secret_word(*key)}).content)
        assert len(entries.entries) == (1 if key in SEES[who] else 0), (who, key)


@pytest.mark.parametrize("who", VIEWERS)
def test_sitemap_lists_only_public_items_whoever_asks(client, items, who):
    sign_in(client, who)
    sitemap = client.get("/sitemap.xml").content.decode()
    for (organisation, level), page in items.items():
        assert (page.slug in sitemap) == (level == "public"), (who, organisation, level)


@pytest.mark.parametrize("who", VIEWERS)
def test_exports_and_citations(client, items, who):
    sign_in(client, who)
    response = client.get("/api/v1/search/export", {"format": "csv"})
    rows = csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")))
    assert {int(row["id"]) for row in rows} == {items[key].pk for key in SEES[who]}
    for key, page in items.items():
        citation = client.get(f"/fr/citation/{page.pk}.bib")
        assert citation.status_code == (200 if key in SEES[who] else 404), (who, key)


@pytest.mark.parametrize("who", VIEWERS)
def test_oai_pmh_serves_public_items_only(client, items, who):
    sign_in(client, who)
    listing = client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    found = set(re.findall(r"research/(\d+)</identifier>", listing.content.decode()))
    assert found == {str(page.pk) for (_org, level), page in items.items() if level == "public"}


def test_a_wrong_file_name_is_404(client, items):
    document = items["spvm", "public"].files.get().document
    assert client.get(document.url.replace(".txt", ".pdf")).status_code == 404


def test_restricted_downloads_are_written_to_the_audit_log(client, items):
    from portal.models import DownloadRecord

    user = sign_in(client, "member_spvm")
    client.get(items["spvm", "public"].files.get().document.url)
    client.get(items["spvm", "organisation"].files.get().document.url)
    (record,) = DownloadRecord.objects.all()
    assert (record.user, record.access) == (user, "organisation")
    assert record.document_title == f"Annexe {secret_word('spvm', 'organisation')}"


def test_documents_are_never_served_from_the_media_url(client, items, settings):
    document = items["sq", "organisation"].files.get().document
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_listings_show_only_what_the_viewer_may_see(client, items):
    home = client.get("/fr/").content.decode()
    assert "Étude public de spvm" in home
    assert "Étude community de spvm" not in home and "Étude organisation de sq" not in home
    sign_in(client, "member_sq")
    index = client.get("/fr/etudes/").content.decode()
    assert "Étude organisation de sq" in index and "Étude organisation de spvm" not in index


def test_downgrading_public_to_organisation_hides_it_at_once(
    client, items, django_capture_on_commit_callbacks
):
    page = items["spvm", "public"]
    word = secret_word("spvm", "public")
    assert client.get("/api/v1/search", {"q": word}).json()["total"] == 1
    page.access = "organisation"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get("/api/v1/search", {"q": word}).json()["total"] == 0
    assert client.get(page.files.get().document.url).status_code == 404
    assert client.get(french_url(page)).status_code == 404


def _restrict(page):
    page.access = "organisation"
    page.save_revision().publish()


NARROWINGS = {
    "restricted": _restrict,
    "unpublished": lambda page: page.unpublish(),
    "deleted": lambda page: page.delete(),
}


@pytest.mark.parametrize("narrowing", list(NARROWINGS))
def test_a_narrowing_counts_nowhere_while_the_index_lags(client, items, narrowing):
    """The worker is paused: nothing applies the outbox, so the index still holds the item as
    public. Anonymous visitors see no total, facet count, year or probe answer for it."""
    page, other = items["spvm", "public"], items["sq", "public"]
    word = secret_word("spvm", "public")
    assert client.get("/api/v1/search", {"q": word}).json()["total"] == 1

    NARROWINGS[narrowing](page)

    assert IndexChange.objects.filter(item_id=page.pk, done_at=None).exists()  # index behind
    probe = client.get("/api/v1/search", {"q": word}).json()
    assert (probe["total"], probe["hits"], probe["years"]) == (0, [], [])
    assert all(values == [] for values in probe["facets"].values())
    listing = client.get("/api/v1/search", {"size": 50}).json()
    assert [hit["id"] for hit in listing["hits"]] == [other.pk]
    assert listing["total"] == 1
    assert listing["years"] == [{"year": 2023, "count": 1}]
    assert [(v["value"], v["count"]) for v in listing["facets"]["organisation"]] == [("sq", 1)]
    page_html = client.get("/fr/recherche/", {"q": word}).content.decode()
    assert '<h2 id="search-results-title">0 résultat</h2>' in page_html


def test_an_item_given_to_another_organisation_counts_nowhere_for_its_old_members(client, items):
    page = items["sq", "organisation"]
    word = secret_word("sq", "organisation")
    sign_in(client, "member_sq")
    assert client.get("/api/v1/search", {"q": word}).json()["total"] == 1

    page.organisation = Organisation.objects.get(slug="spvm")
    page.save_revision().publish()

    probe = client.get("/api/v1/search", {"q": word}).json()
    assert (probe["total"], probe["hits"], probe["years"]) == (0, [], [])
    assert all(values == [] for values in probe["facets"].values())


def test_a_widening_shows_once_the_index_catches_up(client, items):
    page = items["spvm", "community"]
    word = secret_word("spvm", "community")
    page.access = "public"
    page.save_revision().publish()
    # Not in the index as public yet: a widening may lag, it reveals nothing.
    assert client.get("/api/v1/search", {"q": word}).json()["total"] == 0
    apply_index_changes([page.pk])  # the worker's task
    assert client.get("/api/v1/search", {"q": word}).json()["total"] == 1


def test_pages_listing_what_a_member_may_see_are_private(client, items):
    """A shared cache keeps no member's listing: each shows restricted items to that member."""
    public, restricted = items["spvm", "public"], items["spvm", "organisation"]
    RelatedResearch.objects.create(page=public, item=restricted)
    visitor = client.get(french_url(public))
    assert "Étude organisation de spvm" not in visitor.content.decode()
    sign_in(client, "member_spvm")
    for url in (french_url(public), "/fr/etudes/", "/fr/"):
        response = client.get(url)
        assert "Étude organisation de spvm" in response.content.decode(), url
        assert "private" in response["Cache-Control"].split(", "), url
        assert "Cookie" in response["Vary"], url


def test_hits_are_rechecked_against_the_database_before_the_index_catches_up(client, items):
    page = items["sq", "public"]
    # Changed in the database without the indexing that publishing schedules.
    type(page).objects.filter(pk=page.pk).update(access="organisation")
    body = client.get("/api/v1/search", {"q": secret_word("sq", "public")}).json()
    assert body["hits"] == []


def test_a_hit_unpublished_in_the_database_is_dropped_and_members_keep_their_own(client, items):
    from wagtail.models import Page

    unpublished, restricted = items["sq", "public"], items["sq", "community"]
    Page.objects.filter(pk=unpublished.pk).update(live=False)
    type(restricted).objects.filter(pk=restricted.pk).update(access="organisation")
    sign_in(client, "member_sq")

    def ids(word):
        return [hit["id"] for hit in client.get("/api/v1/search", {"q": word}).json()["hits"]]

    assert ids(secret_word("sq", "public")) == []
    assert ids(secret_word("sq", "community")) == [restricted.pk]


def test_a_personal_token_searches_with_its_members_scope(client, items, capsys):
    sign_in(client, "member_sq")
    client.logout()
    call_command("member", "token", "member_sq")
    token = capsys.readouterr().out.strip()
    headers = {"Authorization": f"Bearer {token}"}
    body = client.get("/api/v1/search", {"size": 50}, headers=headers).json()
    assert {hit["id"] for hit in body["hits"]} == {items[key].pk for key in SEES["member_sq"]}
    APIToken.objects.get().revoke()
    revoked = client.get("/api/v1/search", headers=headers)
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["error"] or "révoqué" in revoked.json()["error"]
    assert revoked["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer wagtail_not-a-token", "Bearer ", "Basic dXNlcjpwYXNz"])
def test_a_wrong_token_is_401(client, items, header):
    response = client.get("/api/v1/search", headers={"Authorization": header})
    assert response.status_code == 401
    assert "error" in response.json()


def test_editors_edit_only_their_organisations_items(client, items):
    editor = sign_in(client, "editor_spvm")
    own, other = items["spvm", "organisation"], items["sq", "public"]
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{other.pk}/edit/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.post(f"/admin/pages/{other.pk}/delete/").status_code == 302
    assert type(other).objects.filter(pk=other.pk).exists()
    # The organisation an editor can choose is one they belong to.
    from research.editing import ResearchPageForm
    from research.models import ResearchPage

    form_class = ResearchPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ResearchPageForm)
    form = form_class(instance=own, for_user=editor)
    assert [o.slug for o in form.fields["organisation"].queryset] == ["spvm"]


@pytest.mark.parametrize("path", ["/api/v3/pages/", "/api/v2/pages/", "/fr/api/v3/pages/"])
def test_wagtails_content_apis_are_not_exposed(client, items, path):
    # wagtail.api.v3 is installed only for its token admin; no content API is routed.
    assert client.get(path, follow=True).status_code == 404


def test_the_download_audit_can_be_read_but_not_altered_in_the_admin(client, items):
    from portal.models import DownloadRecord

    sign_in(client, "member_spvm")
    download = client.get(items["spvm", "organisation"].files.get().document.url)
    assert b"".join(download.streaming_content) == secret_word("spvm", "organisation").encode()
    record = DownloadRecord.objects.get()
    client.logout()
    sign_in(client, "administrator")
    base = "/admin/snippets/portal/downloadrecord/"
    listing = client.get(base)
    assert listing.status_code == 200 and "member_spvm" in listing.content.decode()
    for path in ("add/", f"edit/{record.pk}/", f"delete/{record.pk}/"):
        assert client.get(base + path).status_code == 302, path  # refused: back to the admin
    assert client.post(base + f"delete/{record.pk}/").status_code == 302
    assert DownloadRecord.objects.filter(pk=record.pk).exists()

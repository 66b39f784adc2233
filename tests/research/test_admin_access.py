"""Each organisation's CMS users see and touch only what research.access allows them.

Two organisations (SPVM and SQ), each with a live item at every level and a never-published
draft, each item with its own file. Titles and file titles carry a word found nowhere else, so
"shown" means the word is on the page the user gets.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import PageLogEntry

from portal.models import Membership, Organisation
from research.models import ResearchDocument, ResearchPage

ORGANISATIONS = ("spvm", "sq")
STATES = ("public", "community", "organisation", "draft")
ITEMS = [(organisation, state) for organisation in ORGANISATIONS for state in STATES]
EVERYTHING = frozenset(ITEMS)


def own_and_others_open(organisation: str) -> frozenset:
    """Their own organisation's items at any state; others' live public and community ones."""
    others = {(o, s) for o, s in ITEMS if o != organisation and s in ("public", "community")}
    return frozenset({(o, s) for o, s in ITEMS if o == organisation} | others)


def own(organisation: str) -> frozenset:
    return frozenset((o, s) for o, s in ITEMS if o == organisation)


# Who may read (see listed, searched, chosen, reported) and write (open drafts, history,
# revisions; change files) which items in the CMS. Members without a group never enter it.
ROLES = {
    "anonymous": (frozenset(), frozenset()),
    "member_spvm": (frozenset(), frozenset()),
    "editor_spvm": (own_and_others_open("spvm"), own("spvm")),
    "moderator_spvm": (own_and_others_open("spvm"), own("spvm")),
    "editor_sq": (own_and_others_open("sq"), own("sq")),
    "moderator_sq": (own_and_others_open("sq"), own("sq")),
    "administrator": (EVERYTHING, EVERYTHING),
}


def word(organisation: str, state: str) -> str:
    return f"motcms{organisation}{state}"


@pytest.fixture
def items(make_research_page):
    """The eight items, each with its file uploaded by its organisation's editor."""
    made = {}
    for organisation, state in ITEMS:
        uploader = make_user(f"uploader_{organisation}", organisation, "Editors")
        document = ResearchDocument(
            title=f"Annexe {word(organisation, state)}",
            file=ContentFile(word(organisation, state).encode(), name=f"{organisation}.txt"),
            uploaded_by_user=uploader,
        )
        document.save()
        fields = {
            "title": f"Étude {word(organisation, state)}",
            "slug": f"etude-{organisation}-{state}",
            "organisation": Organisation.objects.get(slug=organisation),
            "access": "organisation" if state == "draft" else state,
            "files": [document],
        }
        if state == "draft":
            made[organisation, state] = never_published(make_research_page, uploader, fields)
        else:
            made[organisation, state] = make_research_page(**fields)
    return made


def never_published(make_research_page, editor, fields):
    """A draft its editor saved and never published (built as a published item, then undone)."""
    page = make_research_page(**fields)
    ResearchPage.objects.filter(pk=page.pk).update(
        live=False,
        has_unpublished_changes=True,
        latest_revision=None,
        live_revision=None,
        first_published_at=None,
        last_published_at=None,
    )
    page.revisions.all().delete()
    PageLogEntry.objects.filter(page=page).delete()
    page = ResearchPage.objects.get(pk=page.pk)
    page.save_revision(user=editor, log_action=True)
    return ResearchPage.objects.get(pk=page.pk)


def make_user(username: str, organisation: str, group: str | None = None):
    """What `member add USERNAME --organisation SLUG [--group GROUP]` makes."""
    user, _ = get_user_model().objects.get_or_create(username=username)
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(slug=organisation)
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, role: str):
    if role == "anonymous":
        return None
    if role == "administrator":
        user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    else:
        kind, organisation = role.split("_")
        group = {"member": None, "editor": "Editors", "moderator": "Moderators"}[kind]
        user = make_user(role, organisation, group)
    client.force_login(user)
    return user


def shown(response, key) -> bool:
    """The item's or its file's title is on the page (a search echoes only the bare word)."""
    body = response.content.decode() if response.status_code == 200 else ""
    if response.get("Content-Type") == "application/json":
        body = json.dumps(response.json(), ensure_ascii=False)
    return any(f"{prefix} {word(*key)}" in body for prefix in ("Étude", "Annexe"))


# Each admin surface: what it is asked about one item, and whether reading or writing the item
# lets it show. Listings, searches, choosers and reports show what the user may read; the
# views of one item's drafts, history, revisions and files, what they may write.
SURFACES = {
    "explorer": ("read", lambda item, index: f"/admin/pages/{index.pk}/"),
    "explorer, item as parent": ("read", lambda item, index: f"/admin/pages/{item.pk}/"),
    "admin search": ("read", lambda item, index: f"/admin/pages/search/?q={word_of(item)}"),
    "admin API item": ("read", lambda item, index: f"/admin/api/main/pages/{item.pk}/"),
    "admin API search": (
        "read",
        lambda item, index: f"/admin/api/main/pages/?search={word_of(item)}",
    ),
    "page chooser": ("read", lambda item, index: f"/admin/choose-page/{index.pk}/"),
    "page chooser, item as parent": (
        "read",
        lambda item, index: f"/admin/choose-page/{item.pk}/",
    ),
    "page chosen": (
        "read",
        lambda item, index: f"/admin/choose-page/chosen-multiple/?id={item.pk}",
    ),
    "page chooser search": (
        "read",
        lambda item, index: f"/admin/choose-page/search/?q={word_of(item)}",
    ),
    "site history": ("read", lambda item, index: "/admin/reports/site-history/"),
    "document chooser": (
        "read",
        lambda item, index: f"/admin/documents/chooser/results/?q={word_of(item)}",
    ),
    # A bulk action's confirmation lists the pages it was asked about, those the user may not
    # act on included.
    "bulk delete": (
        "read",
        lambda item, index: f"/admin/bulk/wagtailcore/page/delete/?id={item.pk}",
    ),
    "bulk publish": (
        "read",
        lambda item, index: f"/admin/bulk/wagtailcore/page/publish/?id={item.pk}",
    ),
    "bulk move": ("read", lambda item, index: f"/admin/bulk/wagtailcore/page/move/?id={item.pk}"),
    "documents bulk delete": (
        "read",
        lambda item, index: f"/admin/bulk/research/researchdocument/delete/?id={document_of(item)}",
    ),
    "draft": ("write", lambda item, index: f"/admin/pages/{item.pk}/view_draft/"),
    "history": ("write", lambda item, index: f"/admin/pages/{item.pk}/history/"),
    "revisions compared": (
        "write",
        lambda item, index: f"/admin/pages/{item.pk}/revisions/compare/earliest...latest/",
    ),
    "edit": ("write", lambda item, index: f"/admin/pages/{item.pk}/edit/"),
    "document usage": ("write", lambda item, index: f"/admin/documents/usage/{document_of(item)}/"),
    "document edit": ("write", lambda item, index: f"/admin/documents/edit/{document_of(item)}/"),
    "documents": ("write", lambda item, index: f"/admin/documents/?q={word_of(item)}"),
}


def word_of(item) -> str:
    return item.title.split()[-1]


def document_of(item) -> int:
    return item.files.get().document_id


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_on_each_admin_surface_what_the_policy_allows(
    client, items, research_index, role
):
    sign_in(client, role)
    allowed = dict(zip(("read", "write"), ROLES[role], strict=True))
    seen, expected = {}, {}
    for surface, (need, address) in SURFACES.items():
        expected[surface] = set(allowed[need])
        seen[surface] = {
            key
            for key, item in items.items()
            if shown(client.get(address(item, research_index)), key)
        }
    assert seen == expected


# The addresses of the report, each asked about one of another organisation's items.
REPORTED = [
    lambda item: f"/admin/pages/{item.pk}/view_draft/",
    lambda item: f"/admin/pages/{item.pk}/history/",
    lambda item: f"/admin/pages/{item.pk}/revisions/compare/earliest...latest/",
    lambda item: f"/admin/pages/search/?q={word_of(item)}",
    lambda item: f"/admin/api/main/pages/{item.pk}/",
    lambda item: f"/admin/api/main/pages/?search={word_of(item)}",
    lambda item: f"/admin/choose-page/search/?q={word_of(item)}",
    lambda item: f"/admin/documents/usage/{document_of(item)}/",
    lambda item: "/admin/reports/site-history/",
]


@pytest.mark.parametrize("role", ["editor_sq", "moderator_sq"])
def test_another_organisations_editor_reads_nothing_of_its_restricted_item_and_draft(
    client, items, role
):
    sign_in(client, role)
    for key in [("spvm", "organisation"), ("spvm", "draft")]:
        for address in REPORTED:
            response = client.get(address(items[key]))
            # Refused, or a page without the item's title or its file's.
            assert not shown(response, key), (key, address(items[key]))
    # Their own draft, through the same addresses, they do see.
    for address in REPORTED:
        assert shown(client.get(address(items["sq", "draft"])), ("sq", "draft"))


def replacement(document) -> dict:
    return {
        "title": "Annexe remplacée",
        "file": SimpleUploadedFile("remplacement.txt", b"contenu falsifie"),
        "collection": document.collection_id,
    }


def downloaded(client, document) -> bytes:
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", ["editor_sq", "moderator_sq"])
def test_another_organisations_editor_can_neither_replace_nor_delete_its_file(client, items, role):
    document = items["spvm", "organisation"].files.get().document
    sign_in(client, role)

    replaced = client.post(f"/admin/documents/edit/{document.pk}/", replacement(document))
    deleted = client.post(f"/admin/documents/delete/{document.pk}/")

    # Both refused: sent back to the dashboard.
    assert (replaced.status_code, replaced["Location"]) == (302, "/admin/")
    assert (deleted.status_code, deleted["Location"]) == (302, "/admin/")
    document.refresh_from_db()
    assert document.title == f"Annexe {word('spvm', 'organisation')}"
    client.logout()
    sign_in(client, "member_spvm")
    assert downloaded(client, document) == word("spvm", "organisation").encode()


def test_the_organisations_own_editor_replaces_its_file(client, items):
    document = items["spvm", "organisation"].files.get().document
    sign_in(client, "editor_spvm")

    replaced = client.post(f"/admin/documents/edit/{document.pk}/", replacement(document))

    assert (replaced.status_code, replaced["Location"]) == (302, "/admin/documents/")
    document.refresh_from_db()
    assert downloaded(client, document) == b"contenu falsifie"


@pytest.mark.parametrize(
    "role, status",
    [
        ("editor_sq", 404),
        ("moderator_sq", 404),
        ("member_spvm", 404),  # not a CMS user
        ("editor_spvm", 200),  # the uploader's organisation
        ("administrator", 200),
    ],
)
def test_the_file_of_a_deleted_restricted_item_stays_with_its_uploaders_organisation(
    client, items, role, status
):
    item = items["spvm", "organisation"]
    document = item.files.get().document
    item.delete()
    sign_in(client, role)
    assert client.get(document.url).status_code == status


def test_a_retitled_draft_of_a_live_item_stays_with_its_organisation(client, items, research_index):
    item = items["sq", "community"]
    item.title = "Titre pas encore publié motcmsretitre"
    item.save_revision()
    sign_in(client, "editor_spvm")
    for address in [
        f"/admin/pages/{research_index.pk}/",
        f"/admin/pages/search/?q={word('sq', 'community')}",
        f"/admin/api/main/pages/{item.pk}/",
        f"/admin/choose-page/{research_index.pk}/",
        f"/admin/choose-page/search/?q={word('sq', 'community')}",
    ]:
        response = client.get(address)
        # The live title, never the draft's.
        assert shown(response, ("sq", "community")), address
        assert "motcmsretitre" not in response.content.decode(), address

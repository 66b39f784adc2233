"""Every admin URL Wagtail and the project register, asked by a hostile CMS user of another
organisation about an organisation-level item, a never-published draft under review, their
revisions, files, task and workflow states: no answer shows their titles.

The routes come from the URL resolver, so a view added by an upgrade or an app is audited too.
Each integer in a route is tried with every id the restricted content holds (whatever the
parameter's name: a page id passed where a document id is expected still names something).
"""

import itertools
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from wagtail.models import Page, TaskState

from tests.research.test_admin_access import make_user, never_published

SECRET = "motsecretaudit"

# Values for the text parameters routes take: the models and actions that could reach the items.
TEXT_VALUES = {
    "app_label": ("research", "wagtailcore", "wagtaildocs"),
    "content_type_app_name": ("research",),
    "app_name": ("research",),
    "model_name": ("researchpage", "page", "researchdocument"),
    "content_type_model_name": ("researchpage",),
    "action": ("delete", "move", "publish", "unpublish", "add_tags", "add_to_collection"),
    "action_name": ("approve", "reject", "cancel"),
}
PARAMETER = re.compile(r"<(?:(?P<converter>[a-z_]+):)?(?P<name>\w+)>")


def admin_routes(patterns=None, prefix=""):
    """Every route (as a `path()` string) under /admin/, regular expressions turned into
    routes."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            continue
        if isinstance(pattern, RoutePattern):
            part = pattern._route
        else:
            part = regex_as_route(pattern._regex)
        if isinstance(entry, URLResolver):
            yield from admin_routes(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern) and (prefix + part).startswith("admin/"):
            yield prefix + part


def regex_as_route(regex: str) -> str:
    """The regular expressions the admin uses, as routes: each group a parameter."""
    route = regex.removeprefix("^").removesuffix("$").replace("\\.", ".").replace("\\Z", "")
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<int:\1>", route)


@pytest.fixture
def restricted(make_research_page):
    """SPVM's organisation-level item and its draft (submitted for moderation), each with a
    file, with a revision more; every title and file name carries SECRET."""
    from research.models import ResearchDocument

    editor = make_user("audit_editor_spvm", "spvm", "Editors")
    documents = []
    for name in ("item", "draft"):
        document = ResearchDocument(title=f"Annexe {SECRET} {name}", uploaded_by_user=editor)
        document.file.save(f"{SECRET}-{name}.txt", _content(name), save=False)
        document.save()
        documents.append(document)
    from portal.models import Organisation

    fields = {"organisation": Organisation.objects.get(slug="spvm"), "access": "organisation"}
    item = make_research_page(
        title=f"Étude {SECRET} item", slug="audit-item", files=[documents[0]], **fields
    )
    item.save_revision(user=editor)
    draft = never_published(
        make_research_page,
        editor,
        {
            "title": f"Étude {SECRET} draft",
            "slug": "audit-draft",
            "files": [documents[1]],
            **fields,
        },
    )
    workflow_state = draft.get_workflow().start(draft, editor)
    return {"item": item, "draft": draft, "documents": documents, "workflow": workflow_state}


def _content(name):
    from django.core.files.base import ContentFile

    return ContentFile(f"{SECRET} {name}".encode())


def ids_of(restricted) -> dict[str, list[str]]:
    """The restricted content's ids, by the parameter names routes give them; every id for the
    others ("pk", a session's or redirect's id: an id of another table still names something)."""
    pages = [restricted["item"], restricted["draft"]]
    task_states = list(TaskState.objects.filter(workflow_state=restricted["workflow"]))
    kinds = {
        "page": [page.pk for page in pages],
        "revision": [revision.pk for page in pages for revision in page.revisions.all()],
        "document": [document.pk for document in restricted["documents"]],
        "task_state": [state.pk for state in task_states],
        "task": [state.task_id for state in task_states],
        "workflow_state": [restricted["workflow"].pk],
    }
    every = sorted({value for values in kinds.values() for value in values})
    by_name = {
        **dict.fromkeys(
            ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"),
            kinds["page"],
        ),
        "object_id": kinds["page"],
        "revision_id": kinds["revision"],
        "revision_id_a": ["earliest", *kinds["revision"]],
        "revision_id_b": ["latest", "live", *kinds["revision"]],
        "document_id": kinds["document"],
        "doc_id": kinds["document"],
        "task_state_id": kinds["task_state"],
        "task_id": kinds["task"],
        "workflow_state_id": kinds["workflow_state"],
    }
    return {"": [str(value) for value in every]} | {
        name: [str(value) for value in values] for name, values in by_name.items()
    }


def addresses(route: str, ids: dict[str, list[str]]):
    """The route with each combination of values for its parameters."""
    parameters = list(PARAMETER.finditer(route))
    choices = []
    for match in parameters:
        converter, name = match["converter"] or "str", match["name"]
        if name in ids:
            choices.append(ids[name])
        elif converter == "int" or name == "pk":
            choices.append(ids[""])
        else:
            choices.append(TEXT_VALUES.get(name, ("research",)))
    query = f"?q={SECRET}&" + "&".join(f"id={value}" for value in ids[""])
    for values in itertools.product(*choices):
        address = route
        for match, value in zip(reversed(parameters), reversed(values), strict=True):
            address = address[: match.start()] + value + address[match.end() :]
        yield "/" + address + query


# A title, file title, file name or file content; not SECRET alone, which searches echo.
SHOWN = re.compile(SECRET + r"[ -](item|draft)")


def leaked(response) -> bool:
    """A title or file in the answer, or in a message queued for the next page."""
    body = b""
    if response.status_code == 200:
        body = b"".join(response.streaming_content) if response.streaming else response.content
    # Only this answer's messages (Django's default storage keeps them in a cookie).
    queued = getattr(get_messages(response.wsgi_request), "_queued_messages", [])
    messages = " ".join(str(message) for message in queued)
    return bool(SHOWN.search(body.decode(errors="replace")) or SHOWN.search(messages))


# About 2,000 requests a role: a minute, not the few seconds a test of the default run takes.
@pytest.mark.slow
@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_no_admin_url_shows_another_organisations_restricted_content(client, restricted, group):
    client.raise_request_exception = False
    client.force_login(make_user(f"hostile_{group.lower()}", "sq", group))
    ids = ids_of(restricted)
    # Signing out would leave the rest of the loop asking as nobody; Wagtail's failwhale is
    # there to fail (a 500 on purpose).
    routes = sorted(
        route
        for route in set(admin_routes())
        if not {"logout", "failwhale"} & set(route.split("/"))
    )
    leaks, errors, asked = [], [], 0
    for route in routes:
        for address in addresses(route, ids):
            asked += 1
            response = client.get(address)
            client.cookies.pop("messages", None)
            if response.status_code >= 500:
                errors.append(address)
            elif leaked(response):
                leaks.append(address)
    assert asked > 500
    assert (leaks, errors) == ([], [])
    # Nothing was changed by the asking.
    assert Page.objects.filter(pk=restricted["draft"].pk, live=False).exists()

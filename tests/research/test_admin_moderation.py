"""Moderation, reports and page permissions follow each organisation's own items.

A submission of SPVM's organisation-level draft is reviewed by SPVM's moderators and
administrators only: SQ's moderators see nothing of it (dashboard, workflow reports, actions,
e-mails). Reports name only pages the user may see; editors' page permissions start at the home
page; out-of-range document ids are not found.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import GroupPagePermission, Page, TaskState, Workflow

from portal.models import HomePage
from research.models import OrganisationApprovalTask
from tests.research.test_admin_access import make_user, never_published

WORD = "motmoderation"


def with_address(user):
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def submitted(make_research_page):
    """SPVM's editor submits a never-published organisation-level draft for moderation."""
    from portal.models import Organisation

    editor = with_address(make_user("editor_spvm", "spvm", "Editors"))
    for username, organisation in (("moderator_spvm", "spvm"), ("moderator_sq", "sq")):
        with_address(make_user(username, organisation, "Moderators"))
    with_address(get_user_model().objects.create_superuser("admin", "", "x"))
    draft = never_published(
        make_research_page,
        editor,
        {
            "title": f"Étude {WORD} soumise",
            "slug": "etude-soumise",
            "organisation": Organisation.objects.get(slug="spvm"),
            "access": "organisation",
        },
    )
    mail.outbox.clear()
    draft.get_workflow().start(draft, editor)
    return draft


def task_state_of(page):
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def test_the_default_workflow_runs_the_organisation_approval_task(db):
    workflow = Workflow.objects.get(workflow_pages__page__depth=1)
    task = workflow.tasks.get().specific
    assert isinstance(task, OrganisationApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_the_submission_e_mail_goes_to_its_organisations_moderators_only(submitted):
    recipients = {address for message in mail.outbox for address in message.to}
    # Administrators also hear of every submission (Wagtail's own workflow message).
    assert recipients == {"moderator_spvm@example.org", "admin@example.org"}
    assert not any(WORD in message.body for message in mail.outbox if "sq" in message.to[0])


REVIEW_SURFACES = [
    "/admin/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow/?reviewable=true",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/workflow_tasks/?reviewable=true",
]


def test_another_organisations_moderator_sees_nothing_of_the_submission(client, submitted):
    client.force_login(get_user_model().objects.get(username="moderator_sq"))
    for address in REVIEW_SURFACES:
        response = client.get(address)
        assert response.status_code == 200, address
        assert WORD not in response.content.decode(), address


def test_another_organisations_moderator_can_neither_approve_nor_reject(client, submitted):
    state = task_state_of(submitted)
    client.force_login(get_user_model().objects.get(username="moderator_sq"))
    for action in ("approve", "reject"):
        asked = client.post(
            f"/admin/pages/workflow/action/{submitted.pk}/{action}/{state.pk}/",
            {"comment": "x"},
            follow=True,
        )
        # Not found (the portal's language prefix is tried first, then 404).
        assert asked.status_code == 404, action
    preview = client.get(
        f"/admin/pages/workflow/preview/{submitted.pk}/{state.task_id}/", follow=True
    )
    assert preview.status_code == 404
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not Page.objects.get(pk=submitted.pk).live


def test_the_organisations_own_moderator_reviews_and_approves(client, submitted):
    state = task_state_of(submitted)
    client.force_login(get_user_model().objects.get(username="moderator_spvm"))
    for address in REVIEW_SURFACES:
        assert WORD in client.get(address).content.decode(), address

    approved = client.post(f"/admin/pages/workflow/action/{submitted.pk}/approve/{state.pk}/")

    assert approved.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert Page.objects.get(pk=submitted.pk).live


def test_an_administrator_reviews_every_submission(client, submitted):
    client.force_login(get_user_model().objects.get(username="admin"))
    assert WORD in client.get("/admin/").content.decode()


# --- Reports: only pages the user may see.


def test_reports_name_no_page_the_user_may_not_see(client, submitted, make_research_page):
    from portal.models import Organisation

    locked = make_research_page(
        title=f"Étude {WORD} verrouillée",
        slug="etude-verrouillee",
        organisation=Organisation.objects.get(slug="spvm"),
        access="organisation",
    )
    Page.objects.filter(pk=locked.pk).update(locked=True)
    reports = [
        "/admin/reports/page-types-usage/",
        "/admin/reports/page-types-usage/results/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
    ]
    for username, shown in (("moderator_sq", False), ("moderator_spvm", True)):
        client.force_login(get_user_model().objects.get(username=username))
        for address in reports[:2]:
            # The last edited research item, named by the page types report.
            assert (WORD in client.get(address).content.decode()) is shown, (username, address)
    client.force_login(get_user_model().objects.get(username="moderator_sq"))
    for address in reports:
        response = client.get(address)
        assert response.status_code == 200, address
        assert WORD not in response.content.decode(), address


def test_the_site_history_keeps_a_deleted_items_title_from_other_organisations(client, submitted):
    submitted.delete()
    for username, shown in (("moderator_sq", False), ("editor_spvm", False), ("admin", True)):
        client.force_login(get_user_model().objects.get(username=username))
        body = client.get("/admin/reports/site-history/").content.decode()
        assert (WORD in body) is shown, username


# --- Page permissions start at the home page.


def test_editors_and_moderators_hold_nothing_above_the_site(db):
    rows = GroupPagePermission.objects.filter(group__name__in=("Editors", "Moderators"))
    assert not rows.filter(page__depth=1).exists()
    for home in HomePage.objects.all():  # the French home page and its English translation
        assert set(rows.filter(page=home).values_list("group__name", flat=True)) == {
            "Editors",
            "Moderators",
        }


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_still_write_the_site_but_nothing_above_it(client, research_index, group):
    client.force_login(make_user(f"someone_{group}", "spvm", group))
    root = Page.get_first_root_node()
    assert not root.permissions_for_user(make_user(f"someone_{group}", "spvm")).can_edit()
    new_item = f"/admin/pages/add/research/researchpage/{research_index.pk}/"
    assert client.get(new_item).status_code == 200
    assert client.get(f"/admin/pages/{research_index.pk}/edit/").status_code == 200
    # A page beside the site, at the root, or the root itself: refused.
    for address in (
        f"/admin/pages/add/portal/standardpage/{root.pk}/",
        f"/admin/pages/{root.pk}/edit/",
    ):
        refused = client.get(address)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/"), address


# --- Out-of-range document ids.

TOO_LARGE = 2**63

DOCUMENT_ADDRESSES = [
    f"/documents/{TOO_LARGE}/annexe.pdf",
    f"/documents/authenticate_with_password/{TOO_LARGE}/",
    f"/admin/documents/edit/{TOO_LARGE}/",
    f"/admin/documents/delete/{TOO_LARGE}/",
    f"/admin/documents/usage/{TOO_LARGE}/",
    f"/admin/documents/chooser/{TOO_LARGE}/",
    f"/admin/documents/multiple/{TOO_LARGE}/",
    f"/admin/documents/multiple/{TOO_LARGE}/delete/",
    f"/admin/documents/multiple/create_from_uploaded_document/{TOO_LARGE}/",
    f"/admin/documents/multiple/delete_upload/{TOO_LARGE}/",
]


@pytest.mark.parametrize("address", DOCUMENT_ADDRESSES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_document_id_beyond_any_database_is_not_found(client, db, address, method):
    client.raise_request_exception = False
    client.force_login(make_user("editor_spvm", "spvm", "Editors"))
    response = getattr(client, method)(address, follow=True)
    # Wagtail answers a GET-only or POST-only address with 405.
    assert response.status_code in (404, 405), response.redirect_chain

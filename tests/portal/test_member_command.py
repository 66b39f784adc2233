"""`member add`: the account, its organisations and the admin groups it joins."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from portal.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def add(monkeypatch):
    """Runs `member add ARGS…`, typing `password` on its standard input when given."""

    def run(*args: str, password: str | None = None) -> str:
        out = io.StringIO()
        if password is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))
            args = (*args, "--password-stdin")
        call_command("member", "add", *args, stdout=out)
        return out.getvalue()

    return run


def test_an_analyst_joins_an_organisation_and_the_moderators(add, client):
    out = add(
        "analyste", "--organisation", "spvm", "--group", "Moderators", password="Un-long-mot-2025!"
    )

    assert out.strip() == "Created member analyste of spvm, in Moderators."
    user = get_user_model().objects.get(username="analyste")
    assert [group.name for group in user.groups.all()] == ["Moderators"]
    assert Membership.objects.get(user=user).organisation.slug == "spvm"
    assert not user.is_superuser
    assert client.login(username="analyste", password="Un-long-mot-2025!")
    assert client.get("/admin/").status_code == 200


def test_an_unknown_group_is_refused_naming_the_known_ones_and_nothing_is_made(add):
    with pytest.raises(CommandError) as refused:
        add("analyste", "--organisation", "spvm", "--group", "Analystes")

    assert str(refused.value) == (
        "Unknown group Analystes; known: Editors, Moderators, Rencontre organisers."
    )
    assert not get_user_model().objects.filter(username="analyste").exists()


def test_without_a_group_the_member_reads_but_cannot_enter_the_admin(add, client):
    add("agente", "--organisation", "sq", password="Un-long-mot-2025!")

    assert client.login(username="agente", password="Un-long-mot-2025!")
    assert client.get("/admin/").status_code == 302


def test_the_email_given_is_where_digests_go_and_a_wrong_one_is_refused(add):
    add("agente", "--organisation", "sq", "--email", "agente@spvq.example")
    assert get_user_model().objects.get(username="agente").email == "agente@spvq.example"

    with pytest.raises(CommandError, match="'agente' is not an e-mail address"):
        add("agente", "--organisation", "sq", "--email", "agente")
    assert get_user_model().objects.get(username="agente").email == "agente@spvq.example"

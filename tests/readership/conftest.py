"""Readership tests: a reader's browser, signed-in members, and the buffer emptied around each."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import Membership, Organisation
from readership import buffer

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)


@pytest.fixture(autouse=True)
def empty_buffer():
    buffer.discard()
    yield
    buffer.discard()


@pytest.fixture
def reader(client):
    """The test client, as a person's browser from one address."""
    client.defaults.update(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    return client


def make_user(username, organisation=None, group=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    if organisation:
        organisation = Organisation.objects.get(slug=organisation)
        Membership.objects.create(user=user, organisation=organisation)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user

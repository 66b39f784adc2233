"""Members with saved searches, and the research items their digests may or may not bring."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from alerts.models import Frequency, SavedSearch
from portal.models import Membership, Organisation

ORGANISATIONS = ("spvm", "sq")
LEVELS = ("public", "community", "organisation")
WORD = "patrouille"


def member(username: str, *organisations: str, superuser: bool = False):
    users = get_user_model().objects
    email = f"{username}@example.org"
    if superuser:
        return users.create_superuser(username, email, "x")
    user = users.create_user(username, email=email, password="x")
    for slug in organisations:
        Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=slug))
    return user


def saved_search(owner, query=None, *, frequency=Frequency.DAILY, language="fr", name=None):
    """A saved search made three days ago whose digests covered everything until an hour ago."""
    now = timezone.now()
    return SavedSearch.objects.create(
        owner=owner,
        name=name or f"Veille {WORD}",
        query=query if query is not None else {"q": WORD},
        frequency=frequency,
        language=language,
        created_at=now - datetime.timedelta(days=3),
        last_seen_at=now - datetime.timedelta(hours=1),
        last_digest_at=now - datetime.timedelta(hours=1),
    )


@pytest.fixture
def publish(make_research_page, search_index, django_capture_on_commit_callbacks):
    """Publish a research item and index it as the worker would."""

    def publish_item(title, organisation="spvm", access="public", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_research_page(
                title=title,
                slug=fields.pop("slug", None) or f"item-{abs(hash(title)) % 10**8}",
                organisation=Organisation.objects.get(slug=organisation),
                access=access,
                **fields,
            )

    return publish_item


@pytest.fixture
def republish(django_capture_on_commit_callbacks):
    def republish_item(page, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return republish_item


# A Tuesday at 10:00 in the portal's time zone: after that day's digest hour (6:00).
START = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/Toronto"))


@pytest.fixture
def clock():
    """Time that runs from START and that a test moves forward (`clock.shift(…)`)."""
    with time_machine.travel(START, tick=True) as traveller:
        yield traveller

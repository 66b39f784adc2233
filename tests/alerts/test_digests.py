"""Digests hold exactly the new items each member may see at send time, once per period."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from alerts.digests import send_due_digests
from alerts.models import Digest, Frequency, SentItem
from portal.models import Membership
from tests.alerts.conftest import LEVELS, ORGANISATIONS, WORD, member, saved_search

pytestmark = pytest.mark.django_db


DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def titles(message) -> set[str]:
    return set(re.findall(r"^\* (.+)$", message.body, flags=re.MULTILINE))


def messages_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def six_items(clock, publish):
    return {
        (organisation, level): publish(
            f"Étude {WORD} {level} {organisation}", organisation=organisation, access=level
        )
        for organisation in ORGANISATIONS
        for level in LEVELS
    }


# Who sees which of the six items: the access policy's matrix.
SEES = {
    "outsider": {("spvm", "public"), ("sq", "public")},
    "member_spvm": {
        ("spvm", "public"), ("sq", "public"), ("spvm", "community"), ("sq", "community"),
        ("spvm", "organisation"),
    },
    "member_sq": {
        ("spvm", "public"), ("sq", "public"), ("spvm", "community"), ("sq", "community"),
        ("sq", "organisation"),
    },
    "administrator": {(org, level) for org in ORGANISATIONS for level in LEVELS},
}  # fmt: skip


def make_member(who):
    if who == "administrator":
        return member(who, superuser=True)
    if who == "outsider":
        return member(who)  # signed in, of no partner organisation: what anyone may see
    return member(who, who.split("_")[1])


@pytest.mark.parametrize("who", list(SEES))
def test_a_digest_lists_exactly_the_new_items_its_member_may_see(clock, six_items, who):
    user = make_member(who)
    saved_search(user)
    clock.shift(DAY)
    run = send_due_digests()
    (message,) = mail.outbox
    assert message.to == [user.email]
    expected = {six_items[key].title for key in SEES[who]}
    assert titles(message) == expected
    assert (run.sent, run.items) == (1, len(expected))
    assert (
        message.subject
        == f"Passerelle : {len(expected)} nouvelles recherches pour vos recherches enregistrées"
    )


def test_members_of_the_owning_organisation_and_of_another_get_different_digests(clock, six_items):
    spvm, sq = member("member_spvm", "spvm"), member("member_sq", "sq")
    saved_search(spvm)
    saved_search(sq)
    clock.shift(DAY)
    send_due_digests()
    restricted = six_items["spvm", "organisation"].title
    assert restricted in titles(messages_to(spvm)[0])
    assert restricted not in titles(messages_to(sq)[0])
    assert restricted not in messages_to(sq)[0].alternatives[0][0]


def test_a_member_who_lost_access_gets_nothing_of_it(clock, six_items):
    user = member("member_spvm", "spvm")
    saved_search(user)
    Membership.objects.filter(user=user).delete()  # left the organisation before the digest
    clock.shift(DAY)
    send_due_digests()
    (message,) = mail.outbox
    assert titles(message) == {six_items["spvm", "public"].title, six_items["sq", "public"].title}
    html = message.alternatives[0][0]
    for level in ("community", "organisation"):
        for organisation in ORGANISATIONS:
            assert six_items[organisation, level].title not in html


def test_never_twice_across_two_beats_a_restart_and_the_next_period(clock, six_items, republish):
    user = member("member_spvm", "spvm")
    saved = saved_search(user)
    clock.shift(DAY)
    send_due_digests()
    first = titles(mail.outbox[0])
    # A second beat at the same moment, a worker restarted an hour later: same period, taken.
    assert send_due_digests().sent == 0
    clock.shift(HOUR)
    assert send_due_digests().sent == 0
    assert len(mail.outbox) == 1
    assert Digest.objects.filter(saved_search=saved).count() == 1
    assert SentItem.objects.filter(saved_search=saved).count() == len(first)
    # The next day: an edited item is not news, and nothing already sent comes back.
    republish(six_items["spvm", "public"], summary="Résumé corrigé.")
    clock.shift(DAY)
    run = send_due_digests()
    assert (run.sent, run.empty) == (0, 1)
    assert len(mail.outbox) == 1


def test_a_claimed_digest_is_not_sent_again_even_if_the_first_run_died(clock, six_items):
    user = member("member_spvm", "spvm")
    saved = saved_search(user)
    clock.shift(DAY)
    # A run claimed the period and died before sending: the period stays taken (at most once).
    Digest.objects.create(
        saved_search=saved,
        period="2026-03-11",
        window_start=saved.last_digest_at,
        window_end=timezone.now(),
        status=Digest.Status.SENDING,
    )
    assert send_due_digests().sent == 0
    assert mail.outbox == []


def test_an_item_made_visible_later_arrives_in_the_next_digest(clock, six_items, republish):
    sq = member("member_sq", "sq")
    spvm = member("member_spvm", "spvm")
    saved_search(sq)
    saved_search(spvm)
    clock.shift(DAY)
    send_due_digests()
    restricted = six_items["spvm", "organisation"]
    assert restricted.title not in titles(messages_to(sq)[0])
    mail.outbox.clear()
    clock.shift(HOUR)
    republish(restricted, access="community")  # widened: now any member may see it
    clock.shift(DAY)
    send_due_digests()
    (message,) = mail.outbox  # the SPVM member had it already: nothing new for them
    assert message.to == [sq.email]
    assert titles(message) == {restricted.title}


def test_joining_an_organisation_makes_its_items_new(clock, six_items):
    user = member("member_sq", "sq")
    saved_search(user)
    clock.shift(DAY)
    send_due_digests()
    mail.outbox.clear()
    clock.shift(HOUR)
    Membership.objects.create(
        user=user, organisation_id=six_items["spvm", "public"].organisation_id
    )
    clock.shift(DAY)
    send_due_digests()
    (message,) = mail.outbox
    assert titles(message) == {six_items["spvm", "organisation"].title}


def test_only_what_the_saved_search_finds_is_sent(clock, six_items, publish):
    user = member("outsider")
    saved_search(user, {"q": WORD, "organisation": ["sq"]})
    publish("Sécurité routière près des écoles", organisation="sq")
    clock.shift(DAY)
    send_due_digests()
    (message,) = mail.outbox
    assert titles(message) == {six_items["sq", "public"].title}


def test_nothing_new_sends_nothing_and_frequency_none_is_never_due(clock, six_items):
    quiet = member("quiet", "spvm")
    saved_search(quiet, {"q": "introuvable"})
    off = member("off", "spvm")
    saved_search(off, frequency=Frequency.NONE)
    clock.shift(DAY)
    run = send_due_digests()
    assert mail.outbox == []
    assert (run.sent, run.empty) == (0, 1)


def test_weekly_digests_come_once_a_week_and_group_saved_searches_by_language(clock, six_items):
    user = member("member_spvm", "spvm")
    saved_search(user, frequency=Frequency.WEEKLY, name="Hebdo A")
    saved_search(
        user, {"q": WORD, "organisation": ["sq"]}, frequency=Frequency.WEEKLY, name="Hebdo B"
    )
    saved_search(user, frequency=Frequency.WEEKLY, language="en", name="Weekly C")
    clock.shift(7 * DAY)
    send_due_digests()
    french, english = sorted(mail.outbox, key=lambda message: "Hebdo" not in message.body)
    assert "== Hebdo A ==" in french.body and "== Hebdo B ==" in french.body
    assert english.subject.startswith("Passerelle: ")
    assert "Open this saved search" in english.alternatives[0][0]
    mail.outbox.clear()
    clock.shift(DAY)
    assert send_due_digests().sent == 0


def test_a_digest_has_text_html_and_unsubscribe_headers(clock, six_items):
    user = member("outsider")
    saved = saved_search(user)
    clock.shift(DAY)
    send_due_digests()
    (message,) = mail.outbox
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<html lang="fr">' in html
    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<http://testserver/fr/desabonnement/[^/]+/>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in message.body
    assert f"http://testserver/fr/compte/recherches-enregistrees/{saved.pk}/" in message.body
    assert six_items["sq", "public"].url in html


def test_beat_runs_the_digest_task_which_also_forgets_old_access_changes(clock, six_items):
    from django.conf import settings

    from alerts.models import AccessChange
    from alerts.tasks import send_digests_task

    assert settings.CELERY_BEAT_SCHEDULE["digests"]["task"] == "alerts.tasks.send_digests_task"
    saved_search(member("outsider"))
    old = AccessChange.objects.create(
        item=six_items["spvm", "public"],
        changed_at=timezone.now() - 91 * DAY,
        live_before=False,
    )
    recent = AccessChange.objects.count() - 1
    clock.shift(DAY)
    assert send_digests_task.delay().get() == {"sent": 1, "failed": 0, "empty": 0, "items": 2}
    assert not AccessChange.objects.filter(pk=old.pk).exists()
    assert AccessChange.objects.count() == recent

"""`manage.py send_digests`: the digests beat sends, on demand, with what it did on stdout."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from alerts.models import Digest
from tests.alerts.conftest import WORD, member, saved_search

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def send_digests(*args) -> str:
    out = io.StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_the_command_sends_the_due_digest_once_and_says_so(clock, publish):
    user = member("member_spvm", "spvm")
    saved_search(user)
    item = publish(f"Étude {WORD} publiée")
    clock.shift(DAY)
    assert send_digests() == "Digests sent: 1, with nothing new: 0, failed: 0, items listed: 1.\n"
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert f"* {item.title}" in message.body
    # Run again at once (beat, or another operator): the period is taken.
    assert send_digests() == "Digests sent: 0, with nothing new: 0, failed: 0, items listed: 0.\n"
    assert len(mail.outbox) == 1


def test_at_runs_the_digests_of_that_moment(clock, publish):
    user = member("member_spvm", "spvm")
    saved = saved_search(user)
    publish(f"Étude {WORD} publiée")
    # The clock stays at START (10 March, 10:00): the run takes the moment given, the 11th.
    assert "Digests sent: 1," in send_digests("--at", "2026-03-11T07:00")
    assert Digest.objects.get(saved_search=saved).period == "2026-03-11"
    assert len(mail.outbox) == 1


def test_at_refuses_what_is_not_a_date_time(clock):
    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("send_digests", "--at", "tomorrow")


def test_a_digest_that_could_not_be_sent_fails_the_command(clock, publish, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("alerts.digests.send_digest", broken)
    saved = saved_search(member("member_spvm", "spvm"))
    publish(f"Étude {WORD} publiée")
    clock.shift(DAY)
    with pytest.raises(CommandError, match="1 digest"):
        send_digests()
    assert Digest.objects.get(saved_search=saved).status == Digest.Status.FAILED

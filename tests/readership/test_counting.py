"""Views and downloads are counted per day, item and reading organisation: robots and
double-clicks left out, no person recorded, nothing written while the reader waits."""

import datetime
import os

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from readership import aggregation, buffer
from readership.models import DailyReading, ReadingEvent
from readership.tasks import aggregate_readings_task, purge_readings_task
from tests.readership.conftest import PHONE, make_user
from worker.celery import app

NOON = datetime.datetime(2025, 3, 14, 12, 0, tzinfo=datetime.UTC)


def counted():
    """Write the batch, count it; {(audience, kind): count} over every day and item."""
    buffer.flush()
    aggregation.aggregate()
    return {
        (row.audience, row.kind): row.count
        for row in DailyReading.objects.order_by("audience", "kind")
    }


@pytest.fixture
def item(make_research_page, make_document):
    document = make_document(name="rapport.txt", content=b"Rapport de recherche")
    return make_research_page(slug="etude-comptee", files=[document])


def download_url(item):
    return item.ordered_files()[0].document.url


def test_a_view_and_a_download_by_a_person_are_counted(reader, item):
    assert reader.get(item.url).status_code == 200
    assert reader.get(download_url(item)).status_code == 200
    assert counted() == {("anonymous", "download"): 1, ("anonymous", "view"): 1}


def test_nothing_reaches_the_database_while_the_reader_waits(reader, item):
    reader.get(item.url)
    assert not ReadingEvent.objects.exists()  # until the batch is written
    buffer.flush()
    assert ReadingEvent.objects.count() == 1


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_robots_are_not_counted(client, item, user_agent):
    client.defaults.update(HTTP_USER_AGENT=user_agent)
    assert client.get(item.url).status_code == 200
    assert client.get(download_url(item)).status_code == 200
    assert counted() == {}


def test_a_double_click_counts_once_and_a_later_click_again(reader, item):
    with time_machine.travel(NOON, tick=False):
        reader.get(item.url)
        buffer.flush()
    with time_machine.travel(NOON + datetime.timedelta(seconds=29), tick=False):
        reader.get(item.url)
        reader.get(download_url(item))  # another kind: counted on its own
        buffer.flush()
    with time_machine.travel(NOON + datetime.timedelta(seconds=31), tick=False):
        reader.get(item.url)
        assert counted() == {("anonymous", "download"): 1, ("anonymous", "view"): 2}
    assert ReadingEvent.objects.filter(counted=False).count() == 1


def test_another_browser_or_address_is_another_reader(reader, item):
    with time_machine.travel(NOON, tick=False):
        reader.get(item.url)
        reader.get(item.url, HTTP_USER_AGENT=PHONE)
        reader.get(item.url, REMOTE_ADDR="198.51.100.2")
        assert counted() == {("anonymous", "view"): 3}


def test_repeats_arriving_in_separate_batches_still_count_once(reader, item):
    with time_machine.travel(NOON, tick=False):
        reader.get(item.url)
        assert counted() == {("anonymous", "view"): 1}
        reader.get(item.url)
        assert counted() == {("anonymous", "view"): 1}
    aggregation.aggregate()  # a rerun changes nothing
    assert DailyReading.objects.get().count == 1


def test_counts_are_kept_by_organisation_never_by_person(reader, item):
    member = make_user("lectrice", "sq")
    other_member = make_user("lecteur", "sq")
    unaffiliated = make_user("sans-organisation")
    with time_machine.travel(NOON, tick=False):
        for user in (member, other_member, unaffiliated):
            reader.force_login(user)
            reader.get(item.url, REMOTE_ADDR=f"192.0.2.{user.pk}")
        reader.logout()
        reader.get(item.url)
        assert counted() == {("anonymous", "view"): 1, ("public", "view"): 1, ("sq", "view"): 2}
    stored = " ".join(str(value) for row in ReadingEvent.objects.values() for value in row.values())
    for secret in ("lectrice", "lecteur", "192.0.2.", "203.0.113.7", "Firefox", "Gecko"):
        assert secret not in stored
    models = (ReadingEvent, DailyReading)
    field_names = {field.name for model in models for field in model._meta.fields}
    assert not field_names & {"user", "username", "client_address", "user_agent", "address"}


def test_the_client_key_changes_from_one_day_to_the_next(reader, item):
    with time_machine.travel(NOON, tick=False):
        reader.get(item.url)
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        reader.get(item.url)
        buffer.flush()
    first, second = ReadingEvent.objects.order_by("occurred_at")
    assert first.client_key != second.client_key
    assert first.day != second.day


def test_previews_and_head_requests_are_not_counted(reader, item):
    assert reader.head(item.url).status_code == 200
    assert counted() == {}


def test_counting_can_be_switched_off(reader, item, settings):
    settings.READERSHIP_COUNTING = False
    reader.get(item.url)
    reader.get(download_url(item))
    assert counted() == {}


def test_a_file_counts_for_the_item_its_reader_may_see(reader, make_research_page, make_document):
    document = make_document(name="annexe.txt", content=b"Annexe")
    public = make_research_page(slug="etude-publique", files=[document])
    restricted = make_research_page(
        slug="etude-restreinte", access="organisation", files=[document]
    )
    reader.get(document.url)
    counted()
    assert set(DailyReading.objects.values_list("item_id", flat=True)) == {public.pk}
    assert restricted.pk != public.pk


def test_the_item_page_shows_its_totals(reader, item):
    reader.get(item.url)
    reader.get(download_url(item))
    counted()
    page = reader.get(item.url, REMOTE_ADDR="198.51.100.9").content.decode()
    assert "data-reading-totals>1 consultation · 1 téléchargement</dd>" in page
    with translation.override("en"):
        english = reader.get(item.url).content.decode()
    assert "data-reading-totals>1 view · 1 download</dd>" in english


def test_raw_events_go_after_30_days_and_the_daily_counts_stay(reader, item):
    with time_machine.travel(NOON, tick=False):
        reader.get(item.url)
        counted()
    later = NOON + datetime.timedelta(days=31)
    with time_machine.travel(later, tick=False):
        assert aggregation.purge(timezone.now())["raw_events"] == 1
    assert not ReadingEvent.objects.exists()
    assert DailyReading.objects.get().count == 1


def test_a_pending_event_older_than_the_raw_window_does_not_erase_its_day(reader, item):
    with time_machine.travel(NOON, tick=False):
        reader.get(item.url)
        counted()
    with time_machine.travel(NOON + datetime.timedelta(days=31), tick=False):
        aggregation.purge(timezone.now())
        buffer.store_rows(
            [
                {
                    "uid": "late",
                    "occurred_at": NOON.isoformat(),
                    "day": NOON.date().isoformat(),
                    "item_id": item.pk,
                    "kind": "view",
                    "audience": "anonymous",
                    "client_key": "x" * 32,
                }
            ],
            [],
        )
        aggregation.aggregate(timezone.now())
    assert DailyReading.objects.get().count == 1


@pytest.fixture
def through_redis(settings):
    """The web processes' batches go through Redis (REDIS_URL: this suite's own database)."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the batches through Redis are not tried")
    settings.READERSHIP_REDIS_URL = url
    client = buffer.redis_client()
    client.delete(buffer.REDIS_KEY)
    yield client
    client.delete(buffer.REDIS_KEY)


def test_through_redis_the_database_is_written_by_beat_alone(reader, item, through_redis):
    reader.get(item.url)
    reader.get(item.url)  # a double-click
    reader.get(search_url(), {"q": "zzzintrouvable"})
    buffer.flush()
    assert through_redis.llen(buffer.REDIS_KEY) == 3
    assert not ReadingEvent.objects.exists()
    report = aggregation.aggregate()
    assert (report.moved, report.counted, report.repeats, report.searches) == (3, 1, 1, 1)
    assert through_redis.llen(buffer.REDIS_KEY) == 0
    assert DailyReading.objects.get().count == 1


def search_url():
    return reverse("search_page")


def test_beat_runs_the_counting_and_the_purge(reader, item, settings):
    for entry in ("readership-aggregate", "readership-purge"):
        assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks
    reader.get(item.url)
    buffer.flush()
    assert aggregate_readings_task.delay().get()["counted"] == 1
    assert purge_readings_task.delay().get() == {"raw_events": 0, "unmet_searches": 0}
    assert DailyReading.objects.get().count == 1

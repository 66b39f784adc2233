"""The search endpoints under abuse: a per-client rate limit, and caps on what one request asks.

Time is moved with time-machine, so "a minute later" needs no waiting.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.tokens import issue_personal_token
from search.backends import get_search_backend, reset_search_backend
from tests.search.documents import research_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indexed():
    reset_search_backend()
    backend = get_search_backend()
    backend.clear()
    backend.index_documents(research_documents())
    yield backend
    backend.clear()
    reset_search_backend()


@pytest.fixture
def three_per_minute(settings):
    settings.SEARCH_API_RATE_LIMIT = "3/m"


@pytest.fixture
def three_per_minute_on_pages(settings):
    settings.SEARCH_PAGE_RATE_LIMIT = "3/m"


def search(client, **extra):
    return client.get("/api/v1/search", {"q": "violence"}, **extra)


@pytest.mark.usefixtures("three_per_minute")
def test_past_the_limit_a_client_gets_429_with_retry_after_then_recovers(client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert [search(client).status_code for _ in range(3)] == [200, 200, 200]
        refused = search(client, HTTP_ACCEPT_LANGUAGE="fr")
        assert refused.status_code == 429
        wait = int(refused["Retry-After"])
        assert 1 <= wait <= 60
        assert refused.json() == {
            "error": f"Trop de recherches depuis ce client. Réessayez dans {wait} secondes."
        }
        traveller.shift(datetime.timedelta(seconds=wait))
        assert search(client).status_code == 200


@pytest.mark.usefixtures("three_per_minute")
def test_clients_behind_the_proxy_are_counted_apart(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    first = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    second = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    with time_machine.travel(timezone.now(), tick=False):
        assert [search(client, **first).status_code for _ in range(4)] == [200, 200, 200, 429]
        assert search(client, **second).status_code == 200


@pytest.mark.usefixtures("three_per_minute")
def test_a_token_is_counted_for_its_user_not_its_address(client):
    user = get_user_model().objects.create_user("analyste")
    token = issue_personal_token(user)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    with time_machine.travel(timezone.now(), tick=False):
        assert [search(client).status_code for _ in range(4)] == [200, 200, 200, 429]
        # Same address, but the token's user has a count of its own.
        assert search(client, **bearer).status_code == 200


@pytest.mark.usefixtures("three_per_minute")
def test_guessing_tokens_is_counted_against_the_address(client):
    bad = {"HTTP_AUTHORIZATION": "Bearer wagtail_not-a-real-token"}
    with time_machine.travel(timezone.now(), tick=False):
        assert [search(client, **bad).status_code for _ in range(4)] == [401, 401, 401, 429]


def test_a_ten_thousand_character_query_is_refused_at_once(client):
    response = client.get("/api/v1/search", {"q": "x" * 10_000, "lang": "en"})
    assert response.status_code == 400
    assert response.json() == {"error": "The search text is too long: at most 1000 characters."}


def test_the_search_page_refuses_it_too(client):
    response = client.get("/fr/recherche/", {"q": "données " * 1_250})
    assert response.status_code == 400
    assert "Le texte recherché est trop long : au plus 1000 caractères." in (
        response.content.decode()
    )


def test_the_search_page_refuses_two_thousand_tags_before_searching_or_building_chips(
    client, monkeypatch
):
    """The visitor sees the form and the reason, in a page of ordinary size, at once."""

    def no_search(request):
        raise AssertionError("a refused request must not reach the engine")

    monkeypatch.setattr("search.views.search", no_search)
    tags = [f"etiquette-{number}" for number in range(2_000)]
    response = client.get("/fr/recherche/", {"q": "violence", "tag": tags})
    assert response.status_code == 400
    page_html = response.content.decode()
    assert '<p class="search__error" role="alert">Trop de valeurs pour tag (au plus 50).</p>' in (
        page_html
    )
    assert 'class="active-filter"' not in page_html  # no chip per value, each a 2,000-value link
    assert "Retirer tous les filtres" in page_html
    # The 38 KB query string is echoed in a few links (feed, sign-in, language), not per chip.
    assert len(response.content) < 200_000


@pytest.mark.usefixtures("three_per_minute_on_pages")
def test_past_the_limit_the_search_page_and_its_feed_answer_429_then_recover(client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        pages = [client.get("/fr/recherche/", {"q": "violence"}) for _ in range(2)]
        feed = client.get("/fr/flux/", {"q": "violence"})
        assert [r.status_code for r in [*pages, feed]] == [200, 200, 200]
        refused = client.get("/fr/recherche/", {"q": "violence"})
        assert refused.status_code == 429
        wait = int(refused["Retry-After"])
        assert 1 <= wait <= 60
        message = f"Trop de recherches depuis ce client. Réessayez dans {wait} secondes."
        assert f'<p class="search__error" role="alert">{message}</p>' in refused.content.decode()
        refused_feed = client.get("/fr/flux/")
        assert refused_feed.status_code == 429
        assert refused_feed["Retry-After"] == str(wait)
        assert refused_feed.content.decode() == message
        # The API keeps its own count.
        assert search(client).status_code == 200
        traveller.shift(datetime.timedelta(seconds=wait))
        assert client.get("/fr/recherche/", {"q": "violence"}).status_code == 200


def test_a_long_filter_value_is_refused(client):
    response = client.get("/api/v1/search", {"region": "M" * 201, "lang": "en"})
    assert response.status_code == 400
    assert response.json() == {"error": "A region value is too long: at most 200 characters."}


def test_pages_deeper_than_the_window_are_refused(client):
    response = client.get("/api/v1/search", {"page": 101, "size": 100, "lang": "en"})
    assert response.status_code == 400
    assert "only the first 10000 results can be paged through" in response.json()["error"]


def test_without_its_cache_the_limit_lets_searches_through(client, settings, caplog):
    """Redis down: searching goes on (and the failure is logged), rather than every client 429."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        }
    }
    settings.SEARCH_API_RATE_LIMIT = "1/m"
    assert [search(client).status_code for _ in range(3)] == [200, 200, 200]
    assert "rate limit: no cache to count search-api requests" in caplog.text

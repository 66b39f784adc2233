"""The cache the server's processes share for searches (search.shared), as deployed: SQLite
files without Redis, Redis with it; what one process keeps, another reads."""

from tests.portal.production import on_production_settings


def in_a_server_process(code: str, **environment) -> str:
    """Runs `code` in a new process on the production settings; what it printed."""
    result = on_production_settings(
        ["-c", f"import django; django.setup()\n{code}"],
        without={"REDIS_URL", "SEARCH_CACHE_DIR"},
        timeout=60,
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789",
        ALLOWED_HOSTS="passerelle.example.org",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_processes_share_search_answers_through_a_folder(tmp_path):
    folder = tmp_path / "search-cache"
    kept = in_a_server_process(
        "from search.shared import shared_cache, shared_key\n"
        "shared_cache().set(shared_key('nearest', 'confiance'), [(7, 0.91, 2)])\n"
        "from django.conf import settings\n"
        "print(settings.CACHES[settings.SEARCH_SHARED_CACHE]['BACKEND'])",
        SEARCH_CACHE_DIR=str(folder),
    )
    assert kept == "diskcache.DjangoCache"
    assert folder.is_dir()
    read = in_a_server_process(
        "from search.shared import shared_cache, shared_key\n"
        "print(shared_cache().get(shared_key('nearest', 'confiance')))",
        SEARCH_CACHE_DIR=str(folder),
    )
    assert read == "[(7, 0.91, 2)]"


def test_with_redis_the_search_cache_is_redis_and_none_when_the_setting_says_so(tmp_path):
    backend = in_a_server_process(
        "from django.conf import settings\n"
        "print(settings.CACHES[settings.SEARCH_SHARED_CACHE]['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    assert backend == "django.core.cache.backends.redis.RedisCache"
    none = in_a_server_process(
        "from search.shared import shared_cache\nprint(shared_cache())",
        SEARCH_SHARED_CACHE="",
        SEARCH_CACHE_DIR=str(tmp_path),
    )
    assert none == "None"

"""The elasticsearch-py client as Passerelle configures it, and the errors the engine raises."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from elasticsearch import ApiError, Elasticsearch, TransportError, UnsupportedProductError

from search.backends.base import SearchUnavailable

# Statuses worth another try: the cluster is busy (429) or a node/proxy is briefly away.
TRANSIENT_STATUSES = (429, 502, 503, 504)
MAX_RETRIES = 3
# Exponential backoff with jitter between the client's retries, in seconds.
RETRY_BACKOFF_BASE = 0.5
RETRY_BACKOFF_CAP = 8.0


class IndexingFailed(RuntimeError):
    """Some documents were not written; `failures` maps each id to the reason."""

    MAX_NAMED = 10

    def __init__(self, failures: Mapping[int | str, str]) -> None:
        self.failures = dict(failures)
        named = ", ".join(
            f"{doc_id} ({reason})"
            for doc_id, reason in list(self.failures.items())[: self.MAX_NAMED]
        )
        more = len(self.failures) - self.MAX_NAMED
        suffix = f" and {more} more" if more > 0 else ""
        super().__init__(
            f"{len(self.failures)} search document(s) could not be written: {named}{suffix}"
        )


def public_url(url: str) -> str:
    """The URL without user name or password, fit for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def make_client(
    url: str,
    *,
    api_key: str | None = None,
    username: str | None = None,
    password: str | None = None,
    verify_certs: bool = True,
    ca_certs: str | None = None,
    timeout: float = 10.0,
    **transport: Any,
) -> Elasticsearch:
    """A client retrying transient failures with backoff; `transport` overrides (tests)."""
    options: dict[str, Any] = {
        "request_timeout": timeout,
        "max_retries": MAX_RETRIES,
        "retry_on_status": TRANSIENT_STATUSES,
        "retry_on_timeout": True,
        "retry_backoff_base": RETRY_BACKOFF_BASE,
        "retry_backoff_cap": RETRY_BACKOFF_CAP,
    }
    if api_key:
        options["api_key"] = api_key
    elif username:
        options["basic_auth"] = (username, password or "")
    if urlsplit(url).scheme == "https":
        options["verify_certs"] = verify_certs
        if ca_certs:
            options["ca_certs"] = ca_certs
    options.update(transport)
    return Elasticsearch(url, **options)


@contextlib.contextmanager
def reported_as_unavailable(url: str, secrets: tuple[str, ...] = ()) -> Iterator[None]:
    """Connection failures and exhausted retries become SearchUnavailable naming `url`."""
    try:
        yield
    except UnsupportedProductError as error:
        raise SearchUnavailable(f"{public_url(url)} does not answer as Elasticsearch.") from error
    except TransportError as error:  # connection refused, timeout, TLS
        reason = _scrubbed(str(error.message), secrets)
        raise SearchUnavailable(
            f"Elasticsearch at {public_url(url)} is unreachable: {reason}"
        ) from error
    except ApiError as error:
        if error.status_code not in TRANSIENT_STATUSES:
            raise
        raise SearchUnavailable(
            f"Elasticsearch at {public_url(url)} keeps answering {error.status_code}; "
            "try again later."
        ) from error


def _scrubbed(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text

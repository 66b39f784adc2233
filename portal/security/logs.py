"""Structured logs: one JSON object per line, for requests, tasks and security events.

Only facts go in: method, path (never the query string), status, duration, client address,
user id, event names and ids. Never a password, a token or a document's text; a filter also
masks anything shaped like a credential that another library might write.
"""

from __future__ import annotations

import logging
import re
import time

from django.utils.functional import empty
from pythonjsonlogger.json import JsonFormatter

from portal.security.addresses import request_client_address

request_logger = logging.getLogger("passerelle.request")
security_logger = logging.getLogger("passerelle.security")

REDACTED = "[redacted]"
_SECRETS = (
    # Wagtail's personal API tokens ("wagtail_" + secret), bare or after "Bearer".
    re.compile(r"\bwagtail_[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/\-]+=*"),
    # key=value or "key": "value" pairs whose key names a secret.
    re.compile(
        r"(?i)([\"']?\b(?:password\d?|passwd|secret|token|api[_-]?key|otp_token|csrfmiddlewaretoken)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\"'&\s,}]+"
    ),
)


def redact(text: str) -> str:
    """The text with every credential-shaped part replaced by [redacted]."""
    text = _SECRETS[0].sub(REDACTED, text)
    text = _SECRETS[1].sub(lambda match: f"{match[1]} {REDACTED}", text)
    return _SECRETS[2].sub(lambda match: f"{match[1]}{REDACTED}", text)


class RedactSecrets(logging.Filter):
    """Masks credentials in the message, whoever logged it (Django, Celery, a library)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonLineFormatter(JsonFormatter):
    """time, level, logger, message, then the record's own fields (extra=…)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        # django.request passes the request object; its repr would carry the query string.
        request = log_data.pop("request", None)
        if request is not None and hasattr(request, "path"):
            log_data.setdefault("path", request.path)
        return super().process_log_record(log_data)


def security_event(event: str, request=None, *, level: int = logging.WARNING, **fields) -> None:
    """Log one security event (failed login, lockout, denied download…) with its context."""
    if request is not None:
        fields.setdefault("path", request.path)
        fields.setdefault("client", _client(request))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields.setdefault("user", user.pk)
    security_logger.log(level, event.replace("_", " "), extra={"event": event, **fields})


def _client(request) -> str:
    return request_client_address(request)


class RequestLogMiddleware:
    """One line per request: method, path, status, duration, client, user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.INFO
        request_logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "client": _client(request),
                "user": _loaded_user_id(request),
            },
        )
        return response


def _loaded_user_id(request) -> int | None:
    """The signed-in user's id if the view looked the user up; never a query of its own.

    (Looking the user up here would turn /healthz's 503 into a 500 when the database is down.)
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None

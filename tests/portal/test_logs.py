"""Structured logs: JSON lines for requests, tasks and security events; never a secret.

The records go through the configured handler's own filter and formatter, so each test reads
exactly the lines production would write.
"""

import json
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from portal.security.logs import JsonLineFormatter, RedactSecrets, redact
from portal.tokens import issue_personal_token
from research.models import ExtractionStatus, ResearchDocument

PASSWORD = "Une-phrase-de-passe-solide-2024"
DOCUMENT_TEXT = "Le témoin confidentiel numéro 4471 a décrit le réseau de Laval."


class Lines(logging.Handler):
    """The production formatting and redaction, kept in memory."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonLineFormatter())
        self.addFilter(RedactSecrets())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]

    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def log_lines():
    handler = Lines()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    root.setLevel(previous)


def events(handler, name) -> list[dict]:
    return [record for record in handler.records() if record.get("event") == name]


def test_each_request_is_one_json_line(client, db, log_lines):
    client.get("/fr/recherche/", {"q": "profilage racial"}, REMOTE_ADDR="203.0.113.7")
    [line] = events(log_lines, "request")
    assert line["method"] == "GET"
    assert line["path"] == "/fr/recherche/"
    assert line["status"] == 200
    assert line["client"] == "203.0.113.7"
    assert line["level"] == "INFO" and line["logger"] == "passerelle.request"
    assert isinstance(line["duration_ms"], float)
    assert "profilage" not in log_lines.text()  # the query string stays out


def test_failed_logins_and_the_lockout_are_security_events_without_the_password(
    client, db, log_lines
):
    get_user_model().objects.create_user("analyste", password=PASSWORD)
    for _ in range(5):
        client.post("/fr/connexion/", {"username": "analyste", "password": "Mauvais-Secret-99"})
    failures = events(log_lines, "login_failed")
    assert len(failures) == 5
    assert failures[0]["username"] == "analyste"
    assert failures[0]["path"] == "/fr/connexion/"
    assert events(log_lines, "login_locked_out")[0]["username"] == "analyste"
    assert "Mauvais-Secret-99" not in log_lines.text()


def test_a_token_never_reaches_the_logs(client, db, log_lines):
    user = get_user_model().objects.create_user("analyste")
    token = issue_personal_token(user)
    client.get("/api/v1/search", HTTP_AUTHORIZATION=f"Bearer {token}")
    client.get("/api/v1/search", HTTP_AUTHORIZATION=f"Bearer {token}x")  # a 401
    logging.getLogger("some.library").warning("retrying with headers %s", {"Authorization": token})
    assert [line["status"] for line in events(log_lines, "request")] == [200, 401]
    assert token not in log_lines.text()
    assert token[:20] not in log_lines.text()


def test_document_text_stays_out_of_task_logs(db, log_lines, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ResearchDocument(
            title="Rapport", file=ContentFile(DOCUMENT_TEXT.encode(), name="rapport.txt")
        )
        document.save()
    document.refresh_from_db()
    assert document.status == ExtractionStatus.INDEXED
    assert document.extracted_text.strip() == DOCUMENT_TEXT
    tasks = events(log_lines, "task")
    assert [(task["task"], task["state"]) for task in tasks] == [
        ("worker.tasks.process_document_task", "SUCCESS")
    ]
    assert "4471" not in log_lines.text() and "Laval" not in log_lines.text()


def test_a_refused_download_is_a_security_event(client, make_document, log_lines):
    document = make_document()  # attached to no item: nobody may download it
    assert client.get(document.url).status_code == 404
    [denied] = events(log_lines, "download_denied")
    assert denied["document"] == document.pk
    assert denied["level"] == "WARNING"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]"),
        ("token wagtail_AbCdEf0123456789xyz used", "token [redacted] used"),
        ("password=hunter2&next=/", "password=[redacted]&next=/"),
        ("{'password': 'hunter2', 'username': 'a'}", "{'password': '[redacted]', 'username': 'a'}"),
        ("nothing secret here", "nothing secret here"),
    ],
)
def test_credential_shapes_are_masked(text, expected):
    assert redact(text) == expected

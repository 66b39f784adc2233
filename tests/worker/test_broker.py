"""The embedded broker: a worker never takes a message file that is still being written."""

import os
import subprocess
import sys
from pathlib import Path
from queue import Empty

import pytest
from kombu import Connection

from worker import broker

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def connection(tmp_path):
    folder = tmp_path / "queue"
    folder.mkdir()
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder)}
    with Connection(
        "filesystem://",
        transport="worker.broker:AtomicFilesystemTransport",
        transport_options=options,
    ) as connection:
        yield connection


def test_a_message_is_invisible_to_the_worker_until_it_is_complete(connection, monkeypatch):
    channel = connection.default_channel
    seen_while_writing = []
    rename = os.replace

    def replace_after_looking(partial, final):
        # The consumer polls at this very moment: the message must not be offered yet.
        assert Path(partial).read_bytes(), "the message is renamed once fully written"
        with pytest.raises(Empty):
            channel._get("celery")
        seen_while_writing.append(sorted(os.listdir(Path(final).parent)))
        rename(partial, final)

    monkeypatch.setattr(broker.os, "replace", replace_after_looking)
    queue = connection.SimpleQueue("celery")
    queue.put({"task": "index_items", "ids": [3, 5]})

    [names] = seen_while_writing
    assert len(names) == 1 and names[0].endswith(".celery.msg.partial")
    message = queue.get(timeout=1)
    assert message.payload == {"task": "index_items", "ids": [3, 5]}
    message.ack()
    queue.close()


def test_make_run_uses_the_atomic_transport_for_its_filesystem_broker(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        PASSERELLE_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="portal.settings.dev"
    )
    script = (
        "import django; django.setup();"
        "from worker.celery import app;"
        "print(type(app.connection_for_write().transport).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert result.stdout.split()[-1] == "AtomicFilesystemTransport"


# A consumer in its own process takes one message and dies before acknowledging it.
TAKE_AND_DIE = """
import os, sys
from kombu import Connection
options = {"data_folder_in": sys.argv[1], "data_folder_out": sys.argv[1]}
with Connection("filesystem://", transport="worker.broker:AtomicFilesystemTransport",
                transport_options=options) as connection:
    message = connection.SimpleQueue("celery").get(timeout=5)
    print(message.payload["id"], flush=True)
    os.kill(os.getpid(), 9)
"""


def test_a_message_taken_by_a_consumer_killed_before_its_ack_is_delivered_again(
    connection, tmp_path
):
    queue = connection.SimpleQueue("celery")
    queue.put({"id": 7})
    folder = tmp_path / "queue"
    taker = subprocess.run(
        [sys.executable, "-c", TAKE_AND_DIE, str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (taker.returncode, taker.stdout.strip()) == (-9, "7")

    message = queue.get(timeout=5)  # the next consumer finds it back in the queue

    assert message.payload == {"id": 7}
    message.ack()
    assert list((tmp_path / "claims").iterdir()) == []  # acknowledged: nothing kept
    with pytest.raises(Empty):
        queue.get(timeout=0.5)
    queue.close()


def test_a_message_held_by_a_live_consumer_is_not_delivered_twice(connection, tmp_path):
    queue = connection.SimpleQueue("celery")
    queue.put({"id": 8})
    held = queue.get(timeout=1)

    with pytest.raises(Empty):
        queue.get(timeout=0.5)

    assert held.payload == {"id": 8}
    held.reject(requeue=True)  # given back by its consumer (a pool process lost)
    again = queue.get(timeout=1)
    assert again.payload == {"id": 8}
    again.ack()
    assert list((tmp_path / "claims").iterdir()) == []
    queue.close()


def test_a_message_claimed_longer_than_the_visibility_timeout_is_delivered_again(tmp_path):
    folder = tmp_path / "queue"
    folder.mkdir()
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder)}
    with Connection(
        "filesystem://",
        transport="worker.broker:AtomicFilesystemTransport",
        transport_options={**options, "visibility_timeout": 60},
    ) as connection:
        queue = connection.SimpleQueue("celery")
        queue.put({"id": 9})
        queue.get(timeout=1)  # taken by a live consumer that never answers (a hung worker)
        [claim] = (tmp_path / "claims").iterdir()
        os.utime(claim, (claim.stat().st_mtime - 61,) * 2)
        connection.default_channel._claims_checked_at = float("-inf")  # look again now

        assert queue.get(timeout=1).payload == {"id": 9}
        queue.close()

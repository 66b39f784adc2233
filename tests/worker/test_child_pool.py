"""Extraction children are kept between documents, and replaced when one dies or misbehaves."""

import os
import signal

import pytest

from worker.extract import Limits, sandbox

from . import samples


@pytest.fixture
def pool():
    pool = sandbox.ChildPool()
    yield pool
    pool.close()


@pytest.fixture
def french_pdf(tmp_path):
    return samples.pdf(tmp_path / "rapport.pdf", [samples.FRENCH])


def test_one_child_extracts_document_after_document(pool, french_pdf, docx_path):
    first = pool.run(french_pdf, "rapport.pdf", Limits())
    child = pool.idle_pids()
    second = pool.run(docx_path, "rapport.docx", Limits())
    third = pool.run(french_pdf, "rapport.pdf", Limits())

    assert (first["code"], second["code"], third["code"]) == ("", "", "")
    assert "Montréal" in first["text"] and first["text"] == third["text"]
    assert "Montréal" in second["text"]
    assert pool.started == 1
    assert pool.idle_pids() == child


def test_a_child_killed_between_documents_is_replaced(pool, french_pdf):
    pool.run(french_pdf, "rapport.pdf", Limits())
    [dead] = pool.idle_pids()
    os.kill(dead, signal.SIGKILL)

    reply = pool.run(french_pdf, "rapport.pdf", Limits())

    assert reply["code"] == ""
    assert "Montréal" in reply["text"]
    assert pool.started == 2
    assert pool.idle_pids() != [dead]


def test_after_a_timeout_the_next_document_gets_a_fresh_child(pool, french_pdf, monkeypatch):
    pool.run(french_pdf, "rapport.pdf", Limits())
    [first] = pool.idle_pids()
    monkeypatch.setenv(sandbox.TEST_DELAY_VARIABLE, "30")

    slow = pool.run(french_pdf, "rapport.pdf", Limits(seconds=0.3))
    monkeypatch.delenv(sandbox.TEST_DELAY_VARIABLE)
    after = pool.run(french_pdf, "rapport.pdf", Limits())

    assert slow["code"] == "timeout"
    assert after["code"] == ""
    assert not _alive(first)
    assert pool.started == 3  # a fresh child for the changed environment, another after the kill


def test_after_running_out_of_memory_the_next_document_gets_a_fresh_child(pool, tmp_path):
    huge = tmp_path / "enorme.txt"
    huge.write_bytes(b"a" * 60 * 1024 * 1024)
    small = tmp_path / "petit.txt"
    small.write_text(samples.FRENCH, encoding="utf-8")
    memory = 100 * 1024 * 1024

    failed = pool.run(huge, "enorme.txt", Limits(memory_bytes=memory, max_characters=60_000_000))
    after = pool.run(small, "petit.txt", Limits(memory_bytes=memory))

    assert failed["code"] == "memory"
    assert after["code"] == ""
    assert "Montréal" in after["text"]
    assert pool.started == 2


def test_a_child_is_retired_after_its_quota_of_documents(pool, french_pdf, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_DOCUMENTS_PER_CHILD", 2)

    replies = [pool.run(french_pdf, "rapport.pdf", Limits()) for _ in range(5)]

    assert [reply["code"] for reply in replies] == [""] * 5
    assert pool.started == 3


def test_a_different_memory_limit_gets_a_child_of_its_own(pool, french_pdf):
    pool.run(french_pdf, "rapport.pdf", Limits())
    [first] = pool.idle_pids()

    reply = pool.run(french_pdf, "rapport.pdf", Limits(memory_bytes=512 * 1024 * 1024))

    assert reply["code"] == ""
    assert pool.started == 2
    assert not _alive(first)


def test_closing_the_pool_stops_its_children(french_pdf):
    pool = sandbox.ChildPool()
    pool.run(french_pdf, "rapport.pdf", Limits())
    [child] = pool.idle_pids()

    pool.close()

    assert not _alive(child)
    assert pool.idle_pids() == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state says it has ended.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"

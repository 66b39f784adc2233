"""What counting readers costs an item page: p50, p95 and max over N requests, on and off.

    .venv/bin/python scripts/measure_reading_overhead.py [--requests 1000]

A throwaway portal (SQLite and the filesystem broker in a temporary folder, development
settings without DEBUG) with one published item; the page is requested in-process through
Django's full middleware stack by one browser, counting on and off in alternating blocks so a
busy machine weighs on both alike. With counting on, the batch writer thread runs as in
production (every READERSHIP_FLUSH_SECONDS) and the events it wrote are reported.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
BLOCKS = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="per mode (default 1000)")
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="passerelle-reading-overhead-")
    os.environ["PASSERELLE_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    url = publish_item()
    client = Client(HTTP_USER_AGENT=BROWSER, HTTP_HOST="localhost")
    for counting in (False, True):  # warm both paths
        settings.READERSHIP_COUNTING = counting
        for _ in range(50):
            assert client.get(url).status_code == 200

    timings: dict[bool, list[float]] = {False: [], True: []}
    per_block = max(arguments.requests // BLOCKS, 1)
    for block in range(BLOCKS):
        for counting in (block % 2 == 0, block % 2 == 1):
            settings.READERSHIP_COUNTING = counting
            for _ in range(per_block):
                started = time.perf_counter()
                response = client.get(url)
                timings[counting].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
    report(timings, folder, settings.READERSHIP_FLUSH_SECONDS)


def publish_item() -> str:
    from portal.models import Organisation
    from research.models import (
        EvidenceLevel,
        ResearchIndexPage,
        ResearchPage,
        ResearchType,
        StudyDesign,
    )

    page = ResearchPage(
        title="Interpellations et profilage racial à Montréal",
        slug="mesure",
        organisation=Organisation.objects.get(slug="spvm"),
        publication_date=datetime.date(2023, 10, 6),
        language="fr",
        research_type=ResearchType.objects.get(slug="analysis"),
        design=StudyDesign.objects.get(slug="descriptive"),
        evidence=EvidenceLevel.objects.get(slug="sms-2"),
        summary="Analyse des interpellations menées en 2021 et 2022.",
    )
    ResearchIndexPage.where_items_live().add_child(instance=page)
    page.save_revision().publish()
    return ResearchPage.objects.get(pk=page.pk).url


def report(timings: dict[bool, list[float]], folder: str, flush_seconds: int) -> None:
    from readership import buffer
    from readership.models import ReadingEvent

    time.sleep(flush_seconds + 1)  # the writer thread's last batch
    buffer.flush()
    print(f"item page, in-process, {len(timings[True])} requests per mode ({folder})")
    for counting in (False, True):
        values = sorted(timings[counting])
        p95 = values[int(len(values) * 0.95) - 1]
        label = "counting on " if counting else "counting off"
        print(
            f"{label}: p50 {statistics.median(values):.2f} ms, p95 {p95:.2f} ms, "
            f"max {values[-1]:.2f} ms"
        )
    print(f"reading events written by the batch writer: {ReadingEvent.objects.count()}")


if __name__ == "__main__":
    main()

"""Search latency on the demo content: the API and the HTML page, against the engine's own time,
with thesaurus expansion (the default) and without it (expand=0).

    .venv/bin/python bench/search_api.py [--repeat 20]

Works in a scratch folder (its own SQLite database and index), never the project's var/.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUERIES = [
    {},
    {"q": "profilage racial"},
    {"q": "interpellations"},
    {"q": "violence conjugale", "theme": "gender-based-violence"},
    {"q": "santé mentale", "sort": "newest"},
    {"q": "donnees"},
    {"q": '"sécurité routière"'},
    {"q": "police -gangs"},
    {"q": "fraude OR cybercriminalité"},
    {"q": "interpel*"},
    {"q": "mental health", "lang": "en"},
    {"organisation": ["spvm", "ops"], "year_from": "2018"},
    {"type": "program-evaluation", "sort": "title"},
    {"q": "confiance", "language": "fr", "page": "2", "size": "5"},
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def prepare(var_dir: Path) -> None:
    os.environ.update(PASSERELLE_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="portal.settings.dev")
    # One client asking as fast as it can: the API's per-client rate limit would stop it.
    os.environ["SEARCH_API_RATE_LIMIT"] = "1000000/m"
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("search_reindex", verbosity=0)


def measure(path: str, repeat: int, **extra: str) -> tuple[list[float], list[float]]:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    wall, engine = [], []
    for _ in range(repeat):
        for params in QUERIES:
            started = time.perf_counter()
            response = client.get(path, {**params, **extra})
            wall.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (params, response.status_code)
            if response["Content-Type"] == "application/json":
                engine.append(response.json()["took_ms"])
    return wall, engine


def report(name: str, values: list[float]) -> None:
    print(
        f"{name:<28} n={len(values):<5} p50={statistics.median(values):6.1f} ms  "
        f"p95={percentile(values, 0.95):6.1f} ms  max={max(values):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="passerelle-bench-") as scratch:
        prepare(Path(scratch))
        from search.indexing import index_status

        print(f"demo items indexed: {index_status()['indexed']}")
        measure("/api/v1/search", 2)  # warm-up: caches, index readers
        api, engine = measure("/api/v1/search", args.repeat)
        unexpanded, unexpanded_engine = measure("/api/v1/search", args.repeat, expand="0")
        page, _ = measure("/fr/recherche/", args.repeat)
        report("API (through Django)", api)
        report("engine (took_ms)", engine)
        report("API, expand=0", unexpanded)
        report("engine, expand=0", unexpanded_engine)
        report("HTML search page", page)


if __name__ == "__main__":
    main()

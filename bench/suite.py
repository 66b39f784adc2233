"""The whole suite: corpora of each size, every measure in its own process, then the report."""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.measures.rebuild import measure_rebuild
from bench.report import relevance_table, write_report

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ("search", "peer", "extraction", "freshness", "memory", "relevance")
# The embedded engine, always measured; a cluster engine beside it on the node at OPENSEARCH_URL.
ENGINES = ("tantivy", "opensearch")
DATABASE_FILE = "passerelle.sqlite3"
# The upload: a report of this many pages (bench.measures.freshness).
FRESHNESS_PAGES = 25  # in PASSERELLE_VAR_DIR (portal.settings.base)


@dataclass
class Options:
    sizes: list[int] = field(default_factory=lambda: [1_000, 10_000, 100_000])
    peer_size: int = 10_000
    rounds: int = 3
    # Uploads timed by the freshness measure, after a warm-up: enough for a p95.
    freshness_rounds: int = 20
    measures: tuple[str, ...] = MEASURES
    workdir: Path = ROOT / "var" / "bench"
    output: Path = ROOT / "bench" / "results"
    peer_database: str = "postgres://postgres@127.0.0.1:5432/passerelle_bench"
    broker_url: str = "redis://127.0.0.1:6379/14"
    generated_pages: int = 600
    # Real PDFs found on the machine join the generated ones (a smoke run leaves them out).
    real_pdfs: bool = True
    big_pdf_pages: int = 3_000
    # 0: every benchmark query; fewer for a quick smoke run.
    queries: int = 0
    engines: tuple[str, ...] = ("tantivy",)
    opensearch_url: str = ""
    # Passage vectors for the corpus (bench.corpus.vectors), so hybrid search ranks by meaning.
    vectors: bool = True
    keep: bool = False


def run(options: Options) -> dict:
    """Run every requested measure, write latest.json, the report and plots; return the results."""
    shutil.rmtree(options.workdir, ignore_errors=True)
    options.workdir.mkdir(parents=True)
    results: dict = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "options": {
            "sizes": options.sizes, "peer_size": options.peer_size, "rounds": options.rounds,
            "freshness_rounds": options.freshness_rounds,
            "measures": list(options.measures), "engines": list(options.engines),
            "vectors": options.vectors,
        },
    }  # fmt: skip
    results["sizes"] = corpus_measures(options)
    if "peer" in options.measures:
        results["peer"] = peer_measure(options)
    file_measures = [name for name in ("extraction", "memory") if name in options.measures]
    if file_measures:
        results["files"] = run_stage(
            "files", stage_env(options.workdir / "files-var"),
            folder=str(options.workdir / "files"), pages=options.generated_pages,
            real_pdfs=options.real_pdfs,
            big_pdf_pages=options.big_pdf_pages if "memory" in file_measures else 0,
        )  # fmt: skip
    for name in file_measures:
        results[name] = file_measure(name, options, results["files"])
    if "freshness" in options.measures:
        log(f"freshness: {options.freshness_rounds} uploads of a {FRESHNESS_PAGES}-page PDF")
        env = sqlite_env(options, options.workdir / "freshness-var", broker_url=options.broker_url)
        results["freshness"] = run_stage(
            "freshness", env, rounds=options.freshness_rounds, pages=FRESHNESS_PAGES
        )
    if "relevance" in options.measures:
        log("relevance: the judged queries over the demo content")
        results["relevance"] = run_stage(
            "relevance", sqlite_env(options, options.workdir / "relevance-var")
        )
        print(relevance_table(results["relevance"]["classes"]), flush=True)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    write_report(results, options.output)
    if not options.keep:
        shutil.rmtree(options.workdir, ignore_errors=True)
    return results


def corpus_measures(options: Options) -> dict:
    """Per size: load the items (appending to the smaller corpus), rebuild, then search."""
    var = options.workdir / "corpus"
    env = sqlite_env(options, var)
    loaded, per_size = 0, {}
    for size in sorted(set(options.sizes)):
        log(f"corpus of {size} items: loading")
        load = run_stage("load", env, start=loaded, count=size - loaded)
        loaded = size
        entry = {"load": load}
        if options.vectors:
            log(f"corpus of {size} items: passage vectors")
            entry["vectors"] = run_stage("embed", env)
        log(f"corpus of {size} items: full rebuild")
        entry["rebuild"] = measure_rebuild(env, var / "search-index", size)
        if "search" in options.measures:
            log(f"corpus of {size} items: search")
            entry["search"] = run_stage("search", env, rounds=options.rounds, limit=options.queries)
        if "opensearch" in options.engines:
            entry["opensearch"] = opensearch_measures(options, env, size)
        per_size[str(size)] = entry
    return per_size


def opensearch_measures(options: Options, env: dict[str, str], size: int) -> dict:
    """The same corpus rebuilt into, then searched on, the OpenSearch node; its memory and the
    index's size once loaded. An alias of the run's own, deleted afterwards."""
    alias = f"passerelle-bench-{size}-{secrets.token_hex(4)}"
    env = env | {
        "SEARCH_BACKEND": "opensearch",
        "OPENSEARCH_URL": options.opensearch_url,
        "OPENSEARCH_INDEX": alias,
        # A bulk batch of 500 long items can take more than the default 10 s on a small node
        # (the 512 MiB test node) when the machine is busy; the benchmark measures, not gives up.
        "OPENSEARCH_TIMEOUT": "120",
    }
    log(f"corpus of {size} items: OpenSearch rebuild")
    entry = {"rebuild": measure_rebuild(env, None, size)}
    entry["node_after_rebuild"] = run_stage("node", env, url=options.opensearch_url, alias=alias)
    if "search" in options.measures:
        log(f"corpus of {size} items: OpenSearch search")
        entry["search"] = run_stage("search", env, rounds=options.rounds, limit=options.queries)
        entry["node_after_search"] = run_stage("node", env, url=options.opensearch_url, alias=alias)
    run_stage("drop_index", env, url=options.opensearch_url, alias=alias)
    return entry


def peer_measure(options: Options) -> dict:
    """Measure 3 on PostgreSQL, in a database of the suite's own, dropped afterwards."""
    name = options.peer_database.rsplit("/", 1)[1]
    server = options.peer_database.rsplit("/", 1)[0]
    env = stage_env(options.workdir / "peer", database_url=options.peer_database)
    admin = [*_psql_args(server), "postgres"]
    log(f"peer: database {name} with {options.peer_size} items")
    subprocess.run([*admin, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run([*admin, "-c", f'CREATE DATABASE "{name}"'], check=True)
    try:
        load = run_stage("load", env, start=0, count=options.peer_size)
        measure_rebuild(env, options.workdir / "peer" / "search-index", options.peer_size)
        result = run_stage("peer", env, rounds=options.rounds, limit=options.queries)
    finally:
        if not options.keep:
            subprocess.run([*admin, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=False)
    return {"load": load, **result}


def file_measure(name: str, options: Options, files: dict) -> dict:
    log(f"files: {name}")
    env = sqlite_env(options, options.workdir / f"{name}-var", broker_url=options.broker_url)
    return run_stage(name, env, files=files, rounds=options.rounds)


def _psql_args(server_url: str) -> list[str]:
    # postgres://user@host:port → psql options; the password, if any, comes from the URL.
    from urllib.parse import urlsplit

    address = urlsplit(server_url)
    args = ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", address.hostname or "127.0.0.1"]
    args += ["-p", str(address.port or 5432), "-U", address.username or "postgres"]
    return args + ["-d"]


def sqlite_env(options: Options, var_dir: Path, **settings: str) -> dict[str, str]:
    """A stage environment whose SQLite database starts as a copy of one migrated once."""
    template = options.workdir / "template" / DATABASE_FILE
    if not template.exists():
        run_stage("migrate", stage_env(template.parent))
    var_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, var_dir / DATABASE_FILE)
    return stage_env(var_dir, **settings)


def stage_env(var_dir: Path, *, database_url: str = "", broker_url: str = "") -> dict[str, str]:
    """The environment of a stage and of the web server it starts: production-like settings."""
    # The static folder exists so the server's static-file middleware has nothing to warn about.
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "SEARCH_INDEX_DIR", "MEDIA_ROOT")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PASSERELLE_VAR_DIR=str(var_dir),
        SECRET_KEY=_SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        # Without Redis, what the server's processes share for searches (emptied by the
        # search measure).
        SEARCH_CACHE_DIR=str(var_dir / "search-cache"),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
    return env


_SECRET = secrets.token_urlsafe(40)


def run_stage(name: str, env: dict[str, str], **arguments) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as result:
        command = [sys.executable, "-m", "bench.stage", name, result.name, json.dumps(arguments)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return json.loads(Path(result.name).read_text())


def machine() -> dict:
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)

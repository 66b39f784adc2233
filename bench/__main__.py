"""`python -m bench` (`make bench`): the benchmark suite. Options also come from BENCH_* variables.

BENCH_SIZES=1000,10000 make bench          # a quick run
python -m bench --sizes 100000 --measures search
# The OpenSearch engine beside the embedded one, on the test node (or the node at OPENSEARCH_URL):
bash tests/opensearch/with-node.sh .venv/bin/python -m bench --engines tantivy,opensearch
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench.suite import ENGINES, MEASURES, Options, run
from bench.targets import checks


def _int_list(text: str) -> list[int]:
    return [int(part) for part in text.replace("_", "").split(",") if part.strip()]


def _names(text: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in names if name not in MEASURES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown measure {unknown[0]!r}; choose from {MEASURES}")
    return names


def _engines(text: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in names if name not in ENGINES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown engine {unknown[0]!r}; choose from {ENGINES}")
    return ("tantivy", *(name for name in names if name != "tantivy"))


def parse(argv: list[str] | None = None) -> Options:
    defaults = Options()
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_int_list,
        default=env("BENCH_SIZES") or "1000,10000,100000",
        help="corpus sizes, e.g. 1000,10000 (BENCH_SIZES)",
    )
    parser.add_argument(
        "--peer-size",
        type=int,
        default=int(env("BENCH_PEER_SIZE") or defaults.peer_size),
        help="items in the PostgreSQL comparison with Wagtail (BENCH_PEER_SIZE)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=int(env("BENCH_ROUNDS") or defaults.rounds),
        help="times each query or file is measured, after a warm-up (BENCH_ROUNDS)",
    )
    parser.add_argument(
        "--freshness-rounds",
        type=int,
        default=int(env("BENCH_FRESHNESS_ROUNDS") or defaults.freshness_rounds),
        help="uploads timed by the freshness measure, after a warm-up (BENCH_FRESHNESS_ROUNDS)",
    )
    parser.add_argument(
        "--measures",
        type=_names,
        default=env("BENCH_MEASURES") or ",".join(MEASURES),
        help=f"among {','.join(MEASURES)} (BENCH_MEASURES)",
    )
    parser.add_argument(
        "--pages",
        type=int,
        default=int(env("BENCH_PAGES") or defaults.generated_pages),
        help="pages of generated PDFs in the file corpus (BENCH_PAGES)",
    )
    parser.add_argument(
        "--big-pdf-pages",
        type=int,
        default=int(env("BENCH_BIG_PDF_PAGES") or defaults.big_pdf_pages),
        help="pages of the PDF of the memory measure (BENCH_BIG_PDF_PAGES)",
    )
    parser.add_argument(
        "--peer-database",
        default=env("BENCH_PEER_DATABASE") or defaults.peer_database,
        help="a PostgreSQL URL for a database the suite creates and drops",
    )
    parser.add_argument(
        "--broker",
        default=env("BENCH_BROKER_URL") or defaults.broker_url,
        help="Redis URL of the freshness measure's worker (a database it may flush)",
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=int(env("BENCH_QUERIES") or 0),
        help="search with only this many of the benchmark queries (BENCH_QUERIES; 0: all)",
    )
    parser.add_argument(
        "--engines",
        type=_engines,
        default=env("BENCH_ENGINES") or "tantivy",
        help="tantivy (embedded), and opensearch beside it on the node at OPENSEARCH_URL, "
        "e.g. tantivy,opensearch (BENCH_ENGINES)",
    )
    parser.add_argument(
        "--no-vectors",
        dest="vectors",
        action="store_false",
        default=env("BENCH_VECTORS", "1") not in ("0", "false", "no"),
        help="no passage vectors in the corpus: hybrid search then ranks by words only "
        "(BENCH_VECTORS=0)",
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(env("BENCH_WORKDIR") or defaults.workdir)
    )
    parser.add_argument("--output", type=Path, default=Path(env("BENCH_OUTPUT") or defaults.output))
    parser.add_argument(
        "--keep",
        action="store_true",
        default=bool(env("BENCH_KEEP")),
        help="keep the scratch folder and the PostgreSQL database afterwards",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes if isinstance(args.sizes, list) else _int_list(args.sizes)
    measures = args.measures if isinstance(args.measures, tuple) else _names(args.measures)
    engines = args.engines if isinstance(args.engines, tuple) else _engines(args.engines)
    opensearch_url = env("OPENSEARCH_URL") or ""
    if "opensearch" in engines and not opensearch_url:
        parser.error(
            "--engines opensearch needs a node at OPENSEARCH_URL; or let the test node's "
            "launcher start one: bash tests/opensearch/with-node.sh .venv/bin/python -m bench "
            "--engines tantivy,opensearch"
        )
    return Options(
        sizes=sizes, peer_size=args.peer_size, rounds=args.rounds,
        freshness_rounds=args.freshness_rounds, measures=measures,
        workdir=args.workdir, output=args.output, peer_database=args.peer_database,
        broker_url=args.broker, generated_pages=args.pages, big_pdf_pages=args.big_pdf_pages,
        queries=args.queries, keep=args.keep, engines=engines, opensearch_url=opensearch_url,
        vectors=args.vectors,
    )  # fmt: skip


def main() -> None:
    results = run(parse())
    for check in checks(results):
        verdict = {True: "met", False: "MISSED", None: "not measured"}[check.met]
        print(
            f"{check.measure:<60} {check.value!s:>10} {check.unit:<4} {check.target:<8} {verdict}"
        )


if __name__ == "__main__":
    main()

"""`python manage.py search_status [--wait]`: live research items against documents in the index."""

from time import monotonic, sleep

from django.core.management.base import BaseCommand, CommandError

from search.indexing import index_status, pipeline_status


class Command(BaseCommand):
    help = (
        "Compare the live research items in the database with the documents in the search "
        "index; count documents by extraction status and index changes waiting. With --wait, "
        "wait until both counts agree and nothing is pending."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Poll until the index holds as many documents as there are live items.",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=120.0,
            help="With --wait, give up (exit status 1) after this many seconds (default 120).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="With --wait, seconds between two checks (default 1).",
        )

    def handle(self, *args, **options):
        status, pipeline = index_status(), pipeline_status()
        if options["wait"]:
            deadline = monotonic() + options["timeout"]
            while not _settled(status, pipeline) and monotonic() < deadline:
                sleep(max(0.05, options["interval"]))
                status, pipeline = index_status(), pipeline_status()
        self.write_status(status)
        self.write_pipeline(pipeline)
        if options["wait"] and not _settled(status, pipeline):
            raise CommandError(
                f"The index still differs from the database after {options['timeout']:g} s."
            )

    def write_status(self, status: dict) -> None:
        by_access = ", ".join(f"{level} {count}" for level, count in status["by_access"].items())
        self.stdout.write(f"Live research items: {status['live']} ({by_access})")
        self.stdout.write(f"Documents in the index: {status['indexed']}")
        if status["in_sync"]:
            self.stdout.write(self.style.SUCCESS("In sync: the index matches the database."))
        else:
            difference = status["indexed"] - status["live"]
            self.stdout.write(
                self.style.WARNING(
                    f"Out of sync: the index has {difference:+d} documents compared with the "
                    "database; pending work may still be running, or run search_reindex."
                )
            )

    def write_pipeline(self, pipeline: dict) -> None:
        counts = pipeline["documents"].items()
        documents = ", ".join(f"{status} {count}" for status, count in counts)
        self.stdout.write(f"Documents by extraction status: {documents}")
        oldest = pipeline["oldest_change_seconds"]
        waiting = f" (oldest {oldest:.0f} s)" if oldest is not None else ""
        self.stdout.write(f"Index changes waiting: {pipeline['changes_waiting']}{waiting}")


def _settled(status: dict, pipeline: dict) -> bool:
    """In sync, with no index change or extraction still owed."""
    unfinished = pipeline["documents"]["pending"] + pipeline["documents"]["processing"]
    return status["in_sync"] and not pipeline["changes_waiting"] and not unfinished

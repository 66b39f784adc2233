"""`python manage.py search_status [--wait]`: live research items against documents in the index."""

from time import monotonic, sleep

from django.core.management.base import BaseCommand, CommandError

from search.indexing import index_status


class Command(BaseCommand):
    help = (
        "Compare the live research items in the database with the documents in the search "
        "index. With --wait, wait for pending indexing until both counts agree."
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
        status = index_status()
        if options["wait"]:
            deadline = monotonic() + options["timeout"]
            while not status["in_sync"] and monotonic() < deadline:
                sleep(max(0.05, options["interval"]))
                status = index_status()
        self.write_status(status)
        if options["wait"] and not status["in_sync"]:
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

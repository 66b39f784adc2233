"""`python manage.py search_reindex`: rebuild the search index, with no downtime for searches."""

import time

from django.core.management.base import BaseCommand

from search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every live research item. Searches keep using the old "
        "index until the new one is complete."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        written = rebuild_index()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {written} research items in {seconds:.2f} s.")
        )

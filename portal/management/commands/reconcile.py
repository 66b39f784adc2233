"""`python manage.py reconcile`: what beat runs every minute, run once now."""

from django.core.management.base import BaseCommand

from portal.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Send index changes and extractions still pending, and bring the search index in line "
        "with the live research items (remove entries of items gone or unpublished)."
    )

    def handle(self, *args, **options):
        report = reconcile()
        self.stdout.write(f"Index changes sent again for items: {report.items_sent or 'none'}")
        self.stdout.write(f"Documents queued again: {report.documents_queued or 'none'}")
        if report.engine_error:
            self.stdout.write(self.style.WARNING(f"Search engine: {report.engine_error}"))
        else:
            self.stdout.write(
                f"Index repaired: {len(report.index_added)} added, "
                f"{len(report.index_removed)} removed."
            )

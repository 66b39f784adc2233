"""`python manage.py seed_demo`: publish the fictional demo research items, once."""

from django.core.management.base import BaseCommand, CommandError

from research.demo.errors import DemoSeedError
from research.demo.seeding import seed_demo


class Command(BaseCommand):
    help = (
        "Publish the demo content: strategic plans, Rencontre editions with their programmes, "
        "fictional research items with their files, and collections; safe to run again."
    )

    def handle(self, *args, **options):
        try:
            report = seed_demo()
        except DemoSeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo research items: {len(report.created)} created "
                f"({report.documents} files), {len(report.present)} already present.\n"
                f"Strategic plans created: {len(report.plans)}; Rencontre editions created: "
                f"{len(report.editions)} ({len(report.presentations)} presentations); "
                f"collections created: {len(report.collections)}; studies given findings and "
                f"practices: {len(report.evidence)}; English texts filled in: "
                f"{report.english_texts}."
            )
        )

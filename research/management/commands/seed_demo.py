"""`python manage.py seed_demo`: publish the fictional demo research items, once."""

from django.core.management.base import BaseCommand, CommandError

from research.demo.seeding import DemoSeedError, seed_demo


class Command(BaseCommand):
    help = "Publish the fictional demo research items with their files; safe to run again."

    def handle(self, *args, **options):
        try:
            report = seed_demo()
        except DemoSeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo research items: {len(report.created)} created "
                f"({report.documents} files), {len(report.present)} already present."
            )
        )

"""`send_digests [--at WHEN]`: send the saved searches' digests due now, as beat does hourly.

It runs `alerts.digests.send_due_digests`, the function beat's task runs, so an operator can
send what is due without waiting for beat (after an outage, say): a digest already claimed for
its period is never sent twice, whoever ran first.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from alerts.digests import send_due_digests


def moment(value: str) -> datetime.datetime:
    """An ISO 8601 date-time; without an offset, in the portal's time zone."""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--at expects an ISO 8601 date-time such as 2026-03-11T07:00, not {value!r}."
        ) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


class Command(BaseCommand):
    help = (
        "Send the e-mail digests of saved searches that are due (daily, then weekly); "
        "safe to run as often as wanted: each digest goes out at most once per period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            type=moment,
            help="Run as if it were this moment (ISO 8601, e.g. 2026-03-11T07:00; default: "
            "now). A moment to come claims its periods early and moves what the digests cover "
            "forward: for rehearsals on a test portal, not for production.",
        )

    def handle(self, *args, at=None, **options):
        run = send_due_digests(at)
        self.stdout.write(
            f"Digests sent: {run.sent}, with nothing new: {run.empty}, failed: {run.failed}, "
            f"items listed: {run.items}."
        )
        if run.failed:
            raise CommandError(
                f"{run.failed} digest(s) could not be sent (see the log); they are not retried."
            )

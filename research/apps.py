from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("Research")

    def ready(self) -> None:
        from wagtail.models import TaskState
        from wagtail.signals import copy_for_translation_done, task_submitted

        from research.notifications import submission_notifier
        from research.translation import drop_research_item_copies

        copy_for_translation_done.connect(drop_research_item_copies)
        task_submitted.connect(
            submission_notifier,
            sender=TaskState,
            dispatch_uid="organisation_approval_task_submitted_email",
        )

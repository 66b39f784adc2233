"""The e-mail telling reviewers a submission awaits them: only to the task's reviewers."""

from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier

from research.models import OrganisationApprovalTask


class OrganisationApprovalSubmissionNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """Wagtail's group-approval message (its templates), sent to the submission's reviewers
    (OrganisationApprovalTask.reviewers) rather than to every member of the task's groups."""

    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, self.valid_classes) and isinstance(
            instance.task.specific, OrganisationApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        triggering_user = kwargs.get("user")
        obj = task_state.workflow_state.content_object
        return {
            user
            for user in task_state.task.specific.reviewers(obj)
            if triggering_user is None or user.pk != triggering_user.pk
        }


submission_notifier = OrganisationApprovalSubmissionNotifier()

"""Moderation by the item's own organisation: the task the default workflow runs.

Wagtail's group approval lets every member of the chosen groups see, preview, approve and reject
every submission, whoever's it is. Here the reviewers of a submission are the members of the
chosen groups who may write the item (research.editing.may_edit_item: the moderators of a
research item's own organisation; for other pages, the groups alone), and administrators. The
dashboard, the workflow reports, the action views and the e-mails all ask this task.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import LockableMixin, Page, Task, TaskState

from research.editing import may_edit_item
from research.models.pages import ResearchPage


class OrganisationApprovalTask(Task):
    groups = models.ManyToManyField(
        Group,
        verbose_name=_("groups"),
        related_name="organisation_approval_tasks",
        help_text=_(
            "Members of these groups review the submissions of the organisations they belong "
            "to; administrators review every submission."
        ),
    )

    admin_form_fields = [*Task.admin_form_fields, "groups"]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = _("organisation approval task")
        verbose_name_plural = _("organisation approval tasks")

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve the submissions of their own organisations")

    def _in_groups(self, user) -> bool:
        cache = user.__dict__.setdefault("_organisation_approval_groups", {})
        if self.pk not in cache:
            cache[self.pk] = self.groups.filter(pk__in=user.groups.values("pk")).exists()
        return cache[self.pk]

    def may_review(self, obj, user) -> bool:
        """Whether `user` reviews `obj` at this task."""
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        if not self._in_groups(user):
            return False
        return may_edit_item(user, obj) if isinstance(obj, Page) else True

    def reviewers(self, obj):
        """The users who review `obj` at this task (active ones; administrators included)."""
        candidates = (
            get_user_model()
            .objects.filter(
                models.Q(groups__in=self.groups.all()) | models.Q(is_superuser=True),
                is_active=True,
            )
            .distinct()
        )
        return [user for user in candidates if self.may_review(obj, user)]

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        locked_by = obj.locked_by if isinstance(obj, LockableMixin) else None
        # A lock held by someone who does not review the submission would hold it up.
        if locked_by is not None and not self.may_review(obj, locked_by):
            obj.locked, obj.locked_by, obj.locked_at = False, None, None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user):
        return self.may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.may_review(obj, user)

    def get_actions(self, obj, user):
        if not self.may_review(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not (user.is_authenticated and user.is_active):
            return TaskState.objects.none()
        if user.is_superuser:
            return in_progress
        if not self._in_groups(user):
            return TaskState.objects.none()
        # Workflow states name their object by a text id; research items the user may not
        # write are left out (the same rule as may_review, for the database).
        unwritable = (
            ResearchPage.objects.unwritable_in_cms(user)
            .annotate(key=Cast("pk", output_field=CharField()))
            .values("key")
        )
        return in_progress.exclude(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=unwritable,
        )

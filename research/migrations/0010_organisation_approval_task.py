"""Moderation by the item's own organisation: the task that replaces Wagtail's group approval
in the workflows (the default one, "Moderators approval"), with the same name and groups.

Reviews under way move to the new task; the old task is deactivated, so no workflow takes it up.
"""

import django.db.models.deletion
from django.db import migrations, models


def use_organisation_approval(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    OrganisationApprovalTask = apps.get_model("research", "OrganisationApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="research", model="organisationapprovaltask"
    )
    for old in GroupApprovalTask.objects.filter(workflow_tasks__isnull=False).distinct():
        new = OrganisationApprovalTask.objects.create(
            name=old.name, content_type=content_type, active=True
        )
        new.groups.set(old.groups.all())
        WorkflowTask.objects.filter(task=old).update(task=new)
        TaskState.objects.filter(task=old, status="in_progress").update(task=new)
        old.active = False
        old.save(update_fields=["active"])


def use_group_approval(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    OrganisationApprovalTask = apps.get_model("research", "OrganisationApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    for new in OrganisationApprovalTask.objects.all():
        old = GroupApprovalTask.objects.filter(name=new.name, active=False).first()
        if old is None:
            continue
        old.active = True
        old.save(update_fields=["active"])
        WorkflowTask.objects.filter(task=new).update(task=old)
        TaskState.objects.filter(task=new).update(task=old)
        new.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("research", "0009_reference_outcomes_effects_practices"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganisationApprovalTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text="Members of these groups review the submissions of the organisations they belong to; administrators review every submission.",
                        related_name="organisation_approval_tasks",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation approval task",
                "verbose_name_plural": "organisation approval tasks",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(use_organisation_approval, use_group_approval),
    ]

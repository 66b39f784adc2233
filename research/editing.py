"""Admin forms of the pages: who may edit which item, and what editors may choose.

Editors work on their own organisation's research only (research.access); administrators on
everything.
Conference organisers edit the programme (editions and presentations) under Wagtail's page
permissions alone.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import PagePermissionTester

from research.access import cms_user_for


def may_edit_item(user, page) -> bool:
    """Other pages follow Wagtail's permissions alone; research items research.access's rule."""
    # research.models imports this module for its forms: the model is looked up when asked.
    from research.models import ResearchPage

    page = page.specific
    return not isinstance(page, ResearchPage) or cms_user_for(user).may_write(page)


class ResearchItemPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, on a research item the user may write (research.access).

    Every per-item view of the CMS (draft, preview, history, revisions, comparison, usage,
    workflow, edit, delete, move, copy, lock) asks this tester. Other organisations' items are
    refused all of them, published or not: drafts and revisions may hold what was never
    published, and Wagtail has no view limited to the live version; their live page remains.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.writable = cms_user_for(user).may_write(page)
        if not self.writable:
            self.permissions = set()

    def can_edit(self):
        # Wagtail also lets a task's reviewers into the editor, whatever their permissions.
        return self.writable and super().can_edit()

    def can_lock(self):
        return self.writable and super().can_lock()

    def can_unlock(self):
        return self.writable and super().can_unlock()

    def can_submit_for_moderation(self):
        return self.writable and super().can_submit_for_moderation()

    def can_view_revisions(self):
        return self.writable and super().can_view_revisions()


def kept_rows(formset):
    """(form, cleaned data) of each row the editor keeps, for checks made in the page's form.

    Wagtail cleans the child formsets after the page's own form: they are cleaned here first.
    """
    formset.is_valid()
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data.get("DELETE"):
            yield form, data


class ResearchPageForm(WagtailAdminPageForm):
    """The publishing organisation can only be one the editor belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "organisation" in self.fields:
            field = self.fields["organisation"]
            field.queryset = field.queryset.filter(memberships__user=user)


class EditionPageForm(WagtailAdminPageForm):
    """The edition's days run forwards and hold every session of its programme."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        year = cleaned.get("year")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot come before the first day."))
        if start and year and start.year != year:
            self.add_error("start_date", _("The first day must fall in the edition's year."))
        if start and end and end >= start:
            self._check_sessions(start, end)
        return cleaned

    def _check_sessions(self, start, end) -> None:
        for form, data in kept_rows(self.formsets["sessions"]):
            starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
            if starts_at and ends_at and ends_at <= starts_at:
                form.add_error("ends_at", _("A session must end after it starts."))
            if starts_at and not start <= timezone.localdate(starts_at) <= end:
                form.add_error(
                    "starts_at", _("A session must take place during the edition's days.")
                )


class PresentationPageForm(WagtailAdminPageForm):
    """The session comes from the presentation's own edition; type, date and edition follow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label = _("presenting organisation")
        self.fields["summary"].required = True
        session = self.fields.get("session")
        edition = self.edition
        if session is not None:
            queryset = session.queryset.none()
            if edition is not None:
                queryset = edition.sessions.order_by("starts_at", "sort_order")
            session.queryset = queryset

    @property
    def edition(self):
        from research.models import EditionPage

        parent = self.parent_page.specific if self.parent_page is not None else None
        return parent if isinstance(parent, EditionPage) else None

    def clean(self):
        cleaned = super().clean()
        self.instance.session = cleaned.get("session")
        self.instance.apply_programme_defaults(self.edition)
        return cleaned


class CollectionPageForm(WagtailAdminPageForm):
    """A collection lists each research item once."""

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for form, data in kept_rows(self.formsets["entries"]):
            item = data.get("item")
            if item is None:
                continue
            if item.pk in seen:
                form.add_error(
                    "item",
                    _("“%(title)s” is already in this collection: remove one of the two.")
                    % {"title": item.title},
                )
            seen.add(item.pk)
        return cleaned

"""Editors work on their own organisation's research only; administrators on everything."""

from wagtail.admin.forms import WagtailAdminPageForm


def may_edit_item(user, page) -> bool:
    """Other pages follow Wagtail's permissions alone; research items also need membership."""
    from portal.models import Membership
    from research.models import ResearchPage

    page = page.specific
    if user.is_superuser or not isinstance(page, ResearchPage):
        return True
    return Membership.objects.filter(user=user, organisation_id=page.organisation_id).exists()


class ResearchPageForm(WagtailAdminPageForm):
    """The publishing organisation can only be one the editor belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "organisation" in self.fields:
            field = self.fields["organisation"]
            field.queryset = field.queryset.filter(memberships__user=user)

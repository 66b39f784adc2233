"""Follow buttons for pages of other apps, which name what to follow without importing alerts."""

from django import template

from alerts.follows import FOLLOWABLE, followed

register = template.Library()

_FOLLOWED = "_alerts_followed"


@register.inclusion_tag("alerts/includes/follow.html", takes_context=True)
def follow_button(context, kind: str, value: str, label: str = "", show_label: bool = True) -> dict:
    """A button to follow (or stop following) one practice, objective, theme or organisation;
    nothing for a visitor who is not signed in."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if kind not in FOLLOWABLE or not value or user is None or not user.is_authenticated:
        return {"follow": None}
    if not hasattr(request, _FOLLOWED):  # one query per page, however many buttons
        setattr(request, _FOLLOWED, followed(user))
    return {
        "follow": {
            "kind": kind,
            "value": value,
            "label": label or value,
            "show_label": show_label,
            "following": (kind, value) in getattr(request, _FOLLOWED),
            "next": request.get_full_path(),
        },
        "csrf_token": context.get("csrf_token"),
    }

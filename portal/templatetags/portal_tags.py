from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in every other interface language."""
    request = context.get("request")
    current = (context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE)[:2]
    path = request.get_full_path() if request else "/"
    links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
        if code != current
    ]
    return {"links": links}

"""Every message exists in French and English: no untranslated or fuzzy entry ships."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_is_complete(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        catalogue = read_po(handle, locale=language)
    assert not catalogue.fuzzy
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == []
    assert len(catalogue) > 100


OUR_APPS = ("portal", "research", "search", "worker", "alerts", "readership")


def _our_labels():
    """Verbose names, help texts and choice labels written in our own models (not inherited)."""
    from django.apps import apps

    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            yield f"{model.__name__} Meta", model._meta.verbose_name
            yield f"{model.__name__} Meta plural", model._meta.verbose_name_plural
            for panel in _panels(model):
                for attribute in ("heading", "label", "help_text"):
                    if getattr(panel, attribute, None):
                        yield f"{model.__name__} panel {attribute}", getattr(panel, attribute)
            for field in model._meta.get_fields(include_parents=False):
                if field.auto_created or not _declared_in_our_code(model, field.name):
                    continue
                yield f"{model.__name__}.{field.name}", field.verbose_name
                if field.help_text:
                    yield f"{model.__name__}.{field.name} help", field.help_text
                for _value, label in field.flatchoices or ():
                    yield f"{model.__name__}.{field.name} choice", label


def _panels(model):
    """The admin panels our models declare (headings of groups, labels of inline panels)."""
    pending = [
        *model.__dict__.get("content_panels", ()),
        *model.__dict__.get("panels", ()),
        *model.__dict__.get("promote_panels", ()),
    ]
    while pending:
        panel = pending.pop()
        yield panel
        pending.extend(getattr(panel, "children", ()))


def _declared_in_our_code(model, name) -> bool:
    """Whether the field comes from one of our classes rather than Wagtail's, taggit's, …"""
    origin = None
    for klass in model.__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and any(
            field.name == name for field in meta.local_fields + meta.local_many_to_many
        ):
            origin = klass
    return origin is not None and origin.__module__.split(".")[0] in OUR_APPS


@pytest.mark.django_db
def test_every_label_of_our_models_is_translated():
    from django.utils.functional import Promise
    from django.utils.translation import override

    with open(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po", "rb") as handle:
        french = {
            message.id: message.string for message in read_po(handle, locale="fr") if message.id
        }
    untranslated = []
    for where, label in _our_labels():
        if not isinstance(label, Promise):
            untranslated.append((where, label))
            continue
        with override("en"):
            msgid = str(label)
        if not french.get(msgid):
            untranslated.append((where, msgid))
    assert untranslated == []

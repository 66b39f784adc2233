"""The English side of the demo's collections and programme sessions, for a database that
already holds the French demo (loaded before these texts had an English field).

Used by `seed_demo` and by migration 0011 (with the migration's models): a text gets its
English demo form only where the English field is empty and the French one is still the
demo's, so what an editor wrote is left alone. The page's latest revision gets the same text,
so the editor opens (and publishes) the page with it. Running it again changes nothing.
"""

from __future__ import annotations

from research.demo.programme_content import COLLECTIONS, EDITIONS


def fill_english_texts(collection_model, entry_model, edition_model, session_model) -> int:
    """Fill the missing English texts of the demo's collections, notes and sessions; how many
    fields were filled."""
    filled = 0
    for demo in COLLECTIONS:
        for page in collection_model.objects.filter(slug=demo.slug):
            filled += _fill_collection(page, demo, entry_model)
    for demo in EDITIONS:
        for page in edition_model.objects.filter(year=demo.year):
            filled += _fill_sessions(page, demo, session_model)
    return filled


def _fill_collection(page, demo, entry_model) -> int:
    fields = {
        "title_en": ("title", demo.title, demo.title_en),
        "introduction_en": ("introduction", demo.introduction, demo.introduction_en),
    }
    notes = {note: note_en for _slug, note, note_en in demo.entries}

    def fill(values: dict) -> list[str]:
        changed = []
        for name, (french_name, french, english) in fields.items():
            if not values.get(name) and values.get(french_name) == french:
                values[name] = english
                changed.append(name)
        return changed

    row = {name: getattr(page, name) for name in ("title", "introduction", *fields)}
    changed = fill(row)
    if changed:
        for name in changed:
            setattr(page, name, row[name])
        page.save(update_fields=changed)
    filled = len(changed)
    for note, note_en in notes.items():
        filled += entry_model.objects.filter(page=page, note=note, note_en="").update(
            note_en=note_en
        )

    def fill_revision(content: dict) -> None:
        fill(content)
        for entry in content.get("entries", []):
            if not entry.get("note_en") and entry.get("note") in notes:
                entry["note_en"] = notes[entry["note"]]

    _patch_latest_revision(page, fill_revision)
    return filled


def _fill_sessions(page, demo, session_model) -> int:
    titles = {session.title: session.title_en for session in demo.sessions}
    filled = 0
    for title, title_en in titles.items():
        filled += session_model.objects.filter(page=page, title=title, title_en="").update(
            title_en=title_en
        )

    def fill_revision(content: dict) -> None:
        for session in content.get("sessions", []):
            if not session.get("title_en") and session.get("title") in titles:
                session["title_en"] = titles[session["title"]]

    _patch_latest_revision(page, fill_revision)
    return filled


def _patch_latest_revision(page, patch) -> None:
    revision = page.latest_revision
    if revision is None or not isinstance(revision.content, dict):
        return
    content = revision.content
    before = repr(content)
    patch(content)
    if repr(content) != before:
        revision.content = content
        revision.save(update_fields=["content"])

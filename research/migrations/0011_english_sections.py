"""The English tree: the home page and the four sections translated, with English slugs
(/en/studies/, /en/meetings/, /en/collections/, /en/strategic-plans/), so an English visitor
reads English headings and introductions. Pages an editor already translated are left alone.

A database holding the French demo also gets the demo's English collection texts, curator's
notes and session titles (research.demo.english, shared with `seed_demo`)."""

from django.db import migrations, models
from django.utils import timezone
from wagtail.models import Site

from portal.page_paths import forget_translated_paths

HOME = {
    "title": "Passerelle",
    "slug": "home",
    "introduction": "<p>The portal where police organisations publish, find and reuse each "
    "other's analyses and research.</p>",
}

# model, title, slug, introduction: the English translations of the sections of 0002 and 0005.
SECTIONS = [
    (
        "ResearchIndexPage",
        "Studies",
        "studies",
        "Analyses, evaluations and research published by the partner organisations.",
    ),
    (
        "EditionIndexPage",
        "Rencontre meetings",
        "meetings",
        "The annual editions of the Rencontre, the meeting on police analysis and research: "
        "programmes, presentations and slides.",
    ),
    (
        "CollectionIndexPage",
        "Collections",
        "collections",
        "Selections of research with notes from the people who curated them.",
    ),
    (
        "StrategicPlanIndexPage",
        "Strategic plans",
        "strategic-plans",
        "The partner organisations' strategic plans and the research that informs each of "
        "their objectives.",
    ),
]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def next_child_path(page_model, parent) -> str:
    """The tree path after the parent's last child (treebeard's materialised path, base 36)."""
    last = (
        page_model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEP:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits.rjust(STEP, "0")


def add_translation(apps, model, original, parent, *, title, slug, **fields):
    """`original`'s translation into English as the last child of `parent` (None if there is
    one already, or if the slug is taken there)."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    english = apps.get_model("wagtailcore", "Locale").objects.get(language_code="en")
    present = Page.objects.filter(translation_key=original.translation_key, locale=english)
    if present.exists():
        return present.first()
    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if siblings.filter(slug=slug).exists():
        return None
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    now = timezone.now()
    page = model.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=next_child_path(Page, parent),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale=english,
        translation_key=original.translation_key,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + 1)
    return page


def create_english_tree(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("portal", "HomePage")
    if not Locale.objects.filter(language_code="en").exists():
        return
    home = HomePage.objects.filter(locale__language_code="fr").order_by("path").first()
    if home is None:
        return
    root = Page.objects.get(pk=Page.objects.filter(depth=1).order_by("path").first().pk)
    english_home = add_translation(
        apps,
        HomePage,
        home,
        root,
        title=HOME["title"],
        slug=HOME["slug"],
        introduction=HOME["introduction"],
    )
    if english_home is None:
        return
    english_home = Page.objects.get(pk=english_home.pk)
    for model_name, title, slug, introduction in SECTIONS:
        model = apps.get_model("research", model_name)
        section = (
            model.objects.filter(path__startswith=home.path, depth=home.depth + 1)
            .order_by("path")
            .first()
        )
        if section is not None:
            add_translation(
                apps,
                model,
                section,
                english_home,
                title=title,
                slug=slug,
                introduction=introduction,
            )
    # Both caches read the tree: Wagtail's site root paths and the portal's translated paths.
    Site.clear_site_root_paths_cache()
    forget_translated_paths()


def fill_demo_english(apps, schema_editor):
    from research.demo.english import fill_english_texts

    fill_english_texts(
        apps.get_model("research", "CollectionPage"),
        apps.get_model("research", "CollectionEntry"),
        apps.get_model("research", "EditionPage"),
        apps.get_model("research", "EditionSession"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_english_locale_and_page_labels"),
        ("research", "0010_english_texts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_english_tree, migrations.RunPython.noop),
        migrations.RunPython(fill_demo_english, migrations.RunPython.noop),
    ]

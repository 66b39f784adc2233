"""Install the partner organisations of SPEC §2 and the site's home page."""

from django.db import migrations

ORGANISATIONS = [
    # slug, name_fr, name_en, acronym_fr, acronym_en, kind, website
    (
        "spvm",
        "Service de police de la Ville de Montréal",
        "Montréal Police Service",
        "SPVM",
        "SPVM",
        "police-service",
        "https://spvm.qc.ca",
    ),
    (
        "spvq",
        "Service de police de la Ville de Québec",
        "Québec City Police Service",
        "SPVQ",
        "SPVQ",
        "police-service",
        "",
    ),
    (
        "sq",
        "Sûreté du Québec",
        "Sûreté du Québec",
        "SQ",
        "SQ",
        "police-service",
        "https://www.sq.gouv.qc.ca",
    ),
    (
        "ops",
        "Service de police d'Ottawa",
        "Ottawa Police Service",
        "SPO",
        "OPS",
        "police-service",
        "https://www.ottawapolice.ca",
    ),
    (
        "enpq",
        "École nationale de police du Québec",
        "Québec National Police Academy",
        "ENPQ",
        "ENPQ",
        "school",
        "https://www.enpq.qc.ca",
    ),
    (
        "msp",
        "Ministère de la Sécurité publique du Québec",
        "Québec Ministry of Public Security",
        "MSP",
        "MSP",
        "ministry",
        "",
    ),
    (
        "cpo",
        "Prévention du crime Ottawa",
        "Crime Prevention Ottawa",
        "PCO",
        "CPO",
        "community-organisation",
        "https://www.crimepreventionottawa.ca",
    ),
]


def install(apps, schema_editor):
    Organisation = apps.get_model("portal", "Organisation")
    for slug, name_fr, name_en, acronym_fr, acronym_en, kind, website in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "acronym_fr": acronym_fr,
                "acronym_en": acronym_en,
                "kind": kind,
                "website": website,
            },
        )
    create_home_page(apps)


def create_home_page(apps):
    """Replace Wagtail's welcome page with the portal's home page, the site's root."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("portal", "HomePage")
    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="portal", model="homepage")
    locale = Locale.objects.filter(language_code="fr").first() or Locale.objects.first()
    home = HomePage.objects.create(
        title="Passerelle",
        draft_title="Passerelle",
        slug="accueil",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        live=True,
        introduction="<p>Le portail où les organisations policières publient, trouvent et "
        "réutilisent les analyses et recherches les unes des autres.</p>",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Passerelle",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

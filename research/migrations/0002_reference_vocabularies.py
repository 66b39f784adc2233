"""Install the vocabularies of SPEC §2 (stable slugs, FR/EN labels) and the research index."""

from django.db import migrations

VOCABULARIES = {
    "ResearchType": [
        ("analysis", "Analyse", "Analysis"),
        ("research-report", "Rapport de recherche", "Research report"),
        ("program-evaluation", "Évaluation de programme", "Program evaluation"),
        ("literature-review", "Revue de littérature", "Literature review"),
        ("intelligence-product", "Produit de renseignement", "Intelligence product"),
        ("internship-project", "Projet de stage", "Internship project"),
        ("conference-presentation", "Présentation de conférence", "Conference presentation"),
        ("strategic-plan", "Plan stratégique", "Strategic plan"),
        ("other", "Autre", "Other"),
    ],
    "StudyDesign": [
        (
            "systematic-review",
            "Revue systématique (y compris méta-analyse)",
            "Systematic review (incl. meta-analysis)",
        ),
        ("randomised-trial", "Essai randomisé", "Randomised trial"),
        ("quasi-experimental", "Quasi-expérimental", "Quasi-experimental"),
        ("before-after", "Avant-après", "Before-after"),
        ("descriptive", "Descriptif", "Descriptive"),
        ("qualitative", "Qualitatif", "Qualitative"),
        ("mixed-methods", "Méthodes mixtes", "Mixed methods"),
        ("crime-analysis", "Analyse criminelle", "Crime analysis"),
        ("not-applicable", "Sans objet", "Not applicable"),
    ],
    "EvidenceLevel": [
        ("sms-1", "SMS 1 — corrélation à un moment donné", "SMS 1 — correlation at one point"),
        (
            "sms-2",
            "SMS 2 — avant-après sans groupe de comparaison",
            "SMS 2 — before-after without a comparison group",
        ),
        (
            "sms-3",
            "SMS 3 — avant-après avec groupe de comparaison",
            "SMS 3 — before-after with a comparison group",
        ),
        (
            "sms-4",
            "SMS 4 — plusieurs unités, facteurs contrôlés",
            "SMS 4 — several units, other factors controlled",
        ),
        ("sms-5", "SMS 5 — assignation aléatoire", "SMS 5 — random assignment"),
        ("unrated", "Non évalué", "Unrated"),
    ],
    "Approach": [
        ("evidence-based", "Police fondée sur les données probantes", "Evidence-based policing"),
        ("intelligence-led", "Police guidée par le renseignement", "Intelligence-led policing"),
        (
            "problem-oriented",
            "Police axée sur la résolution de problèmes",
            "Problem-oriented policing",
        ),
        ("community-policing", "Police de proximité", "Community policing"),
        ("other", "Autre", "Other"),
    ],
    "Theme": [
        ("racial-social-profiling", "Profilage racial et social", "Racial and social profiling"),
        ("gender-based-violence", "Violence fondée sur le genre", "Gender-based violence"),
        ("youth", "Jeunesse", "Youth"),
        ("neighbourhoods", "Quartiers", "Neighbourhoods"),
        ("vulnerable-adults", "Adultes vulnérables", "Vulnerable adults"),
        ("mental-health", "Santé mentale", "Mental health"),
        ("road-safety", "Sécurité routière", "Road safety"),
        ("organised-crime", "Crime organisé", "Organised crime"),
        ("cybercrime", "Cybercriminalité", "Cybercrime"),
        ("fraud", "Fraude", "Fraud"),
        ("community-trust", "Confiance de la population", "Community trust"),
        ("workforce-wellbeing", "Bien-être du personnel", "Workforce wellbeing"),
        ("edi", "Équité, diversité et inclusion", "Equity, diversity and inclusion"),
        ("transparency", "Transparence", "Transparency"),
    ],
}


def install(apps, schema_editor):
    for model_name, entries in VOCABULARIES.items():
        model = apps.get_model("research", model_name)
        for order, (slug, label_fr, label_en) in enumerate(entries):
            model.objects.update_or_create(
                slug=slug,
                defaults={"label_fr": label_fr, "label_en": label_en, "sort_order": order},
            )
    create_research_index(apps)


def create_research_index(apps):
    """Every install gets the section research items are published in."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("portal", "HomePage")
    ResearchIndexPage = apps.get_model("research", "ResearchIndexPage")
    home = HomePage.objects.order_by("path").first()
    if home is None or ResearchIndexPage.objects.exists():
        return
    index_type, _ = ContentType.objects.get_or_create(
        app_label="research", model="researchindexpage"
    )
    ResearchIndexPage.objects.create(
        title="Études",
        draft_title="Études",
        slug="etudes",
        content_type=index_type,
        path=home.path + "0001",
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "etudes/",
        locale_id=home.locale_id,
        live=True,
        introduction="Analyses, évaluations et recherches publiées par les organisations "
        "partenaires.",
    )
    HomePage.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0001_initial"),
        ("portal", "0002_reference_organisations_and_home"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

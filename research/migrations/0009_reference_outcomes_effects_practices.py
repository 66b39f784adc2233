"""Install the evidence vocabularies (stable slugs, FR/EN labels): outcomes, effects, practices."""

from django.db import migrations

VOCABULARIES = {
    "Outcome": [
        ("crime-overall", "Criminalité en général", "Crime overall"),
        ("violent-crime", "Crimes violents", "Violent crime"),
        ("property-crime", "Crimes contre les biens", "Property crime"),
        ("drug-crime", "Crimes liés aux drogues", "Drug crime"),
        ("disorder", "Désordre et incivilités", "Disorder"),
        ("repeat-victimisation", "Victimisation répétée", "Repeat victimisation"),
        ("reoffending", "Récidive", "Reoffending"),
        ("calls-for-service", "Appels de service", "Calls for service"),
        ("fear-of-crime", "Sentiment d'insécurité", "Fear of crime"),
        ("trust-legitimacy", "Confiance et légitimité", "Trust and legitimacy"),
        (
            "disparities",
            "Disparités raciales ou sociales dans les interventions policières",
            "Racial or social disparities in police contacts",
        ),
        ("use-of-force", "Emploi de la force", "Use of force"),
        ("complaints", "Plaintes", "Complaints"),
        ("road-collisions", "Collisions routières", "Road collisions"),
        ("officer-wellbeing", "Bien-être des policiers", "Officer wellbeing"),
        ("efficiency", "Efficience", "Efficiency"),
        ("other", "Autre", "Other"),
    ],
    "Effect": [
        ("positive", "Effet positif", "Positive effect"),
        ("mixed", "Effet mitigé", "Mixed effect"),
        ("no-effect", "Aucun effet", "No effect"),
        ("negative", "Effet négatif (contre-productif)", "Negative effect (backfire)"),
        ("inconclusive", "Non concluant", "Inconclusive"),
    ],
    "Practice": [
        ("hot-spots-policing", "Police des points chauds", "Hot spots policing"),
        (
            "problem-oriented-policing",
            "Police axée sur la résolution de problèmes",
            "Problem-oriented policing",
        ),
        ("focused-deterrence", "Dissuasion ciblée", "Focused deterrence"),
        ("foot-patrol", "Patrouille à pied", "Foot patrol"),
        ("community-policing", "Police de proximité", "Community policing"),
        ("procedural-justice", "Justice procédurale", "Procedural justice"),
        ("body-worn-cameras", "Caméras portatives", "Body-worn cameras"),
        ("de-escalation-training", "Formation à la désescalade", "De-escalation training"),
        (
            "bias-awareness-training",
            "Formation sur les préjugés et biais",
            "Bias awareness training",
        ),
        (
            "mental-health-co-response",
            "Intervention conjointe en santé mentale",
            "Mental health co-response",
        ),
        ("cctv", "Vidéosurveillance", "CCTV"),
        ("street-lighting", "Éclairage des rues", "Street lighting"),
        ("youth-diversion", "Déjudiciarisation des jeunes", "Youth diversion"),
        ("restorative-justice", "Justice réparatrice", "Restorative justice"),
        (
            "domestic-violence-risk-assessment",
            "Évaluation du risque en violence conjugale",
            "Domestic violence risk assessment",
        ),
        (
            "automated-speed-enforcement",
            "Contrôle automatisé de la vitesse",
            "Automated speed enforcement",
        ),
        ("neighbourhood-watch", "Surveillance de quartier", "Neighbourhood watch"),
        (
            "intelligence-led-policing",
            "Police guidée par le renseignement",
            "Intelligence-led policing",
        ),
        ("other", "Autre", "Other"),
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


class Migration(migrations.Migration):
    dependencies = [("research", "0008_evidence_findings_practices")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

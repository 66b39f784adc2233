"""Each page type can be created through Wagtail's admin form machinery."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import HomePage, Organisation, StandardPage
from research.models import (
    Approach,
    Effect,
    EvidenceLevel,
    Outcome,
    Practice,
    ResearchDocument,
    ResearchIndexPage,
    ResearchPage,
    ResearchType,
    StudyDesign,
    Theme,
)


@pytest.mark.django_db
class PageCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePage.objects.get(locale__language_code="fr")
        self.research_index = ResearchIndexPage.objects.get(locale__language_code="fr")

    def test_standard_page_is_created_under_the_home_page(self):
        data = nested_form_data(
            {
                "title": "À propos",
                "slug": "a-propos",
                "introduction": "Ce que fait Passerelle.",
                "body": streamfield([("paragraph", rich_text("<p>Un portail partagé.</p>"))]),
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)
        assert StandardPage.objects.get(slug="a-propos").body[0].block_type == "paragraph"

    def test_research_index_page_is_created_under_the_home_page(self):
        data = nested_form_data({"title": "Archives", "slug": "archives", "introduction": ""})
        self.assertCanCreate(self.home, ResearchIndexPage, data)

    def test_research_item_is_created_with_its_metadata_authors_and_files(self):
        document = ResearchDocument.objects.create(title="Rapport", file="documents/r.pdf")
        data = nested_form_data(
            {
                "title": "Santé mentale et interventions policières",
                "slug": "sante-mentale-interventions",
                "organisation": Organisation.objects.get(slug="spvq").pk,
                "partners": [Organisation.objects.get(slug="enpq").pk],
                "publication_date": "2024-03-15",
                "language": "fr",
                "research_type": ResearchType.objects.get(slug="research-report").pk,
                "design": StudyDesign.objects.get(slug="mixed-methods").pk,
                "evidence": EvidenceLevel.objects.get(slug="sms-3").pk,
                "approaches": [Approach.objects.get(slug="problem-oriented").pk],
                "themes": [Theme.objects.get(slug="mental-health").pk],
                "tags": "crise, intervention",
                "region": "Ville de Québec",
                "summary": "Étude des interventions auprès de personnes en crise.",
                "key_findings": rich_text("<ul><li>Les appels ont augmenté.</li></ul>"),
                "recommendations": rich_text("<p>Former les patrouilleurs.</p>"),
                "body": streamfield([("heading", "Contexte")]),
                "authors": inline_formset([{"name": "Alex Exemple", "affiliation": "SPVQ"}]),
                "files": inline_formset([{"document": document.pk, "label": "Rapport complet"}]),
                "findings": inline_formset([]),
                "related_links": inline_formset([]),
                "objective_links": inline_formset([]),
                "edition": "",
                "access": "community",
                "contact_name": "",
                "contact_email": "recherche@example.org",
                "doi": "10.5555/passerelle.2024.1",
                "external_url": "",
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.research_index, ResearchPage, data)
        page = ResearchPage.objects.get(slug="sante-mentale-interventions")
        assert page.organisation.slug == "spvq"
        assert [a.name for a in page.authors.all()] == ["Alex Exemple"]
        assert [f.display_label for f in page.files.all()] == ["Rapport complet"]
        assert sorted(page.tags.names()) == ["crise", "intervention"]
        assert page.access == "community"

    def test_an_analyst_records_what_the_study_found_and_the_practices_it_evaluates(self):
        data = nested_form_data(
            {
                "title": "Patrouilles ciblées dans les points chauds",
                "slug": "patrouilles-points-chauds",
                "organisation": Organisation.objects.get(slug="spvm").pk,
                "publication_date": "2024-05-02",
                "language": "fr",
                "research_type": ResearchType.objects.get(slug="program-evaluation").pk,
                "design": StudyDesign.objects.get(slug="quasi-experimental").pk,
                "evidence": EvidenceLevel.objects.get(slug="sms-4").pk,
                "summary": "Évaluation de patrouilles ciblées dans douze points chauds.",
                "key_findings": rich_text(""),
                "recommendations": rich_text(""),
                "body": streamfield([]),
                "tags": "",
                "region": "Montréal",
                "findings": inline_formset(
                    [
                        {
                            "outcome": Outcome.objects.get(slug="violent-crime").pk,
                            "effect": Effect.objects.get(slug="positive").pk,
                            "note": "baisse de 18 % sur douze mois",
                        },
                        {
                            "outcome": Outcome.objects.get(slug="trust-legitimacy").pk,
                            "effect": Effect.objects.get(slug="no-effect").pk,
                            "note": "",
                        },
                    ]
                ),
                # A tuple: nested_form_data would number a list's items as sub-fields.
                "practices": (Practice.objects.get(slug="hot-spots-policing").pk,),
                "mechanism": rich_text("<p>La présence visible dissuade.</p>"),
                "context": rich_text(""),
                "implementation": rich_text("<p>Deux agents par quart.</p>"),
                "cost": rich_text(""),
                "evaluated_locally": "on",
                "independent_evaluation": "on",
                "authors": inline_formset([]),
                "files": inline_formset([]),
                "related_links": inline_formset([]),
                "objective_links": inline_formset([]),
                "edition": "",
                "access": "public",
                "contact_name": "",
                "contact_email": "",
                "doi": "",
                "external_url": "",
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.research_index, ResearchPage, data)
        page = ResearchPage.objects.get(slug="patrouilles-points-chauds")
        assert [
            (finding.outcome.slug, finding.effect.slug, finding.note)
            for finding in page.findings.all()
        ] == [
            ("violent-crime", "positive", "baisse de 18 % sur douze mois"),
            ("trust-legitimacy", "no-effect", ""),
        ]
        assert [practice.slug for practice in page.practices.all()] == ["hot-spots-policing"]
        assert (page.evaluated_locally, page.independent_evaluation) == (True, True)
        assert "dissuade" in page.mechanism

    def test_research_items_only_live_under_a_research_index(self):
        self.assertAllowedParentPageTypes(ResearchPage, {ResearchIndexPage})
        self.assertAllowedSubpageTypes(ResearchPage, {})
        self.assertAllowedParentPageTypes(ResearchIndexPage, {HomePage})

    def test_a_malformed_doi_is_refused_with_a_message(self):
        page = ResearchPage(doi="not-a-doi")
        with pytest.raises(ValidationError) as raised:
            page.full_clean(exclude=[f.name for f in ResearchPage._meta.fields if f.name != "doi"])
        assert "10.1234/abcd.5678" in str(raised.value)

"""Fictional English-language demo studies. Every person, unit and figure here is invented."""

from research.demo.files import Section
from research.demo.records import DemoItem

OPS_ANALYSIS = "Strategic Analysis Unit, Ottawa Police Service"
OPS_WELLNESS = "Member Wellness Section, Ottawa Police Service"
UOTTAWA_CRIM = "Université d'Ottawa, Département de criminologie"
CARLETON = "Carleton University, Department of Sociology and Anthropology"
CPO_TEAM = "Research and Evaluation, Crime Prevention Ottawa"

ENGLISH_ITEMS = (
    DemoItem(
        slug="ops-race-based-data-traffic-stops-2020",
        title="Race-based data on traffic stops in Ottawa: a five-year review",
        other_language_summary=(
            "Ce rapport examine cinq années d'interceptions routières au cours desquelles les "
            "policiers ont noté l'origine perçue du conducteur. Les conducteurs perçus comme "
            "originaires du Moyen-Orient ou noirs ont été interceptés bien plus souvent que "
            "leur part de la population au volant ne le laisserait prévoir, et la plupart de "
            "ces interceptions se sont terminées sans accusation."
        ),
        language="en",
        organisation="ops",
        published="2020-07-15",
        research_type="research-report",
        design="descriptive",
        evidence="sms-1",
        approaches=("evidence-based",),
        themes=("racial-social-profiling", "road-safety"),
        tags=("traffic stops", "race-based data", "disproportionality"),
        region="Ottawa",
        authors=(("Daniel Okafor", UOTTAWA_CRIM), ("Rebecca Thornton", OPS_ANALYSIS)),
        summary=(
            "This report reviews five years of traffic stops in which officers recorded "
            "the perceived race of the driver. Drivers perceived as Middle Eastern or Black "
            "were stopped at rates well above their share of the driving population. "
            "Most of these stops ended with no charge. The report compares several "
            "benchmarks and discusses the limits of each."
        ),
        key_findings=(
            "Drivers perceived as Middle Eastern were stopped 3.2 times more often than expected.",
            "Seven in ten stops of young drivers ended without a charge.",
            "Disparities held across all three benchmarks tested.",
        ),
        recommendations=(
            "Make the recording of perceived race mandatory for every stop.",
            "Review stop practices with community advisory committees each year.",
        ),
        body=(
            (
                "Background",
                "The collection of race-based data followed an agreement with "
                "the provincial human rights commission.",
            ),
            ("Data", "Traffic stop records linked to census and licensing data."),
        ),
        annex=(
            Section(
                "Benchmarking methods",
                "Three denominators were compared: residential population, licensed "
                "drivers, and collision-involved drivers, the last serving as a proxy "
                "for drivers on the road.",
            ),
            Section(
                "Data quality audit",
                "Auditors sampled 600 records and found the perceived-race field "
                "missing in 4% of stops, concentrated on overnight shifts.",
            ),
        ),
        files=("pdf", "docx"),
        contact_name="Rebecca Thornton",
        contact_email="analysis@ottawapolice.example.ca",
        doi="10.5555/passerelle.ops.2020.031",
    ),
    DemoItem(
        slug="cpo-neighbourhood-violence-prevention-2021",
        title="Neighbourhood violence prevention in Ottawa's priority communities",
        language="en",
        organisation="cpo",
        partners=("ops",),
        published="2021-12-01",
        research_type="program-evaluation",
        design="before-after",
        evidence="sms-2",
        approaches=("community-policing", "problem-oriented"),
        themes=("neighbourhoods", "youth"),
        tags=("violence prevention", "youth outreach", "community safety"),
        region="Ottawa",
        authors=(("Priya Raman", CPO_TEAM), ("Evan MacLeod", CARLETON)),
        summary=(
            "Crime Prevention Ottawa funded youth outreach and neighbourhood safety "
            "projects in five communities. Calls for service involving youth violence "
            "fell in four of the five neighbourhoods over two years. Residents reported "
            "feeling safer in parks and near schools. Without comparison areas, the "
            "evaluation cannot attribute all of the change to the projects."
        ),
        key_findings=(
            "Youth violence calls fell by 21% on average in participating neighbourhoods.",
            "Residents' sense of safety in parks improved in resident surveys.",
            "Projects with paid youth workers kept participants the longest.",
        ),
        recommendations=(
            "Fund youth workers on multi-year terms rather than yearly grants.",
            "Add comparison neighbourhoods to future evaluations.",
        ),
        body=(
            ("Projects", "Outreach, after-school programs and park animation."),
            ("Evaluation", "Calls for service and resident surveys before and after."),
        ),
        annex=(
            Section(
                "Logic model",
                "Inputs, activities, outputs and outcomes are mapped for each "
                "project, from drop-in hours to reduced retaliation between peer "
                "groups.",
            ),
            Section(
                "Survey instrument",
                "The resident survey used a Likert scale on perceived safety, "
                "collective efficacy and willingness to intervene.",
            ),
        ),
        files=("pdf",),
    ),
    DemoItem(
        slug="ops-mental-health-call-diversion-2023",
        title="Diverting mental health calls from police to crisis services",
        language="en",
        organisation="ops",
        partners=("cpo",),
        published="2023-04-26",
        research_type="program-evaluation",
        design="mixed-methods",
        evidence="sms-3",
        approaches=("evidence-based", "community-policing"),
        themes=("mental-health", "vulnerable-adults"),
        tags=("call diversion", "mental health", "crisis line", "911"),
        region="Ottawa",
        authors=(("Hannah Whitfield", OPS_ANALYSIS), ("Marc Sauvé", UOTTAWA_CRIM)),
        summary=(
            "A pilot routed eligible mental health calls from the police communications "
            "centre to a community crisis line. Compared with similar calls in the "
            "previous year, police attendance dropped by more than half for diverted "
            "calls. Callers reported being satisfied with the crisis response. "
            "Interviews with call-takers point to training needs in screening calls."
        ),
        key_findings=(
            "Police attendance fell by 57% for calls meeting diversion criteria.",
            "Fewer than 3% of diverted calls were returned to police.",
            "Call-takers asked for clearer screening questions.",
        ),
        recommendations=(
            "Make diversion available around the clock.",
            "Co-locate crisis workers in the communications centre.",
        ),
        body=(
            ("Pilot", "Eligible calls were transferred live to trained crisis counsellors."),
            ("Comparison", "Calls matched on time of day, type and location a year earlier."),
        ),
        annex=(
            Section(
                "Screening protocol",
                "Call-takers apply a five-question screen covering weapons, imminent "
                "risk, intoxication, location and consent before transferring.",
                "Walk through one anonymised call to show the screen in use.",
            ),
            Section(
                "Interview themes",
                "Call-takers described uncertainty, workload relief and the "
                "importance of a warm handoff rather than a cold transfer.",
            ),
        ),
        files=("pdf", "pptx"),
        related=("equipes-mixtes-sante-mentale-evaluation-2020",),
        contact_name="Hannah Whitfield",
        contact_email="h.whitfield@ottawapolice.example.ca",
    ),
    DemoItem(
        slug="cpo-gender-based-violence-review-2022",
        title="What works to prevent intimate partner violence: a systematic review",
        language="en",
        organisation="cpo",
        published="2022-03-08",
        research_type="literature-review",
        design="systematic-review",
        evidence="unrated",
        approaches=("evidence-based",),
        themes=("gender-based-violence",),
        tags=("intimate partner violence", "systematic review", "meta-analysis"),
        region="Ontario",
        authors=(("Laura Kowalczyk", CPO_TEAM), ("Ama Mensah", CARLETON)),
        summary=(
            "This review pools evaluations of programs that aim to prevent intimate "
            "partner violence, from school-based education to high-risk case "
            "conferences. Forty-one studies met the inclusion criteria. Multi-agency "
            "high-risk tables show the most consistent reductions in repeat "
            "victimisation. Evidence on perpetrator programs remains mixed."
        ),
        key_findings=(
            "Multi-agency high-risk tables reduce repeat victimisation in most studies.",
            "School-based programs improve attitudes; effects on behaviour are small.",
            "Perpetrator programs show mixed and often short-lived effects.",
        ),
        recommendations=(
            "Prioritise coordinated high-risk case management.",
            "Fund longer follow-up periods in local evaluations.",
        ),
        body=(
            ("Scope", "Studies published between 2000 and 2021 in English or French."),
            ("Synthesis", "Random-effects meta-analysis where outcomes were comparable."),
        ),
        annex=(
            Section(
                "Forest plot commentary",
                "The pooled odds ratio for repeat victimisation is 0.78, with "
                "moderate heterogeneity driven by two outlying trials.",
            ),
            Section(
                "Risk of bias",
                "Most quasi-experimental studies carried a serious risk of "
                "confounding; only six trials were rated low risk.",
            ),
        ),
        files=("pdf", "docx"),
        doi="10.5555/passerelle.cpo.2022.004",
    ),
    DemoItem(
        slug="ops-body-worn-cameras-public-attitudes-2024",
        title="Public attitudes toward body-worn cameras in Ottawa",
        language="en",
        organisation="ops",
        published="2024-02-20",
        research_type="research-report",
        design="descriptive",
        evidence="sms-1",
        approaches=("other",),
        themes=("transparency", "community-trust"),
        tags=("body-worn cameras", "public opinion", "survey", "accountability"),
        region="Ottawa",
        authors=(("Grace Liu", OPS_ANALYSIS),),
        summary=(
            "A city-wide survey of 2,050 residents asked about body-worn cameras before "
            "their deployment. Most residents support the cameras and expect them to "
            "improve accountability. Support is lower among residents who had a recent "
            "negative contact with police. Residents want clear rules on when footage is "
            "released."
        ),
        key_findings=(
            "81% of residents support equipping frontline officers with cameras.",
            "Residents rank accountability above evidence gathering as the main purpose.",
            "Two in three want an independent body to decide on footage release.",
        ),
        recommendations=("Publish the footage retention and release policy before deployment.",),
        body=(("Survey", "Online and telephone panel weighted by age, gender and ward."),),
        annex=(
            Section(
                "Weighting scheme",
                "Raking adjusted the sample to census margins for age, gender, ward "
                "and home language; design effect 1.4.",
            ),
            Section(
                "Open-ended responses",
                "Residents mentioned privacy in homes, footage of children and "
                "storage by private vendors as concerns.",
            ),
        ),
        files=("pdf",),
        related=("cameras-corporelles-projet-pilote-2019",),
    ),
    DemoItem(
        slug="ops-strategic-plan-2023",
        title="Ottawa Police Service strategic plan 2023",
        language="en",
        organisation="ops",
        published="2023-06-30",
        research_type="strategic-plan",
        design="not-applicable",
        evidence="unrated",
        approaches=("community-policing", "intelligence-led"),
        themes=("community-trust", "edi", "workforce-wellbeing"),
        tags=("strategic plan", "performance measures", "community safety"),
        region="Ottawa",
        authors=(("Strategic Planning Office", "Ottawa Police Service"),),
        summary=(
            "The strategic plan sets the service's direction around four pillars. It "
            "commits to community safety and well-being, to a healthy and inclusive "
            "workplace, and to measurable trust-building. Each pillar lists objectives "
            "and performance measures. Progress is reported to the police services board."
        ),
        key_findings=(
            "Four pillars with objectives and performance measures.",
            "Member wellness and inclusion are treated as operational priorities.",
        ),
        recommendations=("Report progress on each pillar to the board twice a year.",),
        body=(("Consultation", "Built on surveys, town halls and partner workshops."),),
        annex=(
            Section(
                "Performance framework",
                "Each objective names an owner, a baseline, a target and a reporting "
                "cadence, reviewed by the executive command team.",
            ),
            Section(
                "Engagement summary",
                "More than 4,000 residents and 900 members took part through "
                "surveys, listening sessions and partner roundtables.",
            ),
        ),
        files=("pdf", "pptx"),
    ),
    DemoItem(
        slug="cpo-senior-fraud-awareness-trial-2019",
        title="Preventing fraud against seniors: a randomised trial of warning letters",
        language="en",
        organisation="cpo",
        partners=("ops",),
        published="2019-10-21",
        research_type="program-evaluation",
        design="randomised-trial",
        evidence="sms-5",
        approaches=("evidence-based",),
        themes=("fraud", "vulnerable-adults"),
        tags=("elder fraud", "randomised trial", "scam prevention"),
        region="Ottawa",
        authors=(("Owen Fitzgerald", CARLETON), ("Priya Raman", CPO_TEAM)),
        summary=(
            "Seniors who had reported a fraud attempt were randomly assigned to receive "
            "a tailored warning letter and follow-up call, or the usual information "
            "leaflet. Over twelve months, the tailored group reported fewer losses to "
            "repeat scams. The effect was largest for telephone and romance scams. The "
            "intervention costs little and is easy to scale."
        ),
        key_findings=(
            "Repeat financial losses fell by 35% in the tailored group.",
            "The follow-up call was the component participants valued most.",
        ),
        recommendations=(
            "Offer a follow-up call to every senior who reports a fraud attempt.",
            "Share repeat-victim lists with bank fraud teams under a data agreement.",
        ),
        body=(
            ("Trial", "612 participants randomised individually, stratified by age group."),
            ("Outcome", "Self-reported and police-recorded repeat victimisation."),
        ),
        annex=(
            Section(
                "Letter wording",
                "The letter named the scam type reported, listed three warning signs "
                "and gave a direct number staffed by volunteer callers.",
            ),
            Section(
                "Attrition",
                "Nine percent of participants were lost to follow-up, evenly split "
                "between arms; an intention-to-treat analysis was used.",
            ),
        ),
        files=("pdf", "docx"),
        related=("fraude-aines-revue-systematique-2021",),
        doi="10.5555/passerelle.cpo.2019.012",
    ),
    DemoItem(
        slug="ops-officer-peer-support-2022",
        title="Peer support after critical incidents: officers' experiences",
        language="en",
        organisation="ops",
        published="2022-09-12",
        research_type="internship-project",
        design="qualitative",
        evidence="unrated",
        approaches=("other",),
        themes=("workforce-wellbeing",),
        tags=("peer support", "critical incidents", "officer wellness"),
        region="Ottawa",
        authors=(
            ("Jordan Beaumont", "Graduate intern, " + UOTTAWA_CRIM),
            ("Karen Ashdown", OPS_WELLNESS),
        ),
        summary=(
            "This internship project interviewed 18 officers who used the peer support "
            "program after a critical incident. Officers valued contact within the first "
            "48 hours and peers with similar operational experience. Some hesitated to "
            "call because of concerns about confidentiality. The project suggests ways to "
            "make the program easier to reach."
        ),
        key_findings=(
            "Early contact within 48 hours was the most valued feature.",
            "Confidentiality concerns delayed some requests for help.",
        ),
        recommendations=(
            "Publish the program's confidentiality rules in plain language.",
            "Recruit peer supporters from every platoon and shift.",
        ),
        body=(("Access", "Restricted to members of the Ottawa Police Service."),),
        annex=(
            Section(
                "Interview guide",
                "Questions covered the incident, first contact, usefulness of the "
                "debrief, family involvement and return to duty.",
            ),
            Section(
                "Reflexivity note",
                "The intern kept a reflexive journal to track how her own views of "
                "policing shaped the coding of transcripts.",
            ),
        ),
        files=("docx",),
        access="organisation",
    ),
    DemoItem(
        slug="ops-online-child-exploitation-trends-2021",
        title="Online child sexual exploitation: trends in reports to police",
        language="en",
        organisation="ops",
        published="2021-05-19",
        research_type="intelligence-product",
        design="crime-analysis",
        evidence="unrated",
        approaches=("intelligence-led",),
        themes=("cybercrime", "youth"),
        tags=("online exploitation", "sextortion", "child protection"),
        region="Ontario",
        authors=(("Marcus Delaney", "Internet Child Exploitation Unit, Ottawa Police Service"),),
        summary=(
            "This intelligence product describes trends in reports of online child sexual "
            "exploitation received in Ontario between 2018 and 2020. Reports of "
            "sextortion targeting teenage boys rose sharply. Offenders often operate from "
            "outside Canada and use gaming platforms for first contact. The product lists "
            "indicators for school resource officers."
        ),
        key_findings=(
            "Sextortion reports involving boys aged 13-17 tripled in two years.",
            "First contact occurred on gaming or social platforms in most cases.",
        ),
        recommendations=("Brief school resource officers on sextortion indicators each term.",),
        body=(("Access", "For members of the police community."),),
        annex=(
            Section(
                "Platform referrals",
                "Most referrals arrive through the national clearinghouse with "
                "subscriber data requests pending, delaying victim identification.",
            ),
            Section(
                "Victim support pathway",
                "Victims are referred to a child advocacy centre within 24 hours of "
                "the report, with takedown requests filed in parallel.",
            ),
        ),
        files=("pdf",),
        access="community",
    ),
    DemoItem(
        slug="cpo-street-lighting-hot-spots-2017",
        title="Street lighting upgrades and crime at night-time hot spots",
        language="en",
        organisation="cpo",
        partners=("ops",),
        published="2017-03-14",
        research_type="analysis",
        design="quasi-experimental",
        evidence="sms-3",
        approaches=("problem-oriented",),
        themes=("neighbourhoods", "road-safety"),
        tags=("street lighting", "hot spots", "situational prevention", "pedestrians"),
        region="Ottawa",
        authors=(("Evan MacLeod", CARLETON),),
        summary=(
            "The city replaced street lights in twelve night-time hot spots, while "
            "similar hot spots kept the old lighting. Night-time robberies and assaults "
            "fell more in upgraded areas than in comparison areas. Pedestrian collisions "
            "at night also declined. Daytime crime did not change, which supports a "
            "lighting effect."
        ),
        key_findings=(
            "Night-time street robberies fell by 19% relative to comparison hot spots.",
            "Night-time pedestrian collisions fell by 14%.",
            "No change in daytime crime, as expected.",
        ),
        recommendations=(
            "Prioritise lighting upgrades where night-time hot spots and collisions overlap.",
        ),
        body=(("Design", "Twelve treated and twelve comparison hot spots, matched on crime."),),
        annex=(
            Section(
                "Lux measurements",
                "Illuminance rose from a median of 6 to 18 lux at pavement level, "
                "measured on moonless nights at fixed points.",
            ),
            Section(
                "Collision data",
                "Collision records from the municipal transportation branch were "
                "geocoded to within 30 metres of each hot spot.",
            ),
        ),
        files=("pdf", "docx"),
    ),
    DemoItem(
        slug="enpq-recruiting-for-diversity-2023",
        title="Recruiting for diversity: lessons from three Canadian police services",
        language="en",
        organisation="enpq",
        partners=("ops", "spvm"),
        published="2023-10-19",
        research_type="conference-presentation",
        design="mixed-methods",
        evidence="sms-1",
        approaches=("other",),
        themes=("edi",),
        tags=("recruitment", "diversity", "Rencontre 2023", "hiring"),
        region="Québec (province)",
        authors=(
            ("Laurent Cousineau", "Centre de recherche et d'expertise, ENPQ"),
            ("Grace Liu", OPS_ANALYSIS),
        ),
        summary=(
            "Presented at the Rencontre on analysis and research in policing, this talk "
            "compares diversity recruitment efforts in three police services. Mentoring "
            "programs for applicants from under-represented groups raised completion "
            "rates. Changes to physical testing reduced drop-out without lowering "
            "standards. The services still lack shared measures of retention."
        ),
        key_findings=(
            "Mentored applicants completed the hiring process at higher rates.",
            "Practice sessions before physical tests reduced drop-out.",
        ),
        recommendations=("Agree on common retention measures across services.",),
        body=(("Rencontre 2023", "Session on workforce and inclusion."),),
        annex=(
            Section(
                "Applicant funnel",
                "The funnel tracks each stage from information session to swearing-in, "
                "showing where under-represented applicants leave the process.",
                "Pause on the written-test stage: it is where the gap opens.",
            ),
            Section(
                "Mentoring model",
                "Each applicant is paired with a serving officer for six months, with "
                "monthly check-ins and mock interviews.",
                "Mention the volunteer mentor pool is now 120 officers.",
            ),
        ),
        files=("pptx",),
    ),
    DemoItem(
        slug="sq-firearms-trafficking-border-2025",
        title="Cross-border firearms trafficking into Québec and Ontario",
        language="en",
        organisation="sq",
        partners=("ops",),
        published="2025-01-27",
        research_type="intelligence-product",
        design="crime-analysis",
        evidence="sms-1",
        approaches=("intelligence-led",),
        themes=("organised-crime",),
        tags=("firearms trafficking", "border", "smuggling routes"),
        region="Québec (province)",
        authors=(("Sylvain Brisebois", "Service du renseignement criminel, Sûreté du Québec"),),
        summary=(
            "This assessment maps the routes used to smuggle handguns into Québec and "
            "eastern Ontario. Most traced crime guns were first purchased legally in a "
            "small number of U.S. states. Smugglers increasingly use waterways and "
            "commercial shipments. The assessment identifies gaps in tracing and "
            "information sharing between agencies."
        ),
        key_findings=(
            "Most traced handguns originated from legal purchases in four U.S. states.",
            "Waterway crossings rise in summer months.",
        ),
        recommendations=("Trace every seized firearm and share results with partner agencies.",),
        body=(("Access", "For members of the police community."),),
        annex=(
            Section(
                "Route analysis",
                "Seizure locations were clustered with a kernel density estimate and "
                "linked to known crossing points along the St. Lawrence corridor.",
            ),
            Section(
                "Intelligence gaps",
                "Partial serial numbers and delayed trace responses limit the "
                "attribution of about a third of seized handguns.",
            ),
        ),
        files=("pdf",),
        access="community",
        related=("armes-feu-crime-organise-laval-2023",),
    ),
    DemoItem(
        slug="spvm-neighbourhood-trust-legitimacy-2016",
        title="Neighbourhood trust and police legitimacy in Montréal",
        language="en",
        organisation="spvm",
        published="2016-09-09",
        research_type="research-report",
        design="quasi-experimental",
        evidence="sms-4",
        approaches=("community-policing",),
        themes=("community-trust", "neighbourhoods"),
        tags=("procedural justice", "legitimacy", "multilevel model"),
        region="Montréal",
        authors=(
            ("Julien Archambault", "Section de la recherche et de la planification, SPVM"),
            ("Emma Rosenthal", "McGill University, Department of Sociology"),
        ),
        summary=(
            "This study links survey responses from 3,900 residents to neighbourhood "
            "characteristics across Montréal. Perceptions of fair treatment predict trust "
            "more strongly than perceptions of police effectiveness. The effect holds "
            "after controlling for crime rates, income and residential stability. "
            "Neighbourhoods with neighbourhood-based officers show higher trust."
        ),
        key_findings=(
            "Procedural justice is the strongest predictor of trust in police.",
            "Trust is higher where stations run regular community meetings.",
        ),
        recommendations=(
            "Train officers in procedural justice principles.",
            "Keep neighbourhood officers in place for at least three years.",
        ),
        body=(
            ("Data", "Resident survey linked to census and police data by neighbourhood."),
            ("Model", "Multilevel regression with controls at both levels."),
        ),
        annex=(
            Section(
                "Model specification",
                "Random intercepts for 32 station districts; level-two covariates "
                "include concentrated disadvantage and residential stability.",
            ),
            Section(
                "Sensitivity checks",
                "Results hold when excluding downtown districts and when using an "
                "alternative trust index built from four items.",
            ),
        ),
        files=("pdf", "docx"),
        contact_name="Julien Archambault",
        contact_email="recherche@spvm.example.ca",
        external_url="https://research.example.org/montreal-trust-2016",
    ),
)

"""Fictional French-language demo studies. Every person, unit and figure here is invented."""

from research.demo.files import Section
from research.demo.records import DemoItem

UDEM_CRIM = "École de criminologie, Université de Montréal"
SPVM_RECHERCHE = "Section de la recherche et de la planification, SPVM"
SPVQ_ANALYSE = "Division de l'analyse et du renseignement, SPVQ"
SQ_RENSEIGNEMENT = "Service du renseignement criminel, Sûreté du Québec"
ENPQ_RECHERCHE = "Centre de recherche et d'expertise, ENPQ"
MSP_DPOP = "Direction de la prévention et de l'organisation policière, MSP"
LAVAL_CRIM = "Université Laval, École de travail social et de criminologie"

FRENCH_ITEMS = (
    DemoItem(
        slug="interpellations-profilage-montreal-2019",
        title="Interpellations policières et profilage racial à Montréal : portrait 2014-2017",
        other_language_summary=(
            "This report describes the street checks recorded by Montréal police officers "
            "from 2014 to 2017 by the perceived origin of the people checked. People perceived "
            "as Black, Indigenous or Arab were checked two to five times more often than their "
            "share of the population would predict. Interviews with patrol officers and "
            "residents shed light on the practices behind these gaps."
        ),
        language="fr",
        organisation="spvm",
        partners=("msp",),
        published="2019-10-08",
        research_type="research-report",
        design="mixed-methods",
        evidence="sms-1",
        approaches=("evidence-based", "community-policing"),
        themes=("racial-social-profiling", "community-trust"),
        tags=("interpellations", "profilage racial", "données policières", "disparités"),
        region="Montréal",
        authors=(
            ("Véronique Lachapelle-Duguay", UDEM_CRIM),
            ("Karim Belhassen", UDEM_CRIM),
            ("Sophie Marchildon", SPVM_RECHERCHE),
        ),
        summary=(
            "Ce rapport décrit les interpellations consignées par les policiers montréalais "
            "entre 2014 et 2017 selon l'origine perçue des personnes interpellées. "
            "Les personnes perçues comme noires, autochtones ou arabes y sont interpellées "
            "de deux à cinq fois plus souvent que leur poids démographique ne le laisserait "
            "prévoir. Des entretiens avec des patrouilleurs et des résidents éclairent les "
            "pratiques derrière ces écarts. Le rapport propose des balises pour encadrer "
            "les interpellations et mesurer leur évolution."
        ),
        key_findings=(
            "Les disparités persistent après prise en compte du taux de criminalité des secteurs.",
            "Près de la moitié des interpellations ne mènent à aucune suite administrative.",
            "Les résidents interrogés associent les interpellations répétées à une baisse "
            "de confiance envers la police.",
        ),
        recommendations=(
            "Adopter une politique écrite sur les interpellations, avec des motifs définis.",
            "Publier chaque année des indicateurs de disparité par poste de quartier.",
            "Former les patrouilleurs aux biais implicites à l'aide de mises en situation.",
        ),
        body=(
            (
                "Contexte",
                "La Ville a demandé un portrait indépendant des interpellations "
                "à la suite de plaintes répétées déposées par des organismes communautaires.",
            ),
            (
                "Méthode",
                "Les auteurs ont croisé les fiches d'interpellation, les données "
                "du recensement et 42 entretiens semi-dirigés.",
            ),
        ),
        annex=(
            Section(
                "Annexe A — Calcul de l'indice de disproportion",
                "L'indice de disproportion rapporte la part d'interpellations d'un "
                "groupe à sa part de la population résidente âgée de 15 ans et plus. "
                "Un coefficient de pondération corrige l'afflux de navetteurs dans "
                "l'arrondissement central.",
                "Insister sur la pondération par navetteurs : c'est la question la plus fréquente.",
            ),
            Section(
                "Annexe B — Grille d'entretien",
                "La grille aborde la routine de patrouille, les consignes reçues, le "
                "sentiment d'utilité des interpellations et la perception du "
                "voisinage. Les verbatims ont été codés dans un logiciel d'analyse "
                "qualitative par deux codeuses indépendantes (kappa de 0,81).",
            ),
        ),
        files=("pdf", "docx", "pptx"),
        contact_name="Sophie Marchildon",
        contact_email="recherche.planification@spvm.example.ca",
        doi="10.5555/passerelle.spvm.2019.014",
    ),
    DemoItem(
        slug="violence-conjugale-recidive-spvq-2021",
        title="Récidive en matière de violence conjugale : analyse des dossiers 2017-2020",
        language="fr",
        organisation="spvq",
        published="2021-03-22",
        research_type="analysis",
        design="crime-analysis",
        evidence="sms-1",
        approaches=("intelligence-led",),
        themes=("gender-based-violence",),
        tags=("violence conjugale", "récidive", "évaluation du risque"),
        region="Ville de Québec",
        authors=(("Mathieu Poirier-Lavoie", SPVQ_ANALYSE), ("Annie Gosselin", SPVQ_ANALYSE)),
        summary=(
            "Cette analyse suit 1 870 dossiers de violence conjugale ouverts à Québec entre "
            "2017 et 2020. Un auteur sur quatre fait l'objet d'un nouvel événement dans les "
            "dix-huit mois. Le non-respect des conditions de remise en liberté précède "
            "souvent la récidive violente. L'analyse cible les moments où une intervention "
            "policière proactive aurait le plus d'effet."
        ),
        key_findings=(
            "26 % des auteurs récidivent dans les 18 mois, surtout dans les 60 premiers jours.",
            "Un bris de conditions précède 41 % des récidives avec violence.",
            "Les appels de tiers (voisins, famille) annoncent souvent une escalade.",
        ),
        recommendations=(
            "Assurer un suivi téléphonique des victimes dans les 30 jours suivant la remise "
            "en liberté de l'auteur.",
            "Traiter les bris de conditions comme un signal de risque prioritaire.",
        ),
        body=(
            (
                "Objectif",
                "Repérer les facteurs associés à une récidive rapide pour "
                "orienter les visites de vérification.",
            ),
            (
                "Données",
                "Dossiers d'événements, mandats et conditions de remise en liberté "
                "extraits du système de gestion des dossiers.",
            ),
        ),
        annex=(
            Section(
                "Courbes de survie",
                "La méthode de Kaplan-Meier estime la durée avant récidive. La pente "
                "est la plus forte durant les neuf premières semaines, puis elle "
                "s'aplanit nettement après le sixième mois.",
            ),
            Section(
                "Limites",
                "Les événements non signalés échappent à l'analyse. Les dossiers "
                "fermés par un déménagement hors territoire sont traités comme censurés.",
            ),
        ),
        files=("pdf",),
        contact_name="Annie Gosselin",
        contact_email="analyse@spvq.example.ca",
    ),
    DemoItem(
        slug="exploitation-sexuelle-mineurs-sq-2022",
        title="Exploitation sexuelle des mineurs : réseaux de recrutement en ligne",
        language="fr",
        organisation="sq",
        partners=("spvm",),
        published="2022-06-14",
        research_type="intelligence-product",
        design="crime-analysis",
        evidence="unrated",
        approaches=("intelligence-led",),
        themes=("youth", "organised-crime", "cybercrime"),
        tags=("exploitation sexuelle", "proxénétisme", "réseaux sociaux", "mineurs"),
        region="Québec (province)",
        authors=(("Isabelle Desrochers", SQ_RENSEIGNEMENT), ("Patrick Bédard", SQ_RENSEIGNEMENT)),
        summary=(
            "Ce produit de renseignement décrit les méthodes de recrutement de mineures par "
            "des réseaux de proxénétisme actifs au Québec. Le recrutement commence de plus "
            "en plus sur les plateformes de messagerie et les jeux en ligne. Les réseaux "
            "déplacent les victimes entre les grands centres pour éviter la détection. Le "
            "document propose des indicateurs pour les enquêteurs et les intervenants."
        ),
        key_findings=(
            "Le premier contact a lieu en ligne dans la majorité des dossiers analysés.",
            "Les victimes sont déplacées entre Montréal, Québec et Gatineau en quelques jours.",
            "Les réseaux utilisent des hébergements de courte durée réservés par des tiers.",
        ),
        recommendations=(
            "Partager les indicateurs de recrutement avec les services de protection de la "
            "jeunesse.",
            "Coordonner les enquêtes interrégionales par une équipe conjointe.",
        ),
        body=(
            (
                "Portée",
                "Dossiers d'enquête conclus entre 2019 et 2021 et renseignements "
                "provenant des partenaires municipaux.",
            ),
            ("Diffusion", "Document réservé aux membres de l'organisation."),
        ),
        annex=(
            Section(
                "Indicateurs opérationnels",
                "Achats répétés de cartes-cadeaux, changement soudain d'appareil "
                "cellulaire et absences scolaires groupées constituent des signaux "
                "faibles observés chez les victimes.",
            ),
            Section(
                "Typologie des recruteurs",
                "Trois profils se dégagent : le séducteur, le pair recruteur et "
                "l'intermédiaire financier. Le pair recruteur agit souvent sous "
                "contrainte.",
            ),
        ),
        files=("pdf",),
        access="organisation",
    ),
    DemoItem(
        slug="equipes-mixtes-sante-mentale-evaluation-2020",
        title="Évaluation des équipes mixtes policiers-intervenants en santé mentale",
        other_language_summary=(
            "The evaluation compares calls about people in crisis handled by mixed teams of "
            "police officers and social workers with those handled by regular patrols in "
            "similar districts. Mixed teams refer people to health services more often and "
            "use force less often; transports to the emergency department fall by about a third."
        ),
        language="fr",
        organisation="spvm",
        published="2020-11-30",
        research_type="program-evaluation",
        design="quasi-experimental",
        evidence="sms-3",
        approaches=("evidence-based", "community-policing"),
        themes=("mental-health", "vulnerable-adults"),
        tags=("santé mentale", "équipes mixtes", "crise", "recours à la force"),
        region="Montréal",
        authors=(
            ("Geneviève Ouellet-Brassard", UDEM_CRIM),
            ("Olivier Ndiaye", SPVM_RECHERCHE),
        ),
        summary=(
            "L'évaluation compare les appels pour personnes en crise traités par des équipes "
            "mixtes à ceux traités par des patrouilles régulières dans des secteurs "
            "semblables. Les équipes mixtes orientent davantage les personnes vers des "
            "services de santé et recourent moins souvent à la force. Les transports à "
            "l'urgence diminuent d'environ un tiers. Les coûts par intervention restent "
            "comparables."
        ),
        key_findings=(
            "Baisse de 34 % des transports à l'urgence hospitalière.",
            "Recours à la force deux fois moins fréquent que dans les secteurs témoins.",
            "Les appels répétés pour une même personne diminuent après six mois.",
        ),
        recommendations=(
            "Étendre les équipes mixtes aux quarts de soir et de fin de semaine.",
            "Mesurer le suivi des personnes orientées trente jours après l'intervention.",
        ),
        body=(
            (
                "Programme",
                "Une policière ou un policier et une intervenante sociale du "
                "réseau de la santé patrouillent ensemble et répondent aux appels de crise.",
            ),
            ("Devis", "Comparaison avant-après avec quatre secteurs témoins appariés."),
        ),
        annex=(
            Section(
                "Appariement des secteurs",
                "Les secteurs témoins ont été appariés sur le volume d'appels, la "
                "densité résidentielle et la présence de ressources d'hébergement. "
                "Un score de propension a servi à vérifier l'équilibre des groupes.",
                "Rappeler que l'assignation n'était pas aléatoire.",
            ),
            Section(
                "Coûts",
                "Le coût horaire d'une équipe mixte s'établit à 148 $, contre 131 $ "
                "pour une patrouille régulière, avant prise en compte des heures "
                "d'attente évitées aux urgences.",
            ),
        ),
        files=("pdf", "pptx"),
        contact_name="Olivier Ndiaye",
        contact_email="o.ndiaye@spvm.example.ca",
    ),
    DemoItem(
        slug="itinerance-centre-ville-quebec-2018",
        title="Itinérance au centre-ville de Québec : regards croisés",
        language="fr",
        organisation="spvq",
        published="2018-05-17",
        research_type="research-report",
        design="qualitative",
        evidence="unrated",
        approaches=("community-policing", "problem-oriented"),
        themes=("vulnerable-adults", "neighbourhoods"),
        tags=("itinérance", "cohabitation", "espace public"),
        region="Ville de Québec",
        authors=(("Catherine Fortier-Boily", LAVAL_CRIM), ("Jean-Simon Larouche", SPVQ_ANALYSE)),
        summary=(
            "Cette étude qualitative recueille les points de vue de personnes en situation "
            "d'itinérance, de commerçants, d'intervenants et de policiers du centre-ville. "
            "Les tensions se concentrent autour de quelques lieux et de certaines heures. "
            "Les personnes itinérantes décrivent les contraventions comme un obstacle à "
            "leur réinsertion. Les participants s'entendent sur l'utilité d'une présence "
            "policière stable et connue."
        ),
        key_findings=(
            "Les constats d'infraction cumulés freinent l'accès au logement.",
            "Les commerçants souhaitent surtout une réponse rapide et prévisible.",
            "Les policiers attitrés au secteur sont mieux reconnus que les patrouilles rotatives.",
        ),
        recommendations=(
            "Privilégier l'orientation vers les ressources plutôt que la judiciarisation.",
            "Créer une table de concertation trimestrielle entre police, commerçants et "
            "organismes.",
        ),
        body=(
            (
                "Démarche",
                "Trente-six entretiens et huit observations de terrain ont été "
                "réalisés durant l'hiver et l'été.",
            ),
            (
                "Portée",
                "Les résultats portent sur le centre-ville et ne se généralisent pas "
                "aux autres arrondissements.",
            ),
        ),
        annex=(
            Section(
                "Observation de terrain",
                "Les observatrices ont noté les interactions dans le parc, la halte-"
                "chaleur et le débarcadère d'autobus, en consignant la durée et le "
                "ton des échanges sur une fiche standardisée.",
            ),
            Section(
                "Consentement",
                "Un certificat éthique a encadré l'étude; une compensation sous forme "
                "de carte de repas a été remise à chaque participant.",
            ),
        ),
        files=("pdf", "docx"),
    ),
    DemoItem(
        slug="photoradar-zones-scolaires-2017",
        title="Photoradars mobiles en zones scolaires : effets sur la vitesse",
        language="fr",
        organisation="msp",
        partners=("sq",),
        published="2017-09-05",
        research_type="program-evaluation",
        design="before-after",
        evidence="sms-2",
        approaches=("evidence-based",),
        themes=("road-safety", "youth"),
        tags=("vitesse", "photoradar", "zones scolaires", "sécurité routière"),
        region="Québec (province)",
        authors=(("Francis Tardif", MSP_DPOP), ("Nadia Bouchard-Rivest", MSP_DPOP)),
        summary=(
            "Le ministère a mesuré la vitesse des véhicules avant et après le déploiement "
            "de photoradars mobiles près de vingt écoles primaires. La vitesse moyenne "
            "baisse de 6 km/h pendant les heures de classe. La proportion de grands excès "
            "de vitesse diminue de moitié. L'effet s'estompe lorsque les appareils sont "
            "retirés plus de deux semaines."
        ),
        key_findings=(
            "Vitesse moyenne réduite de 6 km/h aux heures d'entrée et de sortie des classes.",
            "Grands excès (plus de 20 km/h) réduits de 52 %.",
            "Effet de halo mesurable jusqu'à 400 mètres de l'appareil.",
        ),
        recommendations=(
            "Maintenir une rotation des appareils d'au plus dix jours entre deux passages.",
            "Compléter par des aménagements physiques aux abords des écoles.",
        ),
        body=(
            (
                "Mesure",
                "Des compteurs pneumatiques ont enregistré la vitesse quatre "
                "semaines avant et huit semaines après l'installation.",
            ),
            (
                "Limite",
                "Sans sites témoins, une partie de l'effet peut tenir à d'autres "
                "facteurs, comme la météo.",
            ),
        ),
        annex=(
            Section(
                "Fiches des sites",
                "Chaque fiche décrit la géométrie de la rue, le débit journalier, "
                "la signalisation et la présence de brigadiers scolaires.",
            ),
            Section(
                "Traitement des données",
                "Les relevés sous 5 km/h et les véhicules lourds ont été exclus; le "
                "85e centile sert d'indicateur principal.",
            ),
        ),
        files=("pdf",),
    ),
    DemoItem(
        slug="armes-feu-crime-organise-laval-2023",
        title="Armes à feu et crime organisé dans la couronne nord : état de la menace",
        language="fr",
        organisation="sq",
        partners=("spvm",),
        published="2023-02-09",
        research_type="intelligence-product",
        design="crime-analysis",
        evidence="sms-1",
        approaches=("intelligence-led",),
        themes=("organised-crime",),
        tags=("armes à feu", "gangs de rue", "trafic", "fusillades"),
        region="Laval",
        authors=(("Martin Lévesque-Hamel", SQ_RENSEIGNEMENT),),
        summary=(
            "Cette évaluation de la menace porte sur les événements impliquant des armes à "
            "feu à Laval et dans la couronne nord entre 2020 et 2022. Les fusillades sont "
            "liées en majorité à des conflits entre groupes de trafiquants de stupéfiants. "
            "Les armes saisies proviennent de plus en plus de trafic transfrontalier et "
            "d'assemblage artisanal. Le document hiérarchise les groupes selon leur "
            "capacité de violence."
        ),
        key_findings=(
            "Hausse de 38 % des événements avec décharge d'arme entre 2020 et 2022.",
            "Une arme saisie sur cinq est une arme fantôme sans numéro de série.",
            "Les conflits suivent les frontières des points de vente de stupéfiants.",
        ),
        recommendations=(
            "Prioriser le traçage systématique de chaque arme saisie.",
            "Partager en continu les renseignements balistiques entre corps de police.",
        ),
        body=(
            ("Diffusion", "Réservé aux membres de la communauté policière."),
            (
                "Sources",
                "Rapports d'événements, saisies et renseignements de sources humaines recoupés.",
            ),
        ),
        annex=(
            Section(
                "Matrice de menace",
                "La matrice croise l'intention, la capacité et l'accès aux armes de "
                "chaque groupe sur une échelle de un à cinq.",
            ),
            Section(
                "Armes fantômes",
                "Les carcasses imprimées en polymère sont assemblées avec des pièces "
                "commandées séparément, ce qui complique le traçage.",
            ),
        ),
        files=("pdf", "pptx"),
        access="community",
    ),
    DemoItem(
        slug="fraude-aines-revue-systematique-2021",
        title="Prévenir la fraude envers les aînés : revue systématique des interventions",
        language="fr",
        organisation="enpq",
        published="2021-09-28",
        research_type="literature-review",
        design="systematic-review",
        evidence="unrated",
        approaches=("evidence-based",),
        themes=("fraud", "vulnerable-adults"),
        tags=("fraude", "aînés", "maltraitance financière", "prévention"),
        region="Québec (province)",
        authors=(("Hélène Vaillancourt", ENPQ_RECHERCHE), ("Samuel Gagnon-Roy", ENPQ_RECHERCHE)),
        summary=(
            "Cette revue systématique recense 27 études évaluant des interventions contre "
            "la fraude visant les personnes aînées. Les campagnes d'information seules "
            "ont peu d'effet mesurable sur la victimisation. Les interventions qui "
            "mobilisent les institutions financières obtiennent les meilleurs résultats. "
            "Peu d'études portent sur la fraude en ligne."
        ),
        key_findings=(
            "Les alertes des caissiers bancaires interrompent une part importante des "
            "transactions frauduleuses.",
            "Les campagnes d'affichage améliorent les connaissances mais pas les comportements.",
            "La fraude par rançon de petit-enfant est la mieux documentée.",
        ),
        recommendations=(
            "Former le personnel des institutions financières à reconnaître les signaux.",
            "Évaluer les nouvelles campagnes avec un groupe de comparaison.",
        ),
        body=(
            (
                "Recherche documentaire",
                "Six bases de données interrogées, 2 140 références triées par deux évaluateurs.",
            ),
            ("Qualité", "Le risque de biais a été apprécié pour chaque étude retenue."),
        ),
        annex=(
            Section(
                "Équations de recherche",
                "Les équations combinent les descripteurs « escroquerie », « personne "
                "âgée » et « intervention », avec leurs équivalents anglais.",
            ),
            Section(
                "Diagramme de sélection",
                "Après retrait des doublons, 1 712 résumés ont été examinés, 96 textes "
                "intégraux lus et 27 études incluses.",
            ),
        ),
        files=("pdf", "docx"),
        contact_name="Hélène Vaillancourt",
        contact_email="recherche@enpq.example.ca",
        doi="10.5555/passerelle.enpq.2021.007",
    ),
    DemoItem(
        slug="stress-operationnel-policiers-2019",
        title="Stress opérationnel et santé psychologique des policiers québécois",
        language="fr",
        organisation="enpq",
        partners=("msp",),
        published="2019-04-11",
        research_type="research-report",
        design="mixed-methods",
        evidence="sms-1",
        approaches=("other",),
        themes=("workforce-wellbeing",),
        tags=("stress opérationnel", "santé psychologique", "soutien par les pairs"),
        region="Québec (province)",
        authors=(("Julie Beaulieu-Caron", ENPQ_RECHERCHE), ("Marc-André Dion", LAVAL_CRIM)),
        summary=(
            "L'étude combine un questionnaire rempli par 1 430 policiers et des groupes de "
            "discussion. Un répondant sur cinq présente des symptômes compatibles avec un "
            "état de stress post-traumatique. Les facteurs organisationnels pèsent autant "
            "que les événements critiques. Le soutien par les pairs est l'aide la plus "
            "appréciée."
        ),
        key_findings=(
            "19 % des répondants présentent des symptômes de stress post-traumatique.",
            "La surcharge administrative est citée comme première source de stress.",
            "Les policiers hésitent à consulter par crainte d'effets sur leur carrière.",
        ),
        recommendations=(
            "Instaurer un programme de soutien par les pairs dans chaque service.",
            "Prévoir une rencontre de suivi systématique après un événement critique.",
        ),
        body=(
            ("Participants", "Policiers de services municipaux et de la Sûreté du Québec."),
            ("Instruments", "Échelles validées de stress, d'épuisement et de soutien social."),
        ),
        annex=(
            Section(
                "Propriétés psychométriques",
                "L'alpha de Cronbach des échelles varie de 0,84 à 0,92. L'analyse "
                "factorielle confirmatoire soutient une structure à trois facteurs.",
            ),
            Section(
                "Groupes de discussion",
                "Six groupes de discussion ont réuni des patrouilleurs, des enquêteurs "
                "et des répartiteurs, animés par une psychologue externe.",
            ),
        ),
        files=("pdf", "docx"),
    ),
    DemoItem(
        slug="edi-recrutement-policier-2022",
        title="Diversité des candidatures en techniques policières : profil des cohortes",
        language="fr",
        organisation="enpq",
        partners=("msp",),
        published="2022-08-30",
        research_type="internship-project",
        design="descriptive",
        evidence="sms-1",
        approaches=("other",),
        themes=("edi",),
        tags=("recrutement", "diversité", "minorités visibles", "formation policière"),
        region="Québec (province)",
        authors=(
            ("Amira Haddad", "Stagiaire, Université de Sherbrooke"),
            ("Louis-Philippe Garneau", ENPQ_RECHERCHE),
        ),
        summary=(
            "Ce projet de stage décrit le profil des candidates et candidats admis au "
            "programme de formation initiale de 2015 à 2021. La part des personnes issues "
            "de minorités visibles progresse, mais reste inférieure à leur poids dans la "
            "population des grandes villes. Les abandons se concentrent lors des épreuves "
            "physiques. Le stage propose des pistes pour un suivi annuel."
        ),
        key_findings=(
            "Les minorités visibles représentent 9 % des cohortes admises en 2021.",
            "Les femmes forment désormais près de la moitié des cohortes.",
            "Les taux d'abandon diffèrent selon la région de provenance.",
        ),
        recommendations=(
            "Publier un tableau de bord annuel de la diversité des cohortes.",
            "Offrir une préparation physique gratuite avant les épreuves.",
        ),
        body=(
            ("Source", "Données administratives anonymisées des dossiers d'admission."),
            ("Encadrement", "Stage de maîtrise réalisé à l'École nationale de police."),
        ),
        annex=(
            Section(
                "Variables",
                "Genre, groupe d'âge, région, statut de minorité visible déclaré et "
                "cégep d'origine ont été codifiés pour chaque cohorte.",
            ),
            Section(
                "Remerciements",
                "L'auteure remercie le comité de supervision et les registraires des "
                "cégeps pour leur collaboration.",
            ),
        ),
        files=("docx",),
    ),
    DemoItem(
        slug="cameras-corporelles-projet-pilote-2019",
        title="Projet pilote de caméras corporelles : évaluation",
        language="fr",
        organisation="spvm",
        partners=("msp",),
        published="2019-01-28",
        research_type="program-evaluation",
        design="quasi-experimental",
        evidence="sms-3",
        approaches=("evidence-based",),
        themes=("transparency", "community-trust"),
        tags=("caméras corporelles", "plaintes", "transparence", "projet pilote"),
        region="Montréal",
        authors=(("Nicolas Fréchette", SPVM_RECHERCHE), ("Marie-Ève Lajoie", UDEM_CRIM)),
        summary=(
            "Le projet pilote a équipé des patrouilleurs de caméras corporelles dans quatre "
            "postes de quartier pendant un an. Les plaintes contre les policiers n'ont pas "
            "diminué de façon significative par rapport aux postes témoins. Les "
            "enregistrements ont toutefois facilité le traitement des plaintes et la "
            "préparation des dossiers judiciaires. Les coûts de stockage dépassent les "
            "prévisions."
        ),
        key_findings=(
            "Aucune baisse significative des plaintes par rapport aux postes témoins.",
            "Le temps de traitement d'une plainte recule de trois semaines en moyenne.",
            "Le coût annuel de stockage est trois fois plus élevé que prévu.",
        ),
        recommendations=(
            "Ne pas généraliser le déploiement sans cadre budgétaire pour le stockage.",
            "Encadrer l'activation de la caméra par une directive claire.",
        ),
        body=(
            ("Contexte", "Le projet répond à une demande de transparence de la population."),
            ("Devis", "Quatre postes équipés comparés à quatre postes témoins semblables."),
        ),
        annex=(
            Section(
                "Gestion de la preuve numérique",
                "Chaque séquence est versée dans un entrepôt chiffré et conservée "
                "selon un calendrier de rétention de deux ans.",
                "Montrer le schéma du flux de versement.",
            ),
            Section(
                "Sondage des patrouilleurs",
                "Les patrouilleurs jugent le harnais inconfortable en hiver et "
                "signalent des oublis d'activation lors des poursuites à pied.",
            ),
        ),
        files=("pdf", "pptx"),
        related=("interpellations-profilage-montreal-2019",),
    ),
    DemoItem(
        slug="points-chauds-patrouille-quebec-2024",
        title="Patrouille ciblée dans les points chauds : essai randomisé à Québec",
        language="fr",
        organisation="spvq",
        partners=("enpq",),
        published="2024-05-02",
        research_type="research-report",
        design="randomised-trial",
        evidence="sms-5",
        approaches=("evidence-based", "problem-oriented"),
        themes=("neighbourhoods",),
        tags=("points chauds", "patrouille", "essai randomisé", "dissuasion"),
        region="Ville de Québec",
        authors=(("Émilie Bergeron", SPVQ_ANALYSE), ("Thomas Harvey-Lemieux", ENPQ_RECHERCHE)),
        summary=(
            "Quarante segments de rue parmi les plus touchés par la criminalité ont été "
            "répartis au hasard entre une patrouille ciblée de quinze minutes et la "
            "patrouille habituelle. Les appels pour désordre et les crimes contre la "
            "propriété ont diminué dans les segments ciblés. Aucun déplacement vers les "
            "rues voisines n'a été observé. Le dispositif exige peu de ressources "
            "supplémentaires."
        ),
        key_findings=(
            "Baisse de 17 % des appels pour désordre dans les points chauds ciblés.",
            "Baisse de 11 % des crimes contre la propriété.",
            "Aucun déplacement mesurable vers les zones tampons.",
        ),
        recommendations=(
            "Intégrer des passages de quinze minutes dans les plans de patrouille.",
            "Revoir la carte des points chauds tous les six mois.",
        ),
        body=(
            ("Dispositif", "Passages aléatoires de quinze minutes, trois fois par quart."),
            ("Suivi", "Données GPS des véhicules pour vérifier la dose de patrouille."),
        ),
        annex=(
            Section(
                "Randomisation par blocs",
                "Les segments ont été regroupés en blocs de quatre selon leur volume "
                "d'appels, puis tirés au sort à l'aide d'un générateur documenté.",
                "Préciser que la graine du tirage est archivée.",
            ),
            Section(
                "Fidélité de mise en œuvre",
                "Les balises GPS montrent que 78 % des passages prévus ont été "
                "effectués; les tempêtes de neige expliquent la plupart des manques.",
            ),
        ),
        files=("pdf", "docx", "pptx"),
        contact_name="Émilie Bergeron",
        contact_email="e.bergeron@spvq.example.ca",
        doi="10.5555/passerelle.spvq.2024.002",
    ),
    DemoItem(
        slug="prevention-situationnelle-stationnements-2018",
        title="Prévention situationnelle des vols dans les stationnements incitatifs",
        language="fr",
        organisation="spvm",
        published="2018-08-20",
        research_type="analysis",
        design="before-after",
        evidence="sms-2",
        approaches=("problem-oriented",),
        themes=("neighbourhoods",),
        tags=("prévention situationnelle", "vols de véhicules", "éclairage", "SARA"),
        region="Montréal",
        authors=(("Alexandre Côté-Morin", SPVM_RECHERCHE),),
        summary=(
            "Cette analyse applique la démarche SARA aux vols dans trois stationnements "
            "incitatifs de l'est de Montréal. L'éclairage insuffisant et l'absence de "
            "surveillance naturelle expliquent la concentration des vols. Après "
            "l'amélioration de l'éclairage et l'installation de barrières, les vols ont "
            "diminué de moitié. Une partie de la baisse pourrait tenir à la tendance "
            "générale."
        ),
        key_findings=(
            "Les vols se concentrent entre 20 h et minuit en semaine.",
            "Les vols ont baissé de 48 % dans l'année suivant les aménagements.",
        ),
        recommendations=(
            "Intégrer des critères de prévention situationnelle dans la conception des "
            "nouveaux stationnements.",
        ),
        body=(
            (
                "Démarche SARA",
                "Analyse, réponse et appréciation menées avec la société de transport.",
            ),
            ("Réponse", "Éclairage à DEL, barrières à l'entrée et affichage dissuasif."),
        ),
        annex=(
            Section(
                "Audit de sécurité",
                "L'audit de nuit a relevé des zones d'ombre, des haies opaques et une "
                "guérite inoccupée après 19 h.",
            ),
            Section(
                "Séries chronologiques",
                "Les vols mensuels ont été lissés par moyenne mobile sur trois mois "
                "pour neutraliser la saisonnalité.",
            ),
        ),
        files=("pdf",),
    ),
    DemoItem(
        slug="rancongiciels-municipalites-2023",
        title="Rançongiciels visant les municipalités québécoises : analyse des incidents",
        language="fr",
        organisation="sq",
        published="2023-11-06",
        research_type="analysis",
        design="crime-analysis",
        evidence="unrated",
        approaches=("intelligence-led",),
        themes=("cybercrime", "fraud"),
        tags=("rançongiciels", "cybersécurité", "municipalités", "hameçonnage"),
        region="Québec (province)",
        authors=(("Vincent Paradis", "Division de la cybercriminalité, Sûreté du Québec"),),
        summary=(
            "L'analyse porte sur 54 incidents de rançongiciels signalés par des "
            "municipalités et organismes publics entre 2019 et 2023. L'hameçonnage ciblé "
            "demeure le principal vecteur d'intrusion. Les petites municipalités, moins "
            "outillées, paient plus souvent la rançon. Les délais de signalement à la "
            "police nuisent aux enquêtes."
        ),
        key_findings=(
            "Deux incidents sur trois commencent par un courriel d'hameçonnage ciblé.",
            "Le délai médian de signalement à la police est de neuf jours.",
            "Les sauvegardes hors ligne réduisent fortement la durée d'interruption.",
        ),
        recommendations=(
            "Signaler tout incident dans les 24 heures au service de police compétent.",
            "Tester les sauvegardes hors ligne deux fois par année.",
        ),
        body=(
            ("Diffusion", "Réservé à la communauté policière et aux partenaires publics."),
            ("Sources", "Signalements, dossiers d'enquête et rapports de réponse aux incidents."),
        ),
        annex=(
            Section(
                "Familles de maliciels",
                "Quatre familles de maliciels expliquent la majorité des incidents; "
                "deux pratiquent la double extorsion avec publication des données.",
            ),
            Section(
                "Chronologie type",
                "Accès initial, latence de plusieurs semaines, exfiltration, puis "
                "chiffrement déclenché la nuit ou durant un congé férié.",
            ),
        ),
        files=("pdf", "pptx"),
        access="community",
    ),
    DemoItem(
        slug="plan-strategique-ecouter-comprendre-agir",
        title="Écouter, comprendre, agir : plan stratégique en matière de profilage racial "
        "et social 2018-2021",
        language="fr",
        organisation="spvm",
        published="2018-12-10",
        research_type="strategic-plan",
        design="not-applicable",
        evidence="unrated",
        approaches=("community-policing",),
        themes=("racial-social-profiling", "community-trust", "transparency"),
        tags=("plan stratégique", "profilage social", "reddition de comptes"),
        region="Montréal",
        authors=(("Direction stratégique", "Service de police de la Ville de Montréal"),),
        summary=(
            "Ce plan stratégique fixe les orientations du service en matière de prévention "
            "du profilage racial et social pour 2018 à 2021. Il s'articule autour de quatre "
            "axes et dix actions. Chaque action est assortie d'indicateurs de suivi et "
            "d'une unité responsable. Le plan prévoit une reddition de comptes publique "
            "annuelle."
        ),
        key_findings=(
            "Quatre axes : écouter, comprendre, agir et rendre compte.",
            "Dix actions assorties d'indicateurs et d'échéances.",
        ),
        recommendations=("Présenter un bilan annuel public des actions du plan.",),
        body=(
            (
                "Vision",
                "Offrir un service exempt de discrimination et digne de la "
                "confiance de toutes les communautés.",
            ),
            (
                "Mise en œuvre",
                "Un comité directeur suit l'avancement des actions chaque trimestre.",
            ),
        ),
        annex=(
            Section(
                "Tableau des indicateurs",
                "Chaque action précise sa cible, la source des données, la fréquence "
                "de mesure et l'unité porteuse au sein du service.",
            ),
            Section(
                "Consultation",
                "Le plan s'appuie sur des forums citoyens tenus dans huit "
                "arrondissements et sur les avis d'un comité consultatif.",
            ),
        ),
        files=("pdf",),
    ),
    DemoItem(
        slug="rencontre-2024-indicateurs-confiance",
        title="Mesurer la confiance envers la police : indicateurs et sondages",
        language="fr",
        organisation="msp",
        published="2024-10-17",
        research_type="conference-presentation",
        design="descriptive",
        evidence="sms-1",
        approaches=("evidence-based",),
        themes=("community-trust",),
        tags=("confiance du public", "sondages", "indicateurs", "Rencontre 2024"),
        region="Québec (province)",
        authors=(("Caroline Lemay", MSP_DPOP),),
        summary=(
            "Cette présentation, donnée à la Rencontre sur l'analyse et la recherche en "
            "milieu policier, compare les sondages de confiance menés par six services de "
            "police québécois. Les questions et les échelles varient beaucoup d'un service "
            "à l'autre. Un noyau commun de huit questions permettrait des comparaisons "
            "fiables. La présentation propose ce noyau et un calendrier de collecte."
        ),
        key_findings=(
            "Aucune question n'est posée de façon identique par les six services.",
            "La confiance est plus faible chez les 18-24 ans dans tous les sondages.",
        ),
        recommendations=(
            "Adopter un noyau commun de huit questions dans les sondages municipaux.",
        ),
        body=(("Rencontre 2024", "Atelier consacré à la mesure de la performance policière."),),
        annex=(
            Section(
                "Noyau commun proposé",
                "Les huit questions couvrent l'équité, le respect, l'efficacité, la "
                "disponibilité et la volonté de signaler un crime.",
                "Inviter la salle à réagir à la formulation de la question 3.",
            ),
            Section(
                "Calendrier",
                "Collecte bisannuelle au printemps, échantillon minimal de 800 "
                "répondants par territoire, pondération selon l'âge et le genre.",
                "Mentionner le soutien offert aux petits services.",
            ),
        ),
        files=("pptx",),
    ),
    DemoItem(
        slug="jeunes-gangs-gatineau-2020",
        title="Trajectoires de jeunes vers les gangs de rue en Outaouais",
        language="fr",
        organisation="msp",
        partners=("sq",),
        published="2020-06-23",
        research_type="research-report",
        design="qualitative",
        evidence="unrated",
        approaches=("problem-oriented", "community-policing"),
        themes=("youth", "organised-crime"),
        tags=("gangs de rue", "jeunes", "prévention", "Outaouais"),
        region="Gatineau",
        authors=(
            (
                "Rachid El Amrani",
                "Université du Québec en Outaouais, Département de travail social",
            ),
            ("Stéphanie Drouin", MSP_DPOP),
        ),
        summary=(
            "L'étude retrace le parcours de 24 jeunes de 14 à 21 ans ayant gravité autour "
            "de gangs de rue à Gatineau. Le décrochage scolaire et la recherche de "
            "protection précèdent souvent l'affiliation. Les réseaux sociaux servent de "
            "vitrine à la violence et accélèrent les conflits. Les jeunes décrivent les "
            "intervenants de proximité comme leurs interlocuteurs les plus crédibles."
        ),
        key_findings=(
            "Le décrochage précède l'affiliation dans deux parcours sur trois.",
            "Les conflits en ligne déclenchent des affrontements en quelques heures.",
        ),
        recommendations=(
            "Soutenir les travailleurs de rue dans les quartiers prioritaires.",
            "Associer les écoles aux cellules de prévention de la violence.",
        ),
        body=(
            ("Participants", "Jeunes recrutés par des organismes communautaires de Gatineau."),
            ("Approche", "Récits de vie recueillis en deux entretiens espacés de six mois."),
        ),
        annex=(
            Section(
                "Analyse des récits",
                "Les récits ont été découpés en séquences (entrée, engagement, "
                "distanciation) et comparés à l'aide de matrices thématiques.",
            ),
            Section(
                "Éthique",
                "Les participants mineurs ont donné leur assentiment, avec le "
                "consentement d'un parent ou d'un tuteur.",
            ),
        ),
        files=("pdf", "docx"),
    ),
    DemoItem(
        slug="violence-conjugale-evaluation-risque-2025",
        title="Grille d'évaluation du risque en violence conjugale : effets du déploiement",
        language="fr",
        organisation="sq",
        partners=("msp", "spvq"),
        published="2025-02-18",
        research_type="program-evaluation",
        design="quasi-experimental",
        evidence="sms-4",
        approaches=("evidence-based",),
        themes=("gender-based-violence",),
        tags=("violence conjugale", "évaluation du risque", "homicide conjugal"),
        region="Québec (province)",
        authors=(("Nathalie Pelletier", SQ_RENSEIGNEMENT), ("François Turcotte", LAVAL_CRIM)),
        summary=(
            "L'évaluation compare 22 districts ayant adopté une grille d'évaluation du "
            "risque à des districts qui l'ont adoptée plus tard. L'analyse contrôle le "
            "volume d'événements, la ruralité et les ressources d'aide disponibles. Les "
            "districts utilisateurs orientent davantage les victimes vers les ressources "
            "spécialisées. La récidive grave diminue modestement."
        ),
        key_findings=(
            "Les orientations vers les maisons d'aide augmentent de 29 %.",
            "La récidive avec lésions corporelles recule de 8 % à douze mois.",
            "La grille est remplie dans 71 % des événements admissibles.",
        ),
        recommendations=(
            "Rendre la grille obligatoire dans tous les districts.",
            "Ajouter un rappel automatisé dans le système de rédaction des rapports.",
        ),
        body=(
            ("Devis", "Déploiement échelonné exploité comme expérience naturelle."),
            (
                "Partenaires",
                "Réalisée avec le ministère et le Service de police de la Ville de Québec.",
            ),
        ),
        annex=(
            Section(
                "Modèle de différences de différences",
                "Le modèle inclut des effets fixes de district et de trimestre; les "
                "écarts-types sont regroupés par district.",
            ),
            Section(
                "Test des tendances parallèles",
                "Les tendances des huit trimestres précédant le déploiement ne "
                "diffèrent pas significativement entre les groupes.",
            ),
        ),
        files=("pdf", "pptx"),
        related=("violence-conjugale-recidive-spvq-2021",),
        doi="10.5555/passerelle.sq.2025.001",
    ),
    DemoItem(
        slug="guide-desescalade-personnes-crise-2016",
        title="Guide de pratique : désescalade auprès des personnes en crise",
        language="fr",
        organisation="enpq",
        published="2016-11-02",
        research_type="other",
        design="not-applicable",
        evidence="unrated",
        approaches=("other",),
        themes=("mental-health", "workforce-wellbeing"),
        tags=("désescalade", "crise", "guide de pratique", "formation continue"),
        region="Québec (province)",
        authors=(("Équipe de formation continue", ENPQ_RECHERCHE),),
        summary=(
            "Ce guide de pratique rassemble les principes de désescalade enseignés en "
            "formation continue. Il décrit les étapes d'une intervention auprès d'une "
            "personne en crise, de l'arrivée sur les lieux au transfert vers les services "
            "de santé. Il insiste sur la communication, la gestion de la distance et la "
            "récupération des intervenants après l'événement."
        ),
        key_findings=(
            "Le temps et la distance sont les premiers outils de la désescalade.",
            "Un retour structuré après l'intervention protège la santé des policiers.",
        ),
        recommendations=("Intégrer des scénarios de désescalade à la requalification annuelle.",),
        body=(("Public visé", "Patrouilleurs, superviseurs et formateurs en emploi."),),
        annex=(
            Section(
                "Fiche aide-mémoire",
                "Respirer, se présenter, nommer l'émotion, proposer un choix, "
                "reformuler : cinq gestes à répéter avant toute contrainte physique.",
            ),
            Section(
                "Retour post-intervention",
                "Le superviseur anime un retour de dix minutes centré sur les faits, "
                "les réactions et les besoins de soutien.",
            ),
        ),
        files=("pdf",),
        access="community",
    ),
)

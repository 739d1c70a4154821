"""Demo content of the fictional city of Lindenhafen, written for the Smart-City portal.

Lindenhafen (about 153,000 inhabitants, a river port on the Linde, eight districts) does not
exist. Everything about it here is invented for demonstration: strategy, action fields,
partners, projects, news, events and key figures. Funding programmes are real programme types.
The case studies describe real cities with the figures cited in the underlying Smart-City study
(survey 2020); the text says where each figure comes from.

Plain Python data without Django imports, so that seeding code, tests and tools can read it.
Every text exists in German ("de", written first) and English ("en"). HTML fields use only
<p>, <h2>, <h3>, <ul>, <ol>, <li>, <strong>, <em> and <a href>. Times are relative to the moment
of seeding: "start_months"/"end_months" and KPI "months" in months, "days_ago" and
"days_from_now" in days. Locations are GeoJSON points (longitude, latitude).
"""

from __future__ import annotations

from typing import Any

# The Smart-City strategy (Leitbild): definition, goals, four-step model, steering group.
STRATEGY: dict[str, dict[str, Any]] = {
    "de": {
        "title": "Smart-City-Strategie Lindenhafen",
        "slug": "smart-city-strategie",
        "intro": (
            "Die Strategie legt fest, wofür Lindenhafen digitale Technik einsetzt, wer dafür "
            "verantwortlich ist und woran wir den Erfolg messen. Der Stadtrat hat sie 2024 "
            "beschlossen; sie wird regelmäßig fortgeschrieben."
        ),
        "definition_html": (
            "<h2>Was wir unter Smart City verstehen</h2>"
            "<p>Für Lindenhafen ist eine Smart City eine Stadt, die Informations- und "
            "Kommunikationstechnik gezielt dort einsetzt, wo sie einen wirtschaftlichen, "
            "ökologischen oder sozialen Nutzen bringt. Im Mittelpunkt steht die Daseinsvorsorge: "
            "Energie, Wasser, Abfall, Mobilität und eine bürgernahe Verwaltung.</p>"
            "<p>Technik ist dabei kein Selbstzweck. Jedes Vorhaben muss zeigen, welchen Vorteil es "
            "Ihnen bringt, welche Daten es braucht und wie diese geschützt werden. Unser Leitbild "
            "ist eine lebenswerte, widerstandsfähige und nachhaltige Stadt der kurzen Wege. "
            "Niemand soll zurückbleiben, weil er oder sie digitale Angebote nicht nutzen kann oder "
            "möchte.</p>"
            "<p>Dieses Verständnis haben Verwaltung, städtische Gesellschaften, Wirtschaft, "
            "Hochschule und Stadtgesellschaft gemeinsam erarbeitet. Es ist die Grundlage für alle "
            "weiteren Schritte.</p>"
        ),
        "goals": [
            (
                "Alle Menschen einbeziehen: Angebote sind einfach, barrierefrei und auch ohne "
                "Internet erreichbar."
            ),
            (
                "Ressourcen schonen: Die CO₂-Emissionen der städtischen Infrastruktur sinken bis "
                "2030 um 40 % gegenüber 2022."
            ),
            (
                "Mobilität verbessern: weniger Parksuchverkehr, verlässliche Echtzeitinformationen "
                "und mehr Wege mit Bus, Bahn, Rad und zu Fuß."
            ),
            (
                "Eine leistungsfähige digitale Infrastruktur in öffentlicher Hand aufbauen: "
                "Glasfaser, öffentliches WLAN und ein stadtweites Funknetz für Sensoren."
            ),
            (
                "Die Verwaltung digitalisieren: Die wichtigsten Anliegen lassen sich vollständig "
                "online erledigen, ohne Medienbrüche."
            ),
            (
                "Daten verantwortungsvoll nutzen: offene Daten veröffentlichen, personenbezogene "
                "Daten vermeiden und Daten in kommunaler Hand halten."
            ),
            (
                "Digitale Kompetenzen stärken – in Schulen, in der Verwaltung und bei älteren "
                "Menschen."
            ),
        ],
        "steps": [
            {
                "title": "Zusammenarbeit und Kompetenzen aufbauen",
                "text": (
                    "Verwaltung, städtische Gesellschaften, Wirtschaft, Hochschule und "
                    "Bürgerschaft arbeiten von Anfang an zusammen. Eine ämterübergreifende "
                    "Lenkungsgruppe steuert die Vorhaben. Workshops und eine Online-Plattform "
                    "ermöglichen Beteiligung, und die Beschäftigten der Verwaltung werden gezielt "
                    "weitergebildet."
                ),
            },
            {
                "title": "Bedarfe ermitteln und Schwerpunkte setzen",
                "text": (
                    "Wir ermitteln, wo der Bedarf am größten ist, und ordnen die Vorhaben zwölf "
                    "Handlungsfeldern zu. Priorisiert wird nach drei Kriterien: Bedeutung für die "
                    "Bürgerinnen und Bürger, Nutzen für die Verwaltung und vorhandene "
                    "Infrastruktur wie Glasfaser. Wir beginnen mit Leitprojekten, deren Nutzen "
                    "schnell sichtbar wird."
                ),
            },
            {
                "title": "Digitale, Daten- und Serviceinfrastruktur schaffen",
                "text": (
                    "Eine gemeinsame urbane Datenplattform bündelt Sensordaten, Fachverfahren und "
                    "Online-Dienste. Sie nutzt offene Standards, lässt sich später erweitern und "
                    "wird im kommunalen Rechenzentrum in Lindenhafen betrieben."
                ),
            },
            {
                "title": "Umsetzen, messen und nachsteuern",
                "text": (
                    "Projekte werden ausgeschrieben, wo sinnvoll als Innovationspartnerschaft, und "
                    "von Projektteams umgesetzt. Kennzahlen zeigen, ob die Ziele erreicht werden; "
                    "die Lenkungsgruppe gleicht Fortschritt und Ziele regelmäßig ab. Sie können "
                    "sich auch während der Umsetzung beteiligen, und wir teilen unsere Erfahrungen "
                    "mit Nachbarkommunen."
                ),
            },
        ],
        "steering_group_html": (
            "<p>Die <strong>Lenkungsgruppe Smart City</strong> steuert die Umsetzung der "
            "Strategie. Den Vorsitz führt die Oberbürgermeisterin; die Geschäftsführung liegt bei "
            "der Stabsstelle Smart City.</p>"
            "<h3>Mitglieder</h3>"
            "<ul>"
            "<li>Stabsstelle Smart City und Amt für Digitalisierung und IT</li>"
            "<li>Tiefbauamt, Stadtplanungsamt, Umweltamt, Grünflächenamt und Ordnungsamt</li>"
            "<li>Stadtwerke, Abfallwirtschaftsbetrieb, Verkehrsbetriebe und Stadtentwässerung</li>"
            "<li>die oder der Datenschutzbeauftragte und die oder der "
            "Informationssicherheitsbeauftragte (beratend)</li></ul>"
            "<p>Die Lenkungsgruppe tagt vierteljährlich. Sie entscheidet über Prioritäten, Budgets "
            "und neue Projekte und bündelt Planung, Überwachung und Koordinierung an einer Stelle. "
            "Ein Beirat aus Hochschule, Wirtschaft, Vereinen und zufällig ausgewählten "
            "Einwohnerinnen und Einwohnern berät sie. Die Ergebnisse jeder Sitzung veröffentlichen "
            "wir auf diesem Portal.</p>"
        ),
        "timeline": [
            {
                "year": 2022,
                "text": (
                    "Der Stadtrat beschließt, eine Smart-City-Strategie zu erarbeiten. Die "
                    "Stabsstelle Smart City nimmt ihre Arbeit auf."
                ),
            },
            {
                "year": 2023,
                "text": (
                    "Bedarfsanalyse mit Online-Umfrage, drei Zukunftswerkstätten und Gesprächen "
                    "mit städtischen Gesellschaften, Unternehmen und Vereinen."
                ),
            },
            {
                "year": 2024,
                "text": (
                    "Der Stadtrat beschließt die Strategie mit zwölf Handlungsfeldern. Die ersten "
                    "Leitprojekte starten."
                ),
            },
            {
                "year": 2025,
                "text": (
                    "Das LoRaWAN-Funknetz, die urbane Datenplattform und das Open-Data-Portal "
                    "gehen in Betrieb."
                ),
            },
            {
                "year": 2027,
                "text": (
                    "Zwischenbilanz und Fortschreibung der Strategie mit erneuter "
                    "Bürgerbeteiligung."
                ),
            },
            {
                "year": 2030,
                "text": (
                    "Zieljahr: Wir werten die Kennzahlen aller Handlungsfelder abschließend aus "
                    "und legen die nächste Strategie vor."
                ),
            },
        ],
    },
    "en": {
        "title": "Lindenhafen Smart-City Strategy",
        "slug": "smart-city-strategy",
        "intro": (
            "The strategy sets out what Lindenhafen uses digital technology for, who is "
            "responsible and how we measure success. The city council adopted it in 2024; it is "
            "updated regularly."
        ),
        "definition_html": (
            "<h2>What we mean by Smart City</h2>"
            "<p>For Lindenhafen, a smart city is a city that uses information and communication "
            "technology wherever it brings an economic, ecological or social benefit. The focus is "
            "on public services: energy, water, waste, mobility and an administration that is "
            "close to the people it serves.</p>"
            "<p>Technology is not an end in itself. Every project has to show what it does for "
            "you, which data it needs and how that data is protected. Our guiding vision is a "
            "liveable, resilient and sustainable city of short distances. Nobody should be left "
            "behind because they cannot or do not want to use digital services.</p>"
            "<p>The administration, the municipal companies, businesses, the university and civil "
            "society developed this understanding together. It is the basis for every further "
            "step.</p>"
        ),
        "goals": [
            (
                "Include everyone: services are simple, accessible and also available without the "
                "internet."
            ),
            (
                "Save resources: by 2030, CO₂ emissions from municipal infrastructure fall by 40 % "
                "compared with 2022."
            ),
            (
                "Improve mobility: less traffic searching for parking, reliable real-time "
                "information and more journeys by bus, tram, bike and on foot."
            ),
            (
                "Build a powerful digital infrastructure in public hands: fibre, public WiFi and a "
                "city-wide radio network for sensors."
            ),
            (
                "Digitalise the administration: the most important matters can be handled fully "
                "online, without switching between paper and digital."
            ),
            (
                "Use data responsibly: publish open data, avoid personal data and keep data under "
                "municipal control."
            ),
            "Strengthen digital skills – in schools, in the administration and among older people.",
        ],
        "steps": [
            {
                "title": "Build cooperation and skills",
                "text": (
                    "The administration, municipal companies, businesses, the university and "
                    "citizens work together from the start. A steering group spanning all "
                    "departments manages the projects. Workshops and an online platform make "
                    "participation possible, and administrative staff receive targeted training."
                ),
            },
            {
                "title": "Identify needs and set priorities",
                "text": (
                    "We find out where the need is greatest and assign projects to twelve action "
                    "fields. Three criteria set the priorities: importance to citizens, benefit to "
                    "the administration and existing infrastructure such as fibre. We start with "
                    "lead projects whose benefits become visible quickly."
                ),
            },
            {
                "title": "Create a digital, data and service infrastructure",
                "text": (
                    "A shared urban data platform brings together sensor data, specialist "
                    "applications and online services. It uses open standards, can be extended "
                    "later and runs in the municipal data centre in Lindenhafen."
                ),
            },
            {
                "title": "Implement, measure and adjust",
                "text": (
                    "Projects are put out to tender, as innovation partnerships where this makes "
                    "sense, and carried out by project teams. Key figures show whether goals are "
                    "being met; the steering group regularly compares progress with the goals. You "
                    "can take part during implementation too, and we share our experience with "
                    "neighbouring municipalities."
                ),
            },
        ],
        "steering_group_html": (
            "<p>The <strong>Smart City steering group</strong> manages the implementation of the "
            "strategy. It is chaired by the Lord Mayor; the Smart City Unit runs its office.</p>"
            "<h3>Members</h3>"
            "<ul>"
            "<li>the Smart City Unit and the Digitalisation and IT Office</li>"
            "<li>the Civil Engineering, Urban Planning, Environment, Parks and Green Spaces, and "
            "Public Order offices</li>"
            "<li>the public utilities, the waste management company, public transport and drainage "
            "services</li>"
            "<li>the data protection officer and the information security officer "
            "(advisory)</li></ul>"
            "<p>The steering group meets quarterly. It decides on priorities, budgets and new "
            "projects and brings planning, monitoring and coordination together in one place. An "
            "advisory board of the university, businesses, associations and randomly selected "
            "residents advises it. We publish the results of every meeting on this portal.</p>"
        ),
        "timeline": [
            {
                "year": 2022,
                "text": (
                    "The city council decides to develop a smart-city strategy. The Smart City "
                    "Unit starts work."
                ),
            },
            {
                "year": 2023,
                "text": (
                    "Needs analysis with an online survey, three future workshops and talks with "
                    "municipal companies, businesses and associations."
                ),
            },
            {
                "year": 2024,
                "text": (
                    "The city council adopts the strategy with twelve action fields. The first "
                    "lead projects start."
                ),
            },
            {
                "year": 2025,
                "text": (
                    "The LoRaWAN radio network, the urban data platform and the open-data portal "
                    "go live."
                ),
            },
            {
                "year": 2027,
                "text": (
                    "Interim review and update of the strategy, again with citizen participation."
                ),
            },
            {
                "year": 2030,
                "text": (
                    "Target year: we carry out a final evaluation of the key figures of all action "
                    "fields and present the next strategy."
                ),
            },
        ],
    },
}

# Twelve action fields (Handlungsfelder); rank 1 is the highest priority.
ACTION_FIELDS: list[dict[str, Any]] = [
    {
        "key": "mobility",
        "rank": 1,
        "de": {
            "title": "Mobilität",
            "slug": "mobilitaet",
            "intro": (
                "Weniger Parksuchverkehr, verlässliche Informationen in Echtzeit und gute "
                "Alternativen zum eigenen Auto: In diesem Handlungsfeld verknüpfen wir Bus, "
                "Straßenbahn, Rad, Sharing-Angebote und Parken."
            ),
            "goals": [
                "Den Parksuchverkehr in der Altstadt deutlich verringern",
                "Mehr Wege mit Bus, Straßenbahn, Rad und zu Fuß zurücklegen",
                "Mobilität für alle sichern – unabhängig von Alter, Wohnort und Einkommen",
                "Öffentliche Ladepunkte für Elektrofahrzeuge bedarfsgerecht ausbauen",
            ],
            "measures": [
                "Parkleitsystem mit Sensoren und Anzeigetafeln in der Altstadt",
                "Verkehrszählung an Hauptstraßen als Grundlage für die Verkehrsplanung",
                "Abfahrten und Störungen von Bus und Straßenbahn in Echtzeit als offene Daten",
                "Mobilstationen an Haltestellen mit Carsharing, Leihrädern und Ladepunkten",
                "Ladepunkte vorrangig in Wohnquartieren ohne private Stellplätze",
            ],
            "opportunities": [
                "Weniger Lärm und Abgase durch kürzere Suchfahrten",
                "Bessere Planungsgrundlagen für Straßenraum und Radwege",
                "Neue Dienste von Dritten auf Grundlage offener Verkehrsdaten",
            ],
            "risks": [
                "Missbrauch von Bewegungsdaten, wenn Daten nicht konsequent anonymisiert werden",
                "Geringe Akzeptanz, wenn Menschen sich überwacht fühlen",
                "Unübersichtliches Angebot privater Sharing-Anbieter",
            ],
            "kpis": [
                {
                    "name": "Durchschnittliche Parksuchzeit in der Altstadt",
                    "unit": "Minuten",
                    "baseline": 9.0,
                    "target": 5.0,
                    "target_year": 2028,
                },
                {
                    "name": "Anteil von Bus, Bahn, Rad und Fußverkehr an allen Wegen",
                    "unit": "%",
                    "baseline": 48.0,
                    "target": 60.0,
                    "target_year": 2030,
                },
                {
                    "name": "Öffentliche Ladepunkte",
                    "unit": "Anzahl",
                    "baseline": 86.0,
                    "target": 300.0,
                    "target_year": 2030,
                },
            ],
        },
        "en": {
            "title": "Mobility",
            "slug": "mobility",
            "intro": (
                "Less traffic searching for parking, reliable real-time information and good "
                "alternatives to the private car: in this action field we link buses, trams, "
                "cycling, sharing services and parking."
            ),
            "goals": [
                "Significantly reduce traffic searching for parking in the old town",
                "Make more journeys by bus, tram, bike and on foot",
                "Ensure mobility for everyone – regardless of age, place of residence and income",
                "Expand public charging points for electric vehicles in line with demand",
            ],
            "measures": [
                "Parking guidance system with sensors and display boards in the old town",
                "Traffic counts on main roads as a basis for transport planning",
                "Real-time bus and tram departures and disruptions as open data",
                "Mobility hubs at stops with car sharing, rental bikes and charging points",
                "Charging points mainly in residential areas without private parking",
            ],
            "opportunities": [
                "Less noise and fewer emissions thanks to shorter searches for parking",
                "Better planning data for street space and cycle paths",
                "New services from third parties based on open traffic data",
            ],
            "risks": [
                "Misuse of movement data if data is not consistently anonymised",
                "Low acceptance if people feel watched",
                "A confusing range of private sharing providers",
            ],
            "kpis": [
                {
                    "name": "Average time spent searching for parking in the old town",
                    "unit": "minutes",
                    "baseline": 9.0,
                    "target": 5.0,
                    "target_year": 2028,
                },
                {
                    "name": "Share of all journeys by bus, tram, bike and on foot",
                    "unit": "%",
                    "baseline": 48.0,
                    "target": 60.0,
                    "target_year": 2030,
                },
                {
                    "name": "Public charging points",
                    "unit": "number",
                    "baseline": 86.0,
                    "target": 300.0,
                    "target_year": 2030,
                },
            ],
        },
    },
    {
        "key": "governance",
        "rank": 2,
        "de": {
            "title": "Verwaltung und Beteiligung",
            "slug": "verwaltung-und-beteiligung",
            "intro": (
                "Sie sollen Ihre Anliegen bei der Stadt einfach und auch online erledigen und bei "
                "wichtigen Vorhaben mitreden können. Die persönliche Beratung im Bürgerbüro bleibt "
                "erhalten."
            ),
            "goals": [
                "Die 50 meistgenutzten Verwaltungsleistungen vollständig online anbieten",
                "Vorgänge ohne Medienbrüche abwickeln – vom Antrag bis zur Bezahlung",
                (
                    "Beteiligung digital und vor Ort ermöglichen und ihre Ergebnisse "
                    "nachvollziehbar machen"
                ),
                "Daten der Verwaltung als offene Daten bereitstellen",
            ],
            "measures": [
                "Online-Dienste mit Servicekonto, Terminvergabe und elektronischer Bezahlung",
                "Mängelmelder für Schäden im öffentlichen Raum",
                "Open-Data-Portal mit maschinenlesbaren Daten und Programmierschnittstelle",
                "Beteiligungsplattform für Umfragen, Ideensammlungen und Stellungnahmen",
                (
                    "Persönliche Hilfe bei Online-Anträgen im Bürgerbüro und in den "
                    "Stadtteilbibliotheken"
                ),
            ],
            "opportunities": [
                "Kürzere Bearbeitungszeiten und weniger Wege ins Rathaus",
                "Mehr Transparenz über Entscheidungen und Bauvorhaben",
                "Höhere Akzeptanz durch frühzeitige Beteiligung",
            ],
            "risks": [
                "Menschen ohne Internetzugang oder Erfahrung werden ausgeschlossen",
                "Der persönliche Kontakt zur Verwaltung geht verloren",
                "Offene Fragen bei Datensicherheit und Datenhoheit",
            ],
            "kpis": [
                {
                    "name": "Vollständig online verfügbare Verwaltungsleistungen",
                    "unit": "Anzahl",
                    "baseline": 12.0,
                    "target": 50.0,
                    "target_year": 2028,
                },
                {
                    "name": "Veröffentlichte offene Datensätze",
                    "unit": "Anzahl",
                    "baseline": 18.0,
                    "target": 120.0,
                    "target_year": 2028,
                },
            ],
        },
        "en": {
            "title": "Administration and participation",
            "slug": "administration-and-participation",
            "intro": (
                "You should be able to deal with the city easily, including online, and to have "
                "your say on important projects. Personal advice at the citizens' office remains "
                "available."
            ),
            "goals": [
                "Offer the 50 most used administrative services fully online",
                "Handle procedures without switching media – from application to payment",
                "Enable participation online and in person and make its results traceable",
                "Provide administrative data as open data",
            ],
            "measures": [
                "Online services with a user account, appointment booking and electronic payment",
                "Defect reporter for damage in public space",
                "Open-data portal with machine-readable data and a programming interface",
                "Participation platform for surveys, idea collections and comments",
                (
                    "Personal help with online applications at the citizens' office and in "
                    "district libraries"
                ),
            ],
            "opportunities": [
                "Shorter processing times and fewer trips to the town hall",
                "More transparency about decisions and construction projects",
                "Greater acceptance through early participation",
            ],
            "risks": [
                "People without internet access or experience are excluded",
                "Personal contact with the administration is lost",
                "Open questions about data security and data sovereignty",
            ],
            "kpis": [
                {
                    "name": "Administrative services available fully online",
                    "unit": "number",
                    "baseline": 12.0,
                    "target": 50.0,
                    "target_year": 2028,
                },
                {
                    "name": "Published open datasets",
                    "unit": "number",
                    "baseline": 18.0,
                    "target": 120.0,
                    "target_year": 2028,
                },
            ],
        },
    },
    {
        "key": "energy",
        "rank": 3,
        "de": {
            "title": "Energie",
            "slug": "energie",
            "intro": (
                "Stadt und Stadtwerke wollen Energie sparen, mehr erneuerbare Energie vor Ort "
                "erzeugen und Erzeugung, Speicher und Verbrauch besser aufeinander abstimmen."
            ),
            "goals": [
                "Den Stromverbrauch der Straßenbeleuchtung mehr als halbieren",
                "Mehr Photovoltaik auf städtischen Dächern und in Wohnquartieren",
                "Erzeugung, Speicher und Verbrauch in einem intelligenten Netz verbinden",
                "Den Energieverbrauch städtischer Gebäude transparent machen",
            ],
            "measures": [
                "Umrüstung der Straßenbeleuchtung auf LED mit bedarfsgerechter Steuerung",
                "Fernauslesbare Zähler in städtischen Gebäuden und im Fernwärmenetz",
                "Photovoltaik auf Schulen, Sporthallen und Verwaltungsgebäuden",
                "Bündelung kleiner Erzeugungsanlagen in einem virtuellen Kraftwerk der Stadtwerke",
            ],
            "opportunities": [
                "Geringere Energiekosten für Stadt und Haushalte",
                "Wertschöpfung und Arbeitsplätze bleiben in der Region",
                "Ein wichtiger Beitrag zur Klimaneutralität",
            ],
            "risks": [
                "Hohe Anfangsinvestitionen, die sich erst nach Jahren rechnen",
                "Rebound-Effekte: Einsparungen werden durch Mehrverbrauch aufgezehrt",
                (
                    "Vernetzte Energieanlagen sind kritische Infrastruktur und müssen besonders "
                    "geschützt werden"
                ),
            ],
            "kpis": [
                {
                    "name": "Stromverbrauch der Straßenbeleuchtung",
                    "unit": "MWh pro Jahr",
                    "baseline": 5200.0,
                    "target": 2300.0,
                    "target_year": 2028,
                },
                {
                    "name": "Photovoltaik-Leistung auf städtischen Dächern",
                    "unit": "kWp",
                    "baseline": 1400.0,
                    "target": 6000.0,
                    "target_year": 2030,
                },
            ],
        },
        "en": {
            "title": "Energy",
            "slug": "energy",
            "intro": (
                "The city and the public utilities want to save energy, generate more renewable "
                "energy locally and better match generation, storage and consumption."
            ),
            "goals": [
                "Cut the electricity used by street lighting by more than half",
                "More solar power on municipal roofs and in residential areas",
                "Connect generation, storage and consumption in a smart grid",
                "Make the energy consumption of municipal buildings transparent",
            ],
            "measures": [
                "Conversion of street lighting to LED with demand-based control",
                "Remotely read meters in municipal buildings and in the district heating network",
                "Solar panels on schools, sports halls and administrative buildings",
                (
                    "Pooling small generating plants in a virtual power plant run by the public "
                    "utilities"
                ),
            ],
            "opportunities": [
                "Lower energy costs for the city and for households",
                "Value creation and jobs stay in the region",
                "An important contribution to climate neutrality",
            ],
            "risks": [
                "High initial investment that pays off only after years",
                "Rebound effects: savings are eaten up by higher consumption",
                "Networked energy plants are critical infrastructure and need special protection",
            ],
            "kpis": [
                {
                    "name": "Electricity used by street lighting",
                    "unit": "MWh per year",
                    "baseline": 5200.0,
                    "target": 2300.0,
                    "target_year": 2028,
                },
                {
                    "name": "Solar capacity on municipal roofs",
                    "unit": "kWp",
                    "baseline": 1400.0,
                    "target": 6000.0,
                    "target_year": 2030,
                },
            ],
        },
    },
    {
        "key": "digital-infrastructure",
        "rank": 4,
        "de": {
            "title": "Digitale Infrastruktur",
            "slug": "digitale-infrastruktur",
            "intro": (
                "Glasfaser, öffentliches WLAN und ein Funknetz für Sensoren sind die Grundlage "
                "fast aller Smart-City-Anwendungen. Wir bauen diese Infrastruktur schrittweise und "
                "in öffentlicher Hand aus."
            ),
            "goals": [
                "Glasfaseranschlüsse für alle Haushalte, Schulen und Gewerbegebiete",
                "Kostenloses WLAN auf zentralen Plätzen, in Parks und in städtischen Gebäuden",
                (
                    "Ein stadtweites LoRaWAN-Funknetz, das alle städtischen Gesellschaften nutzen "
                    "können"
                ),
                "Eine gemeinsame urbane Datenplattform statt vieler Insellösungen",
            ],
            "measures": [
                "LoRaWAN-Gateways auf städtischen Gebäuden",
                "Öffentliches WLAN an 30 Standorten",
                "Urbane Datenplattform mit offenen Schnittstellen im kommunalen Rechenzentrum",
                "Leerrohre für Glasfaser bei allen Tiefbaumaßnahmen mitverlegen",
            ],
            "opportunities": [
                "Ein Netz für viele Anwendungen senkt die Kosten je Sensor",
                "Ein attraktiver Standort für Unternehmen und Start-ups",
                "Daten bleiben in der Region und unter kommunaler Kontrolle",
            ],
            "risks": [
                "Cyberangriffe auf vernetzte Infrastruktur",
                "Abhängigkeit von einzelnen Herstellern und nicht kompatible Schnittstellen",
                "Laufende Betriebskosten ohne direkte Einnahmen",
            ],
            "kpis": [
                {
                    "name": "Haushalte mit Glasfaseranschluss",
                    "unit": "%",
                    "baseline": 38.0,
                    "target": 95.0,
                    "target_year": 2030,
                },
                {
                    "name": "Stadtfläche mit LoRaWAN-Abdeckung",
                    "unit": "%",
                    "baseline": 0.0,
                    "target": 98.0,
                    "target_year": 2027,
                },
                {
                    "name": "Öffentliche WLAN-Standorte",
                    "unit": "Anzahl",
                    "baseline": 6.0,
                    "target": 30.0,
                    "target_year": 2027,
                },
            ],
        },
        "en": {
            "title": "Digital infrastructure",
            "slug": "digital-infrastructure",
            "intro": (
                "Fibre, public WiFi and a radio network for sensors are the basis of almost every "
                "smart-city application. We are expanding this infrastructure step by step and "
                "keeping it in public hands."
            ),
            "goals": [
                "Fibre connections for all households, schools and business parks",
                "Free WiFi in central squares, parks and municipal buildings",
                "A city-wide LoRaWAN radio network that all municipal companies can use",
                "One shared urban data platform instead of many isolated solutions",
            ],
            "measures": [
                "LoRaWAN gateways on municipal buildings",
                "Public WiFi at 30 locations",
                "Urban data platform with open interfaces in the municipal data centre",
                "Laying empty ducts for fibre during all civil engineering works",
            ],
            "opportunities": [
                "One network for many applications lowers the cost per sensor",
                "An attractive location for businesses and start-ups",
                "Data stays in the region and under municipal control",
            ],
            "risks": [
                "Cyberattacks on networked infrastructure",
                "Dependence on individual manufacturers and incompatible interfaces",
                "Running costs without direct income",
            ],
            "kpis": [
                {
                    "name": "Households with a fibre connection",
                    "unit": "%",
                    "baseline": 38.0,
                    "target": 95.0,
                    "target_year": 2030,
                },
                {
                    "name": "City area covered by LoRaWAN",
                    "unit": "%",
                    "baseline": 0.0,
                    "target": 98.0,
                    "target_year": 2027,
                },
                {
                    "name": "Public WiFi locations",
                    "unit": "number",
                    "baseline": 6.0,
                    "target": 30.0,
                    "target_year": 2027,
                },
            ],
        },
    },
    {
        "key": "environment",
        "rank": 5,
        "de": {
            "title": "Umwelt und Klima",
            "slug": "umwelt-und-klima",
            "intro": (
                "Saubere Luft, weniger Lärm, mehr Grün und eine Stadt, die mit Hitze und "
                "Starkregen zurechtkommt: Dafür messen wir Umweltdaten und machen sie öffentlich "
                "zugänglich."
            ),
            "goals": [
                "Die Luftqualität in allen Stadtteilen messen und verständlich veröffentlichen",
                "Grenzwerte für Stickstoffdioxid und Feinstaub dauerhaft einhalten",
                "Die Stadt an Hitze und Trockenheit anpassen",
                "Stadtbäume gezielt und wassersparend bewässern",
            ],
            "measures": [
                "Messnetz mit Sensoren für Luftqualität, Lärmpegel und Temperatur",
                "Bodenfeuchtesensoren an Jungbäumen, damit nur bei Bedarf gegossen wird",
                "Umweltdaten in Echtzeit auf der Datenplattform und im Open-Data-Portal",
                "Klimaanpassungskonzept mit einer Karte der Hitzeinseln",
            ],
            "opportunities": [
                "Maßnahmen setzen dort an, wo die Belastung am höchsten ist",
                "Weniger Wasserverbrauch bei der Grünpflege",
                "Bürgerinnen und Bürger können sich jederzeit selbst informieren",
            ],
            "risks": [
                "Preiswerte Sensoren messen ungenauer als amtliche Messstationen",
                "Falsch gedeutete Messwerte können verunsichern",
            ],
            "kpis": [
                {
                    "name": "Jahresmittelwert Stickstoffdioxid an der Hafenstraße",
                    "unit": "µg/m³",
                    "baseline": 38.0,
                    "target": 20.0,
                    "target_year": 2030,
                },
                {
                    "name": "Straßenbäume mit Bodenfeuchtesensor",
                    "unit": "Anzahl",
                    "baseline": 0.0,
                    "target": 400.0,
                    "target_year": 2028,
                },
            ],
        },
        "en": {
            "title": "Environment and climate",
            "slug": "environment-and-climate",
            "intro": (
                "Clean air, less noise, more green space and a city that can cope with heat and "
                "heavy rain: to achieve this, we measure environmental data and make it publicly "
                "available."
            ),
            "goals": [
                "Measure air quality in all districts and publish it in an understandable way",
                "Stay below the limits for nitrogen dioxide and particulate matter for good",
                "Adapt the city to heat and drought",
                "Water street trees in a targeted way that saves water",
            ],
            "measures": [
                "Measuring network with sensors for air quality, noise levels and temperature",
                "Soil moisture sensors on young trees so that they are watered only when needed",
                "Real-time environmental data on the data platform and in the open-data portal",
                "Climate adaptation plan with a map of urban heat islands",
            ],
            "opportunities": [
                "Measures start where the burden is highest",
                "Less water used for looking after green spaces",
                "Citizens can find information for themselves at any time",
            ],
            "risks": [
                "Low-cost sensors are less accurate than official monitoring stations",
                "Misread measurements can cause unnecessary worry",
            ],
            "kpis": [
                {
                    "name": "Annual mean nitrogen dioxide on Hafenstraße",
                    "unit": "µg/m³",
                    "baseline": 38.0,
                    "target": 20.0,
                    "target_year": 2030,
                },
                {
                    "name": "Street trees with a soil moisture sensor",
                    "unit": "number",
                    "baseline": 0.0,
                    "target": 400.0,
                    "target_year": 2028,
                },
            ],
        },
    },
    {
        "key": "economy",
        "rank": 6,
        "de": {
            "title": "Wirtschaft und Handel",
            "slug": "wirtschaft-und-handel",
            "intro": (
                "Eine lebendige Innenstadt, ein starker Hafen und gute Bedingungen für "
                "Gründerinnen und Gründer: Digitale Angebote sollen Handel, Handwerk und Logistik "
                "in Lindenhafen stärken."
            ),
            "goals": [
                "Den Einzelhandel in der Altstadt mit digitalen Angeboten stärken",
                "Gründungen und Start-ups rund um Smart City fördern",
                "Den Lieferverkehr in der Innenstadt bündeln",
            ],
            "measures": [
                "Digitales Schaufenster für Geschäfte aus Lindenhafen",
                "Gründungszentrum am Hafen mit Zugang zu offenen Daten und zum Sensornetz",
                (
                    "Konzept für ein Mikro-Depot, von dem aus Pakete mit Lastenrädern zugestellt "
                    "werden"
                ),
                "Online-Gewerbeanmeldung mit elektronischer Bezahlung",
            ],
            "opportunities": [
                "Neue Geschäftsmodelle auf Grundlage offener Daten",
                "Wertschöpfung und Arbeitsplätze in der Region",
                "Weniger Lieferverkehr in engen Straßen",
            ],
            "risks": [
                "Datenschutzprobleme, wenn Passantenströme erfasst werden",
                "Kleine Betriebe haben wenig Zeit und Geld für die Digitalisierung",
            ],
            "kpis": [
                {
                    "name": "Geschäfte im digitalen Schaufenster",
                    "unit": "Anzahl",
                    "baseline": 35.0,
                    "target": 150.0,
                    "target_year": 2028,
                },
                {
                    "name": "Start-ups im Gründungszentrum",
                    "unit": "Anzahl",
                    "baseline": 4.0,
                    "target": 15.0,
                    "target_year": 2028,
                },
            ],
        },
        "en": {
            "title": "Economy and retail",
            "slug": "economy-and-retail",
            "intro": (
                "A lively city centre, a strong port and good conditions for founders: digital "
                "services are meant to strengthen retail, crafts and logistics in Lindenhafen."
            ),
            "goals": [
                "Strengthen retail in the old town with digital services",
                "Support new businesses and start-ups working on smart-city topics",
                "Consolidate delivery traffic in the city centre",
            ],
            "measures": [
                "Digital shop window for Lindenhafen businesses",
                "Start-up centre at the port with access to open data and the sensor network",
                "Plan for a micro-depot from which parcels are delivered by cargo bike",
                "Online business registration with electronic payment",
            ],
            "opportunities": [
                "New business models based on open data",
                "Value creation and jobs in the region",
                "Less delivery traffic in narrow streets",
            ],
            "risks": [
                "Data protection problems when pedestrian flows are recorded",
                "Small businesses have little time and money for digitalisation",
            ],
            "kpis": [
                {
                    "name": "Shops in the digital shop window",
                    "unit": "number",
                    "baseline": 35.0,
                    "target": 150.0,
                    "target_year": 2028,
                },
                {
                    "name": "Start-ups in the start-up centre",
                    "unit": "number",
                    "baseline": 4.0,
                    "target": 15.0,
                    "target_year": 2028,
                },
            ],
        },
    },
    {
        "key": "education-society",
        "rank": 7,
        "de": {
            "title": "Bildung und Stadtgesellschaft",
            "slug": "bildung-und-stadtgesellschaft",
            "intro": (
                "Eine Smart City funktioniert nur, wenn alle mitkommen. Wir fördern digitale "
                "Kompetenzen in Schulen, in der Verwaltung und bei älteren Menschen und schaffen "
                "Orte, an denen Sie die Stadt von morgen mitgestalten können."
            ),
            "goals": [
                "Digitale Kompetenzen in allen Altersgruppen stärken",
                (
                    "Niemanden ausschließen: Angebote sind barrierefrei und auch ohne Internet "
                    "zugänglich"
                ),
                "Orte der Begegnung und Beteiligung in allen Stadtteilen schaffen",
                "Schulen mit zeitgemäßer Technik und digitalen Lerninhalten ausstatten",
            ],
            "measures": [
                "Zukunftswerkstätten und Bürgerforen zu Smart-City-Themen",
                "Ehrenamtliche Netzlotsinnen und Netzlotsen in den Stadtteilbibliotheken",
                "Offene Werkstatt (Makerspace) in der Stadtbibliothek",
                "Fortbildungsprogramm für die Beschäftigten der Verwaltung",
            ],
            "opportunities": [
                "Mehr Vertrauen in digitale Angebote",
                "Ehrenamtliches Engagement und Nachbarschaftshilfe werden sichtbar",
                "Ideen aus der Bürgerschaft machen Projekte besser",
            ],
            "risks": [
                "Menschen fühlen sich überfordert und abgehängt",
                "Unrealistische Erwartungen an Beteiligung führen zu Enttäuschung",
                "Beteiligung erreicht nur einen Teil der Stadtgesellschaft",
            ],
            "kpis": [
                {
                    "name": "Teilnehmende an Beteiligungsformaten pro Jahr",
                    "unit": "Personen",
                    "baseline": 650.0,
                    "target": 2000.0,
                    "target_year": 2028,
                },
                {
                    "name": "Beratungsstunden der Netzlotsen pro Jahr",
                    "unit": "Stunden",
                    "baseline": 300.0,
                    "target": 1200.0,
                    "target_year": 2028,
                },
            ],
        },
        "en": {
            "title": "Education and urban society",
            "slug": "education-and-urban-society",
            "intro": (
                "A smart city only works if everyone can keep up. We promote digital skills in "
                "schools, in the administration and among older people, and we create places where "
                "you can help shape the city of tomorrow."
            ),
            "goals": [
                "Strengthen digital skills in all age groups",
                "Exclude nobody: services are accessible and also available without the internet",
                "Create places to meet and take part in every district",
                "Equip schools with up-to-date technology and digital learning content",
            ],
            "measures": [
                "Future workshops and citizen forums on smart-city topics",
                "Volunteer digital guides in the district libraries",
                "Open workshop (makerspace) in the city library",
                "Training programme for administrative staff",
            ],
            "opportunities": [
                "More trust in digital services",
                "Volunteering and neighbourly help become visible",
                "Ideas from citizens make projects better",
            ],
            "risks": [
                "People feel overwhelmed and left behind",
                "Unrealistic expectations of participation lead to disappointment",
                "Participation reaches only part of urban society",
            ],
            "kpis": [
                {
                    "name": "Participants in participation formats per year",
                    "unit": "people",
                    "baseline": 650.0,
                    "target": 2000.0,
                    "target_year": 2028,
                },
                {
                    "name": "Advice hours given by digital guides per year",
                    "unit": "hours",
                    "baseline": 300.0,
                    "target": 1200.0,
                    "target_year": 2028,
                },
            ],
        },
    },
    {
        "key": "buildings",
        "rank": 8,
        "de": {
            "title": "Gebäude und Quartiere",
            "slug": "gebaeude-und-quartiere",
            "intro": (
                "In Wohnquartieren und städtischen Gebäuden lässt sich viel Energie sparen. Wir "
                "erproben gemeinsam mit den Mieterinnen und Mietern, wie Gebäudetechnik, "
                "Photovoltaik, Speicher und Wärmepumpen zusammenwirken."
            ),
            "goals": [
                "Städtische Gebäude energetisch sanieren und ihren Verbrauch laufend überwachen",
                "Quartiere mit vor Ort erzeugter erneuerbarer Energie versorgen",
                "Bewohnerinnen und Bewohner an der Entwicklung ihres Quartiers beteiligen",
            ],
            "measures": [
                "Energiequartier Hafenviertel mit rund 700 Wohnungen",
                "Gebäudeleittechnik und Fernüberwachung in Schulen und Sporthallen",
                "Mieterstrom-Angebote der Stadtwerke",
                "Digitales 3D-Stadtmodell für Planungsverfahren",
            ],
            "opportunities": [
                "Niedrigere Nebenkosten für Mieterinnen und Mieter",
                "Störungen an Heizungs- und Lüftungsanlagen werden früh erkannt",
                "Planungen werden mit dem 3D-Stadtmodell anschaulicher",
            ],
            "risks": [
                "Verbrauchsdaten einzelner Haushalte sind personenbezogen",
                "Die Investitionen rechnen sich nur langsam",
            ],
            "kpis": [
                {
                    "name": "Eigenverbrauchsquote des Solarstroms im Energiequartier",
                    "unit": "%",
                    "baseline": 25.0,
                    "target": 60.0,
                    "target_year": 2028,
                },
                {
                    "name": "Städtische Gebäude mit Fernüberwachung",
                    "unit": "Anzahl",
                    "baseline": 14.0,
                    "target": 85.0,
                    "target_year": 2029,
                },
            ],
        },
        "en": {
            "title": "Buildings and districts",
            "slug": "buildings-and-districts",
            "intro": (
                "A lot of energy can be saved in residential areas and municipal buildings. "
                "Together with tenants, we are testing how building services, solar panels, "
                "storage and heat pumps work together."
            ),
            "goals": [
                (
                    "Retrofit municipal buildings for energy efficiency and monitor their "
                    "consumption continuously"
                ),
                "Supply neighbourhoods with renewable energy generated on site",
                "Involve residents in the development of their neighbourhood",
            ],
            "measures": [
                "Hafenviertel energy district with around 700 flats",
                "Building management systems and remote monitoring in schools and sports halls",
                "Tenant electricity offers from the public utilities",
                "Digital 3D city model for planning procedures",
            ],
            "opportunities": [
                "Lower service charges for tenants",
                "Faults in heating and ventilation systems are detected early",
                "The 3D city model makes plans easier to understand",
            ],
            "risks": [
                "Consumption data of individual households is personal data",
                "The investment pays off only slowly",
            ],
            "kpis": [
                {
                    "name": "Share of solar power used on site in the energy district",
                    "unit": "%",
                    "baseline": 25.0,
                    "target": 60.0,
                    "target_year": 2028,
                },
                {
                    "name": "Municipal buildings with remote monitoring",
                    "unit": "number",
                    "baseline": 14.0,
                    "target": 85.0,
                    "target_year": 2029,
                },
            ],
        },
    },
    {
        "key": "waste",
        "rank": 9,
        "de": {
            "title": "Abfallwirtschaft",
            "slug": "abfallwirtschaft",
            "intro": (
                "Überquellende Papierkörbe und unnötige Leerungsfahrten sollen seltener werden. "
                "Der Abfallwirtschaftsbetrieb setzt dafür Füllstandssensoren und eine "
                "bedarfsgerechte Tourenplanung ein."
            ),
            "goals": [
                "Öffentliche Abfallbehälter leeren, bevor sie überlaufen",
                "Leerungsfahrten und damit Kraftstoffverbrauch und Emissionen verringern",
                "Wartezeiten an den Wertstoffhöfen verkürzen",
            ],
            "measures": [
                "Füllstandssensoren in Papierkörben und Depotcontainern",
                "Tourenplanung auf Grundlage der gemessenen Füllstände",
                "Aktuelle Wartezeit an den Wertstoffhöfen im Internet",
                "Eigene Kategorie im Mängelmelder für überfüllte Behälter",
            ],
            "opportunities": ["Sauberere Plätze und Haltestellen", "Geringere Betriebskosten"],
            "risks": [
                "Sensoren fallen aus oder werden beschädigt",
                "Die Anbindung an die bestehende Tourenplanung ist aufwendig",
            ],
            "kpis": [
                {
                    "name": "Gefahrene Kilometer für Papierkorbleerungen pro Woche",
                    "unit": "km",
                    "baseline": 1850.0,
                    "target": 1300.0,
                    "target_year": 2027,
                },
                {
                    "name": "Meldungen über überfüllte Papierkörbe pro Monat",
                    "unit": "Anzahl",
                    "baseline": 140.0,
                    "target": 40.0,
                    "target_year": 2027,
                },
            ],
        },
        "en": {
            "title": "Waste management",
            "slug": "waste-management",
            "intro": (
                "Overflowing litter bins and unnecessary collection trips should become rarer. To "
                "achieve this, the waste management company uses fill-level sensors and "
                "demand-based route planning."
            ),
            "goals": [
                "Empty public bins before they overflow",
                "Reduce collection trips and with them fuel consumption and emissions",
                "Shorten waiting times at the recycling centres",
            ],
            "measures": [
                "Fill-level sensors in litter bins and bottle and paper banks",
                "Route planning based on the measured fill levels",
                "Current waiting time at the recycling centres online",
                "A separate defect reporter category for overflowing bins",
            ],
            "opportunities": ["Cleaner squares and stops", "Lower operating costs"],
            "risks": [
                "Sensors fail or are damaged",
                "Connecting to the existing route planning takes a lot of work",
            ],
            "kpis": [
                {
                    "name": "Kilometres driven to empty litter bins per week",
                    "unit": "km",
                    "baseline": 1850.0,
                    "target": 1300.0,
                    "target_year": 2027,
                },
                {
                    "name": "Reports of overflowing litter bins per month",
                    "unit": "number",
                    "baseline": 140.0,
                    "target": 40.0,
                    "target_year": 2027,
                },
            ],
        },
    },
    {
        "key": "water",
        "rank": 10,
        "de": {
            "title": "Wasser",
            "slug": "wasser",
            "intro": (
                "Sauberes Trinkwasser und eine sichere Abwasserentsorgung gehören zu den "
                "Kernaufgaben der Daseinsvorsorge. Sensoren helfen, Schäden früh zu erkennen und "
                "Wasserverluste zu verringern."
            ),
            "goals": [
                "Wasserverluste im Trinkwassernetz senken",
                "Rohrbrüche früh erkennen, bevor großer Schaden entsteht",
                "Die Trinkwasserversorgung auch in trockenen Sommern sichern",
            ],
            "measures": [
                "Druck- und Durchflusssensoren im Trinkwassernetz",
                "Digitale, fernauslesbare Wasserzähler",
                "Grundwassermodell gemeinsam mit dem Wasserverband Lindtal",
                "Füllstandssensoren in Regenüberlaufbecken und Kanälen",
            ],
            "opportunities": [
                "Das Leitungsnetz kann gezielter saniert werden",
                "Weniger Versorgungsunterbrechungen für Haushalte",
            ],
            "risks": [
                (
                    "Das Wassernetz ist kritische Infrastruktur; seine Daten dürfen nicht "
                    "ungeschützt veröffentlicht werden"
                ),
                "Geringe Förderquoten in der Wasserwirtschaft",
                "Verbrauchsdaten einzelner Haushalte sind personenbezogen",
            ],
            "kpis": [
                {
                    "name": "Wasserverluste im Trinkwassernetz",
                    "unit": "%",
                    "baseline": 11.5,
                    "target": 7.0,
                    "target_year": 2030,
                },
                {
                    "name": "Rohrbrüche pro Jahr",
                    "unit": "Anzahl",
                    "baseline": 64.0,
                    "target": 40.0,
                    "target_year": 2030,
                },
            ],
        },
        "en": {
            "title": "Water",
            "slug": "water",
            "intro": (
                "Clean drinking water and safe wastewater disposal are core public services. "
                "Sensors help to detect damage early and to reduce water losses."
            ),
            "goals": [
                "Reduce water losses in the drinking water network",
                "Detect pipe bursts early, before major damage occurs",
                "Secure the drinking water supply even in dry summers",
            ],
            "measures": [
                "Pressure and flow sensors in the drinking water network",
                "Digital, remotely read water meters",
                "Groundwater model developed with the Lindtal water board",
                "Level sensors in stormwater overflow tanks and sewers",
            ],
            "opportunities": [
                "The pipe network can be renewed in a more targeted way",
                "Fewer supply interruptions for households",
            ],
            "risks": [
                (
                    "The water network is critical infrastructure; its data must not be published "
                    "unprotected"
                ),
                "Low funding rates in the water sector",
                "Consumption data of individual households is personal data",
            ],
            "kpis": [
                {
                    "name": "Water losses in the drinking water network",
                    "unit": "%",
                    "baseline": 11.5,
                    "target": 7.0,
                    "target_year": 2030,
                },
                {
                    "name": "Pipe bursts per year",
                    "unit": "number",
                    "baseline": 64.0,
                    "target": 40.0,
                    "target_year": 2030,
                },
            ],
        },
    },
    {
        "key": "security",
        "rank": 11,
        "de": {
            "title": "Sicherheit",
            "slug": "sicherheit",
            "intro": (
                "Sicherheit heißt für uns: Schutz vor Hochwasser und Starkregen, sichere "
                "IT-Systeme und gut beleuchtete, aber nicht überwachte öffentliche Räume. "
                "Bürgerrechte und Datenschutz haben dabei Vorrang."
            ),
            "goals": [
                "Bürgerinnen und Bürger rechtzeitig vor Hochwasser und Starkregen warnen",
                "Kritische Infrastruktur vor Cyberangriffen und Ausfällen schützen",
                "Datenschutz und IT-Sicherheit in allen Projekten von Anfang an einplanen",
            ],
            "measures": [
                "Pegelmessung an der Linde und im Hafenbecken mit automatischer Warnung",
                "Sicherheitskonzept und regelmäßige Prüfungen der Datenplattform",
                "Keine Gesichtserkennung und keine Videoaufzeichnung in Smart-City-Projekten",
                "Notfallpläne und Datensicherungen für alle vernetzten Systeme",
            ],
            "opportunities": [
                "Mehr Vorwarnzeit für Anwohnende und Einsatzkräfte",
                "Mehr Vertrauen in digitale Angebote",
            ],
            "risks": [
                "Menschen fühlen sich überwacht",
                "Vernetzte Systeme fallen bei Stromausfall oder Angriffen aus",
            ],
            "kpis": [
                {
                    "name": "Vorwarnzeit bei Hochwasser",
                    "unit": "Stunden",
                    "baseline": 2.0,
                    "target": 8.0,
                    "target_year": 2027,
                },
                {
                    "name": "Vernetzte Systeme mit getestetem Notfallplan",
                    "unit": "%",
                    "baseline": 40.0,
                    "target": 100.0,
                    "target_year": 2027,
                },
            ],
        },
        "en": {
            "title": "Safety and security",
            "slug": "safety-and-security",
            "intro": (
                "For us, security means protection against floods and heavy rain, secure IT "
                "systems and well-lit but unmonitored public spaces. Civil liberties and data "
                "protection come first."
            ),
            "goals": [
                "Warn citizens of floods and heavy rain in good time",
                "Protect critical infrastructure against cyberattacks and failures",
                "Plan data protection and IT security into every project from the start",
            ],
            "measures": [
                (
                    "Water-level gauges on the River Linde and in the harbour basin with automatic "
                    "warnings"
                ),
                "Security concept and regular audits of the data platform",
                "No facial recognition and no video recording in smart-city projects",
                "Emergency plans and backups for all networked systems",
            ],
            "opportunities": [
                "More warning time for residents and emergency services",
                "More trust in digital services",
            ],
            "risks": ["People feel watched", "Networked systems fail during power cuts or attacks"],
            "kpis": [
                {
                    "name": "Flood warning time",
                    "unit": "hours",
                    "baseline": 2.0,
                    "target": 8.0,
                    "target_year": 2027,
                },
                {
                    "name": "Networked systems with a tested emergency plan",
                    "unit": "%",
                    "baseline": 40.0,
                    "target": 100.0,
                    "target_year": 2027,
                },
            ],
        },
    },
    {
        "key": "health",
        "rank": 12,
        "de": {
            "title": "Gesundheit",
            "slug": "gesundheit",
            "intro": (
                "Digitale Angebote können die Gesundheitsversorgung erleichtern und vor Hitze "
                "schützen. Gesundheitsdaten sind besonders sensibel; damit gehen wir äußerst "
                "zurückhaltend um."
            ),
            "goals": [
                "Ältere und gesundheitlich gefährdete Menschen besser vor Hitze schützen",
                "Den Zugang zu Gesundheits- und Pflegeangeboten erleichtern",
                "Gesundheitsdaten nur mit Einwilligung und unter höchstem Schutz verarbeiten",
            ],
            "measures": [
                "Hitzewarnung und Karte kühler Orte",
                "Übersicht der Gesundheits- und Pflegeangebote im Stadtportal",
                "Gesprächsreihe mit Klinikum, Arztpraxen und Pflegediensten zu digitalen Angeboten",
            ],
            "opportunities": [
                "Weniger hitzebedingte Notfälle",
                "Kürzere Wege für Patientinnen und Patienten",
            ],
            "risks": [
                "Gesundheitsdaten sind besonders schützenswert",
                "Ältere Menschen nutzen digitale Angebote seltener",
            ],
            "kpis": [
                {
                    "name": "Kühle Orte in der Karte",
                    "unit": "Anzahl",
                    "baseline": 0.0,
                    "target": 60.0,
                    "target_year": 2027,
                },
            ],
        },
        "en": {
            "title": "Health",
            "slug": "health",
            "intro": (
                "Digital services can make healthcare easier to access and help protect people "
                "from heat. Health data is particularly sensitive, so we handle it with great "
                "restraint."
            ),
            "goals": [
                "Better protect older people and people with health risks from heat",
                "Make health and care services easier to reach",
                "Process health data only with consent and under the highest level of protection",
            ],
            "measures": [
                "Heat warnings and a map of cool places",
                "Overview of health and care services on the city portal",
                (
                    "Series of talks with the hospital, medical practices and care services on "
                    "digital services"
                ),
            ],
            "opportunities": ["Fewer heat-related emergencies", "Shorter journeys for patients"],
            "risks": [
                "Health data needs particularly strong protection",
                "Older people use digital services less often",
            ],
            "kpis": [
                {
                    "name": "Cool places on the map",
                    "unit": "number",
                    "baseline": 0.0,
                    "target": 60.0,
                    "target_year": 2027,
                },
            ],
        },
    },
]

# Project partners. Names are proper nouns and are not translated; all are fictional.
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "key": "hochschule",
        "name": "Hochschule Lindenhafen",
        "kind": "university",
        "url": "https://www.hs-lindenhafen.example",
    },
    {
        "key": "liwo",
        "name": "Lindenhafener Wohnungsbaugesellschaft mbH (LiWo)",
        "kind": "municipal_company",
        "url": "https://www.liwo-lindenhafen.example",
    },
    {
        "key": "krz",
        "name": "Kommunales Rechenzentrum Mittelland (KRZ)",
        "kind": "municipal_company",
        "url": "https://www.krz-mittelland.example",
    },
    {
        "key": "klinikum",
        "name": "Klinikum Lindenhafen gGmbH",
        "kind": "municipal_company",
        "url": "https://www.klinikum-lindenhafen.example",
    },
    {
        "key": "landkreis",
        "name": "Landkreis Lindtal",
        "kind": "administration",
        "url": "https://www.landkreis-lindtal.example",
    },
    {
        "key": "wasserverband",
        "name": "Wasserverband Lindtal",
        "kind": "administration",
        "url": "https://www.wasserverband-lindtal.example",
    },
    {
        "key": "sensorik",
        "name": "Mittelland Sensorik GmbH",
        "kind": "private_firm",
        "url": "https://www.mittelland-sensorik.example",
    },
    {
        "key": "lichttechnik",
        "name": "Hafenlicht Beleuchtungstechnik GmbH",
        "kind": "private_firm",
        "url": "https://www.hafenlicht.example",
    },
    {
        "key": "parkfuchs",
        "name": "Parkfuchs GmbH",
        "kind": "startup",
        "url": "https://www.parkfuchs.example",
    },
    {
        "key": "tonnenfunk",
        "name": "Tonnenfunk UG (haftungsbeschränkt)",
        "kind": "startup",
        "url": "https://www.tonnenfunk.example",
    },
    {
        "key": "offene-daten",
        "name": "Offene Daten Lindenhafen e. V.",
        "kind": "association",
        "url": "https://www.offene-daten-lindenhafen.example",
    },
    {
        "key": "werbegemeinschaft",
        "name": "Werbegemeinschaft Altstadt Lindenhafen e. V.",
        "kind": "association",
        "url": "https://www.altstadt-lindenhafen.example",
    },
    {
        "key": "netzlotsen",
        "name": "Netzlotsen Lindenhafen e. V.",
        "kind": "association",
        "url": "https://www.netzlotsen-lindenhafen.example",
    },
]

# Funding programmes: real programme types; the rates are those assumed for Lindenhafen.
FUNDING_PROGRAMMES: list[dict[str, Any]] = [
    {
        "key": "modellprojekte-smart-cities",
        "provider": "Bund",
        "url": "https://www.smart-city-dialog.de",
        "funding_rate": "65 %",
        "de": {
            "name": "Modellprojekte Smart Cities",
            "description": (
                "Förderprogramm des Bundes, das gemeinsam mit der KfW umgesetzt wird. Es "
                "unterstützt Kommunen dabei, eine Smart-City-Strategie zu entwickeln und "
                "umzusetzen. Gefördert werden vor allem Lösungen, die sich auf andere Kommunen "
                "übertragen lassen; Raum für eigene, örtliche Ansätze bleibt. Lindenhafen "
                "finanziert daraus unter anderem das LoRaWAN-Netz, das Open-Data-Portal und die "
                "Hochwasser-Frühwarnung."
            ),
        },
        "en": {
            "name": "Smart Cities model projects",
            "description": (
                "Federal funding programme implemented together with the KfW development bank. It "
                "helps municipalities develop and implement a smart-city strategy. It mainly funds "
                "solutions that other municipalities can reuse, while leaving room for local "
                "approaches. Lindenhafen uses it to fund the LoRaWAN network, the open-data portal "
                "and the flood early warning system, among other things."
            ),
        },
    },
    {
        "key": "zukunftsstadt",
        "provider": "Bund",
        "url": "",
        "funding_rate": "bis zu 100 %",
        "de": {
            "name": "Zukunftsstadt (Forschungsförderung des Bundes)",
            "description": (
                "Forschungsförderung des Bundesforschungsministeriums für Vorhaben, in denen "
                "Kommunen gemeinsam mit Hochschulen und Bürgerschaft nachhaltige Lösungen für die "
                "Stadt erproben. In Lindenhafen fließt sie in das Messnetz für Luftqualität, das "
                "die Hochschule wissenschaftlich begleitet."
            ),
        },
        "en": {
            "name": "City of the Future (federal research funding)",
            "description": (
                "Research funding from the Federal Research Ministry for projects in which "
                "municipalities, universities and citizens test sustainable solutions for the city "
                "together. In Lindenhafen it supports the air-quality monitoring network, which "
                "the university evaluates scientifically."
            ),
        },
    },
    {
        "key": "horizon-europe",
        "provider": "EU",
        "url": "",
        "funding_rate": "bis zu 100 %",
        "de": {
            "name": "EU-Forschungsrahmenprogramm (Horizon Europe)",
            "description": (
                "Forschungs- und Innovationsprogramm der Europäischen Union. Aus dem "
                "Vorgängerprogramm wurden Leuchtturmprojekte für intelligente Quartiere gefördert, "
                "etwa GrowSmarter mit der Kölner Stegerwaldsiedlung. Anträge stellen meist "
                "Konsortien aus mehreren Städten, Unternehmen und Hochschulen. Lindenhafen ist mit "
                "dem Energiequartier Hafenviertel beteiligt."
            ),
        },
        "en": {
            "name": "EU research framework programme (Horizon Europe)",
            "description": (
                "The European Union's research and innovation programme. Its predecessor funded "
                "lighthouse projects for smart neighbourhoods, such as GrowSmarter with the "
                "Stegerwaldsiedlung estate in Cologne. Applications usually come from consortia of "
                "several cities, companies and universities. Lindenhafen takes part with the "
                "Hafenviertel energy district."
            ),
        },
    },
    {
        "key": "efre",
        "provider": "EU",
        "url": "",
        "funding_rate": "bis zu 40 %",
        "de": {
            "name": "Europäischer Fonds für regionale Entwicklung (EFRE)",
            "description": (
                "Strukturfonds der EU, den das Land verwaltet. Gefördert werden unter anderem "
                "Klimaschutz, Energieeffizienz und Digitalisierung. Den übrigen Teil der Kosten "
                "tragen Stadt, Stadtwerke oder das Land. Lindenhafen nutzt den EFRE für die "
                "LED-Straßenbeleuchtung und den Ausbau der Ladepunkte."
            ),
        },
        "en": {
            "name": "European Regional Development Fund (ERDF)",
            "description": (
                "EU structural fund managed by the state. It funds climate protection, energy "
                "efficiency and digitalisation, among other things. The city, the public utilities "
                "or the state cover the rest of the costs. Lindenhafen uses the ERDF for LED "
                "street lighting and for expanding the charging network."
            ),
        },
    },
    {
        "key": "land-digitale-kommune",
        "provider": "Land",
        "url": "",
        "funding_rate": "50 %",
        "de": {
            "name": "Landesförderung Digitale Kommune",
            "description": (
                "Förderprogramm des Landes für die Digitalisierung von Kommunen und für "
                "Smart-City-Pilotprojekte. Es eignet sich auch für kleinere Vorhaben. Das "
                "Antragsverfahren ist vergleichsweise einfach. Lindenhafen finanziert daraus unter "
                "anderem die Online-Dienste, das öffentliche WLAN, die Verkehrszählung und die "
                "Sensor-Papierkörbe."
            ),
        },
        "en": {
            "name": "State programme Digital Municipality",
            "description": (
                "State funding programme for the digitalisation of municipalities and for "
                "smart-city pilot projects. It is also suitable for smaller projects, and the "
                "application procedure is comparatively simple. Lindenhafen uses it to fund the "
                "online services, public WiFi, traffic counting and the sensor litter bins, among "
                "other things."
            ),
        },
    },
    {
        "key": "land-wasserwirtschaft",
        "provider": "Land",
        "url": "",
        "funding_rate": "10 %",
        "de": {
            "name": "Landesförderung Siedlungswasserwirtschaft",
            "description": (
                "Zuschüsse des Landes für Investitionen in Trinkwasser- und Abwassernetze. Die "
                "Förderquote ist gering; den Großteil der Kosten finanzieren die Stadtwerke über "
                "Wasserentgelte. Gefördert wurden unter anderem die Sensoren im Trinkwassernetz."
            ),
        },
        "en": {
            "name": "State funding for urban water management",
            "description": (
                "State grants for investment in drinking water and sewer networks. The funding "
                "rate is low; the public utilities finance most of the costs through water "
                "charges. It has funded the sensors in the drinking water network, among other "
                "things."
            ),
        },
    },
]

# Projects with status, strategy step, budget, partners, KPIs and data-use statement.
PROJECTS: list[dict[str, Any]] = [
    {
        "key": "parkleitsystem-altstadt",
        "action_field": "mobility",
        "status": "done",
        "strategy_step": 4,
        "start_months": -26,
        "end_months": -1,
        "budget_eur": 780000,
        "funding": "modellprojekte-smart-cities",
        "partners": ["parkfuchs", "sensorik"],
        "department": "verkehrsbetriebe",
        "district": "altstadt",
        "location": {"type": "Point", "coordinates": [8.6172, 50.9561]},
        "featured": True,
        "kpis": [
            {
                "de": "Durchschnittliche Parksuchzeit",
                "en": "Average time spent searching for parking",
                "unit": "min",
                "baseline": 9.0,
                "target": 5.0,
                "values": [
                    {"months": -12, "value": 9.0},
                    {"months": -8, "value": 8.7},
                    {"months": -4, "value": 7.6},
                    {"months": 0, "value": 6.8},
                ],
            },
            {
                "de": "Stellplätze mit Echtzeit-Belegung",
                "en": "Parking spaces with real-time occupancy",
                "unit": "",
                "baseline": 0.0,
                "target": 800.0,
                "values": [
                    {"months": -9, "value": 120.0},
                    {"months": -6, "value": 410.0},
                    {"months": -3, "value": 690.0},
                    {"months": 0, "value": 800.0},
                ],
            },
        ],
        "de": {
            "title": "Parkleitsystem Altstadt",
            "slug": "parkleitsystem-altstadt",
            "intro": (
                "89 Sensoren erfassen, welche der rund 800 Stellplätze in der Altstadt frei sind. "
                "Anzeigetafeln und das Portal führen Sie ohne Umwege zum nächsten freien Platz."
            ),
            "body_html": (
                "<p>Wer in der Altstadt einen Parkplatz sucht, fährt oft mehrere Runden. Das "
                "kostet Zeit und belastet Anwohnende mit Lärm und Abgasen. Das neue Parkleitsystem "
                "zeigt deshalb an, wo gerade Plätze frei sind.</p>"
                "<h2>So funktioniert es</h2>"
                "<p>89 Sensoren im Straßenraum und die Zählanlagen der vier Parkhäuser der "
                "Verkehrsbetriebe erfassen die Belegung von rund 800 Stellplätzen. 24 "
                "Anzeigetafeln an bestehenden Laternenmasten zeigen Anzahl und Richtung freier "
                "Plätze. Dieselben Informationen finden Sie auf diesem Portal und als offene "
                "Daten.</p>"
                "<p>Die Sensoren erkennen nur, ob ein Fahrzeug auf dem Platz steht. Kameras und "
                "Kennzeichenerfassung gibt es nicht. Die Daten übertragen die Sensoren über das "
                "städtische LoRaWAN-Netz.</p>"
                "<h2>Wie geht es weiter?</h2>"
                "<p>Die Verkehrsbetriebe werten ein Jahr lang aus, wie sich Parksuchzeiten und "
                "Verkehr entwickeln. Danach entscheidet die Lenkungsgruppe, ob das System auf die "
                "Weststadt ausgeweitet wird.</p>"
            ),
            "data_use": {
                "collected": (
                    "Belegt oder frei je Stellplatz (Magnetfeldsensor im Boden) sowie die Belegung "
                    "der Parkhäuser. Keine Kameras, keine Kennzeichen, keine personenbezogenen "
                    "Daten."
                ),
                "purpose": (
                    "Anzeige freier Stellplätze auf Tafeln, im Portal und als offene Daten; "
                    "Auswertung der Auslastung für die Parkraumplanung."
                ),
                "retention": (
                    "Meldungen der einzelnen Sensoren 90 Tage; danach bleibt nur die stündliche "
                    "Auslastung je Zone erhalten."
                ),
                "processor": (
                    "Lindenhafener Verkehrsbetriebe. Die Mittelland Sensorik GmbH wartet die "
                    "Sensoren im Auftrag (Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": (
                    "Urbane Datenplattform im Kommunalen Rechenzentrum Mittelland in Lindenhafen."
                ),
            },
        },
        "en": {
            "title": "Old town parking guidance system",
            "slug": "old-town-parking-guidance",
            "intro": (
                "89 sensors record which of the roughly 800 parking spaces in the old town are "
                "free. Display boards and the portal take you straight to the nearest free space."
            ),
            "body_html": (
                "<p>Anyone looking for a parking space in the old town often has to drive round "
                "several times. This costs time and burdens residents with noise and exhaust "
                "fumes. The new parking guidance system therefore shows where spaces are free.</p>"
                "<h2>How it works</h2>"
                "<p>89 sensors in the street and the counting systems of the four multi-storey car "
                "parks run by public transport record the occupancy of around 800 parking spaces. "
                "24 display boards on existing lamp posts show the number of free spaces and the "
                "direction to them. You can find the same information on this portal and as open "
                "data.</p>"
                "<p>The sensors only detect whether a vehicle is in the space. There are no "
                "cameras and no number-plate recognition. The sensors transmit their data over the "
                "city's LoRaWAN network.</p>"
                "<h2>What happens next?</h2>"
                "<p>Public transport will evaluate for one year how search times and traffic "
                "develop. The steering group will then decide whether to extend the system to "
                "Weststadt.</p>"
            ),
            "data_use": {
                "collected": (
                    "Occupied or free per parking space (magnetic field sensor in the ground) and "
                    "the occupancy of the car parks. No cameras, no number plates, no personal "
                    "data."
                ),
                "purpose": (
                    "Showing free spaces on display boards, on the portal and as open data; "
                    "analysing occupancy for parking planning."
                ),
                "retention": (
                    "Readings from individual sensors for 90 days; after that, only hourly "
                    "occupancy per zone is kept."
                ),
                "processor": (
                    "Lindenhafen Public Transport. Mittelland Sensorik GmbH maintains the sensors "
                    "on its behalf (contract under Art. 28 GDPR)."
                ),
                "hosting": (
                    "Urban data platform in the Mittelland municipal data centre in Lindenhafen."
                ),
            },
        },
    },
    {
        "key": "verkehrszaehlung",
        "action_field": "mobility",
        "status": "in_progress",
        "strategy_step": 3,
        "start_months": -14,
        "end_months": 10,
        "budget_eur": 240000,
        "funding": "land-digitale-kommune",
        "partners": ["sensorik", "hochschule"],
        "department": "tiefbauamt",
        "district": "ostend",
        "location": {"type": "Point", "coordinates": [8.648, 50.952]},
        "featured": False,
        "kpis": [
            {
                "de": "Zählstellen in Betrieb",
                "en": "Counting points in operation",
                "unit": "",
                "baseline": 0.0,
                "target": 40.0,
                "values": [
                    {"months": -12, "value": 4.0},
                    {"months": -8, "value": 12.0},
                    {"months": -4, "value": 21.0},
                    {"months": 0, "value": 28.0},
                ],
            },
        ],
        "de": {
            "title": "Verkehrszählung an Hauptstraßen",
            "slug": "verkehrszaehlung-hauptstrassen",
            "intro": (
                "40 Zählstellen an Laternenmasten erfassen rund um die Uhr, wie viele Fahrräder, "
                "Autos und Lastwagen unterwegs sind. Die Zahlen sind Grundlage für den neuen "
                "Verkehrsentwicklungsplan."
            ),
            "body_html": (
                "<p>Bisher hat die Stadt den Verkehr nur an wenigen Tagen im Jahr von Hand "
                "gezählt. Für gute Entscheidungen über Radwege, Ampelschaltungen oder Tempo 30 "
                "braucht das Tiefbauamt aber verlässliche Zahlen über das ganze Jahr.</p>"
                "<p>Die Zählgeräte arbeiten mit Radar. Sie unterscheiden Fahrzeugarten und "
                "Fahrtrichtung, nehmen aber keine Bilder auf. Jedes Gerät zählt selbst und sendet "
                "alle 15 Minuten nur die Summen über das LoRaWAN-Netz.</p>"
                "<p>Die Hochschule Lindenhafen wertet die Daten für den Verkehrsentwicklungsplan "
                "aus. Alle Zählwerte stehen als offene Daten zur Verfügung, zum Beispiel für "
                "Navigations- oder Fahrrad-Apps.</p>"
            ),
            "data_use": {
                "collected": (
                    "Anzahl der Fahrzeuge je 15 Minuten, getrennt nach Fahrtrichtung und "
                    "Fahrzeugart (Rad, Pkw, Lkw, Bus). Die Geräte nehmen keine Bilder auf und "
                    "speichern keine einzelnen Fahrzeuge."
                ),
                "purpose": (
                    "Verkehrsplanung, Schaltung von Ampeln, Bewertung von Maßnahmen wie neuen "
                    "Radwegen; Veröffentlichung als offene Daten."
                ),
                "retention": (
                    "Die Zählwerte werden dauerhaft gespeichert, da sie keinen Personenbezug haben "
                    "und für langfristige Vergleiche nötig sind."
                ),
                "processor": (
                    "Tiefbauamt; die Hochschule Lindenhafen erhält die Zählwerte für ihre "
                    "Auswertung."
                ),
                "hosting": (
                    "Urbane Datenplattform im Kommunalen Rechenzentrum Mittelland in Lindenhafen."
                ),
            },
        },
        "en": {
            "title": "Traffic counting on main roads",
            "slug": "traffic-counting-main-roads",
            "intro": (
                "40 counting points on lamp posts record around the clock how many bicycles, cars "
                "and lorries are on the move. The figures form the basis of the new transport "
                "development plan."
            ),
            "body_html": (
                "<p>Until now, the city counted traffic by hand on only a few days a year. To make "
                "good decisions about cycle paths, traffic-light timing or 30 km/h limits, "
                "however, the Civil Engineering Office needs reliable figures all year round.</p>"
                "<p>The counters use radar. They distinguish vehicle types and direction of travel "
                "but do not take pictures. Each device counts on its own and sends only the totals "
                "every 15 minutes over the LoRaWAN network.</p>"
                "<p>Lindenhafen University of Applied Sciences analyses the data for the transport "
                "development plan. All counts are available as open data, for example for "
                "navigation or cycling apps.</p>"
            ),
            "data_use": {
                "collected": (
                    "Number of vehicles per 15 minutes, by direction of travel and vehicle type "
                    "(bike, car, lorry, bus). The devices take no pictures and store no individual "
                    "vehicles."
                ),
                "purpose": (
                    "Transport planning, traffic-light timing, evaluating measures such as new "
                    "cycle paths; publication as open data."
                ),
                "retention": (
                    "The counts are stored permanently because they contain no personal data and "
                    "are needed for long-term comparisons."
                ),
                "processor": (
                    "Civil Engineering Office; Lindenhafen University of Applied Sciences receives "
                    "the counts for its analysis."
                ),
                "hosting": (
                    "Urban data platform in the Mittelland municipal data centre in Lindenhafen."
                ),
            },
        },
    },
    {
        "key": "ladepunkte-quartiere",
        "action_field": "mobility",
        "status": "planned",
        "strategy_step": 4,
        "start_months": 2,
        "end_months": 26,
        "budget_eur": 1450000,
        "funding": "efre",
        "partners": ["liwo"],
        "department": "stadtwerke",
        "district": "weststadt",
        "location": {"type": "Point", "coordinates": [8.585, 50.969]},
        "featured": False,
        "kpis": [],
        "de": {
            "title": "Ladepunkte für Wohnquartiere",
            "slug": "ladepunkte-wohnquartiere",
            "intro": (
                "Die Stadtwerke bauen bis 2029 rund 120 öffentliche Ladepunkte, vor allem in "
                "Wohngebieten, in denen viele Menschen keinen eigenen Stellplatz haben. Den Anfang "
                "macht die Weststadt."
            ),
            "body_html": (
                "<p>Wer ein Elektroauto fährt und keine eigene Garage hat, ist auf öffentliche "
                "Ladepunkte angewiesen. Heute gibt es in Lindenhafen 86 solcher Ladepunkte, die "
                "meisten davon in der Innenstadt und an Supermärkten.</p>"
                "<p>Die Stadtwerke haben gemeinsam mit dem Stadtplanungsamt ermittelt, wo der "
                "Bedarf am größten ist. Die ersten 40 Ladepunkte entstehen in der Weststadt, teils "
                "auf Flächen der LiWo. Wo möglich, kommen sie an bestehende Mobilstationen, damit "
                "Gehwege frei bleiben.</p>"
                "<p>Der Belegungsstatus jeder Ladesäule wird als offene Daten veröffentlicht. "
                "Angaben zu einzelnen Ladevorgängen werden nicht veröffentlicht.</p>"
            ),
            "data_use": {
                "collected": (
                    "Status jeder Ladesäule (frei, belegt, gestört) und die geladene Energiemenge. "
                    "Für die Abrechnung verarbeiten die Stadtwerke Vertragsdaten und Ladevorgänge "
                    "ihrer Kundinnen und Kunden."
                ),
                "purpose": (
                    "Anzeige freier Ladepunkte, Störungsbeseitigung, Abrechnung und Planung "
                    "weiterer Standorte."
                ),
                "retention": (
                    "Status- und Energiedaten 2 Jahre; abrechnungsrelevante Daten nach den "
                    "gesetzlichen Aufbewahrungsfristen (bis zu 10 Jahre)."
                ),
                "processor": (
                    "Stadtwerke Lindenhafen als Betreiberin der Ladepunkte; veröffentlicht werden "
                    "nur Standort und Status."
                ),
                "hosting": (
                    "Server der Stadtwerke Lindenhafen in Lindenhafen; der Status wird an die "
                    "urbane Datenplattform übertragen."
                ),
            },
        },
        "en": {
            "title": "Charging points for residential areas",
            "slug": "charging-points-residential-areas",
            "intro": (
                "By 2029, the public utilities will build around 120 public charging points, "
                "mainly in residential areas where many people have no parking space of their own. "
                "Weststadt comes first."
            ),
            "body_html": (
                "<p>People who drive an electric car and have no garage of their own depend on "
                "public charging points. Lindenhafen currently has 86 of them, most in the city "
                "centre and at supermarkets.</p>"
                "<p>Together with the Urban Planning Office, the public utilities have worked out "
                "where demand is greatest. The first 40 charging points will be built in "
                "Weststadt, some of them on land owned by LiWo. Where possible, they will be "
                "placed at existing mobility hubs so that pavements stay clear.</p>"
                "<p>The status of every charging station will be published as open data. Details "
                "of individual charging sessions will not be published.</p>"
            ),
            "data_use": {
                "collected": (
                    "Status of each charging station (free, occupied, out of order) and the amount "
                    "of energy charged. For billing, the public utilities process their customers' "
                    "contract data and charging sessions."
                ),
                "purpose": (
                    "Showing free charging points, fixing faults, billing and planning further "
                    "locations."
                ),
                "retention": (
                    "Status and energy data for 2 years; billing data for the statutory retention "
                    "periods (up to 10 years)."
                ),
                "processor": (
                    "Lindenhafen Public Utilities as operator of the charging points; only "
                    "location and status are published."
                ),
                "hosting": (
                    "Servers of Lindenhafen Public Utilities in Lindenhafen; the status is passed "
                    "on to the urban data platform."
                ),
            },
        },
    },
    {
        "key": "led-strassenbeleuchtung",
        "action_field": "energy",
        "status": "in_progress",
        "strategy_step": 4,
        "start_months": -36,
        "end_months": 18,
        "budget_eur": 6800000,
        "funding": "efre",
        "partners": ["lichttechnik"],
        "department": "stadtwerke",
        "district": None,
        "location": {"type": "Point", "coordinates": [8.6135, 50.954]},
        "featured": False,
        "kpis": [
            {
                "de": "Stromverbrauch der Straßenbeleuchtung",
                "en": "Electricity used by street lighting",
                "unit": "MWh/a",
                "baseline": 5200.0,
                "target": 2300.0,
                "values": [
                    {"months": -36, "value": 5200.0},
                    {"months": -24, "value": 4550.0},
                    {"months": -12, "value": 3720.0},
                    {"months": 0, "value": 3080.0},
                ],
            },
            {
                "de": "Auf LED umgerüstete Leuchten",
                "en": "Luminaires converted to LED",
                "unit": "",
                "baseline": 0.0,
                "target": 15800.0,
                "values": [
                    {"months": -30, "value": 900.0},
                    {"months": -24, "value": 2900.0},
                    {"months": -12, "value": 7400.0},
                    {"months": 0, "value": 10800.0},
                ],
            },
        ],
        "de": {
            "title": "LED-Straßenbeleuchtung mit intelligenter Steuerung",
            "slug": "led-strassenbeleuchtung",
            "intro": (
                "Die Stadtwerke rüsten alle rund 15.800 Straßenleuchten auf sparsame LED-Technik "
                "um. Eine Fernsteuerung dimmt das Licht nachts bedarfsgerecht und meldet Defekte "
                "automatisch."
            ),
            "body_html": (
                "<p>Die Straßenbeleuchtung gehört zu den größten Stromverbrauchern der Stadt. "
                "Viele Leuchten sind über 30 Jahre alt. Seit 2023 ersetzen die Stadtwerke sie "
                "Straße für Straße durch LED-Leuchten; bis heute sind rund 10.800 umgerüstet.</p>"
                "<h2>Licht, wenn es gebraucht wird</h2>"
                "<p>Jede neue Leuchte ist an ein Steuerungssystem angeschlossen. In ruhigen "
                "Nachtstunden wird das Licht gedimmt. An einigen Rad- und Fußwegen erhöhen "
                "Bewegungsmelder die Helligkeit, sobald jemand kommt. Warmweißes Licht schont "
                "nachtaktive Insekten.</p>"
                "<p>Fällt eine Leuchte aus, meldet sie das selbst. Sie können defekte Leuchten "
                "aber weiterhin über den Mängelmelder melden; beide Meldungen landen beim selben "
                "Team.</p>"
            ),
            "data_use": {
                "collected": (
                    "Betriebszustand, Dimmstufe, Stromverbrauch und Störungen je Leuchte. Die "
                    "Bewegungsmelder liefern nur das Signal „Bewegung ja oder nein“, das nicht "
                    "gespeichert wird."
                ),
                "purpose": (
                    "Energiesparende Steuerung der Beleuchtung, schnellere Reparaturen und "
                    "Nachweis der Einsparungen."
                ),
                "retention": (
                    "Betriebs- und Verbrauchsdaten 2 Jahre; Störungsmeldungen bis ein Jahr nach "
                    "der Reparatur."
                ),
                "processor": (
                    "Stadtwerke Lindenhafen; die Hafenlicht Beleuchtungstechnik GmbH betreut das "
                    "Steuerungssystem im Auftrag (Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": "Server der Stadtwerke Lindenhafen in Lindenhafen.",
            },
        },
        "en": {
            "title": "LED street lighting with smart control",
            "slug": "led-street-lighting",
            "intro": (
                "The public utilities are converting all of the roughly 15,800 street lights to "
                "energy-saving LED technology. A remote control system dims the light at night as "
                "needed and reports faults automatically."
            ),
            "body_html": (
                "<p>Street lighting is one of the city's largest consumers of electricity. Many "
                "lights are more than 30 years old. Since 2023, the public utilities have been "
                "replacing them street by street with LED lights; around 10,800 have been "
                "converted so far.</p>"
                "<h2>Light when it is needed</h2>"
                "<p>Every new light is connected to a control system. During quiet night hours, "
                "the light is dimmed. On some cycle paths and footpaths, motion detectors raise "
                "the brightness as soon as someone approaches. Warm white light protects nocturnal "
                "insects.</p>"
                "<p>If a light fails, it reports this itself. You can still report faulty lights "
                "through the defect reporter; both kinds of report go to the same team.</p>"
            ),
            "data_use": {
                "collected": (
                    "Operating state, dimming level, electricity use and faults per light. The "
                    "motion detectors only deliver the signal “movement yes or no”, which is not "
                    "stored."
                ),
                "purpose": (
                    "Energy-saving control of the lighting, faster repairs and proof of the "
                    "savings."
                ),
                "retention": (
                    "Operating and consumption data for 2 years; fault reports until one year "
                    "after the repair."
                ),
                "processor": (
                    "Lindenhafen Public Utilities; Hafenlicht Beleuchtungstechnik GmbH looks after "
                    "the control system on their behalf (contract under Art. 28 GDPR)."
                ),
                "hosting": "Servers of Lindenhafen Public Utilities in Lindenhafen.",
            },
        },
    },
    {
        "key": "sensor-papierkoerbe",
        "action_field": "waste",
        "status": "in_progress",
        "strategy_step": 4,
        "start_months": -10,
        "end_months": 8,
        "budget_eur": 310000,
        "funding": "land-digitale-kommune",
        "partners": ["tonnenfunk"],
        "department": "awb",
        "district": "nordstadt",
        "location": {"type": "Point", "coordinates": [8.612, 50.981]},
        "featured": True,
        "kpis": [
            {
                "de": "Gefahrene Kilometer pro Woche im Pilotgebiet",
                "en": "Kilometres driven per week in the pilot area",
                "unit": "km",
                "baseline": 420.0,
                "target": 280.0,
                "values": [
                    {"months": -9, "value": 420.0},
                    {"months": -6, "value": 365.0},
                    {"months": -3, "value": 330.0},
                    {"months": 0, "value": 312.0},
                ],
            },
            {
                "de": "Meldungen über überfüllte Papierkörbe pro Monat",
                "en": "Reports of overflowing litter bins per month",
                "unit": "",
                "baseline": 38.0,
                "target": 10.0,
                "values": [
                    {"months": -9, "value": 38.0},
                    {"months": -6, "value": 24.0},
                    {"months": -3, "value": 17.0},
                    {"months": 0, "value": 14.0},
                ],
            },
        ],
        "de": {
            "title": "Papierkörbe und Container mit Füllstandssensoren",
            "slug": "papierkoerbe-mit-fuellstandssensoren",
            "intro": (
                "In der Nordstadt melden 250 Papierkörbe und 40 Glas- und Papiercontainer ihren "
                "Füllstand. Der Abfallwirtschaftsbetrieb leert sie, wenn sie voll sind, und nicht "
                "mehr nach starrem Plan."
            ),
            "body_html": (
                "<p>Bisher fuhren die Teams des Abfallwirtschaftsbetriebs feste Touren. Manche "
                "Behälter waren bei der Leerung fast leer, andere quollen schon Tage vorher über. "
                "Ultraschallsensoren unter dem Deckel messen jetzt, wie voll jeder Behälter "
                "ist.</p>"
                "<p>Eine Übersicht im Ampelprinzip zeigt den Beschäftigten, welche Behälter bald "
                "geleert werden müssen. Die Tourenplanung berechnet daraus jeden Morgen die "
                "kürzeste Route. Liegt ein Behälter an einer Haltestelle oder einem Spielplatz, "
                "wird er früher angefahren.</p>"
                "<p>Die Sensoren hat das Lindenhafener Start-up Tonnenfunk entwickelt; "
                "Auszubildende des Abfallwirtschaftsbetriebs haben sie eingebaut. Ist die Bilanz "
                "nach einem Jahr positiv, folgt ab 2027 die ganze Stadt.</p>"
            ),
            "data_use": {
                "collected": (
                    "Füllstand in Prozent, Temperatur (zur Branderkennung), Batteriezustand und "
                    "Standort des Behälters. Keine personenbezogenen Daten."
                ),
                "purpose": (
                    "Bedarfsgerechte Leerung, Planung kürzerer Touren, schnelle Reaktion auf "
                    "Brände in Containern."
                ),
                "retention": "Einzelmesswerte 2 Jahre; danach nur Monatsmittel je Behälter.",
                "processor": (
                    "Abfallwirtschaftsbetrieb Lindenhafen; die Tonnenfunk UG hat für die Wartung "
                    "lesenden Zugriff (Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": (
                    "Die Messwerte gehen über das städtische LoRaWAN-Netz direkt an die urbane "
                    "Datenplattform im Kommunalen Rechenzentrum Mittelland."
                ),
            },
        },
        "en": {
            "title": "Litter bins and containers with fill-level sensors",
            "slug": "litter-bins-with-fill-level-sensors",
            "intro": (
                "In Nordstadt, 250 litter bins and 40 bottle and paper banks report how full they "
                "are. The waste management company empties them when they are full rather than on "
                "a fixed schedule."
            ),
            "body_html": (
                "<p>Until now, the waste management teams drove fixed routes. Some bins were "
                "almost empty when collected, while others were overflowing days before. "
                "Ultrasonic sensors under the lid now measure how full each bin is.</p>"
                "<p>A traffic-light overview shows staff which bins need emptying soon. Every "
                "morning, the route planning system uses this to calculate the shortest route. "
                "Bins at stops or playgrounds are visited earlier.</p>"
                "<p>The sensors were developed by the Lindenhafen start-up Tonnenfunk and "
                "installed by apprentices of the waste management company. If the results after "
                "one year are positive, the whole city will follow from 2027.</p>"
            ),
            "data_use": {
                "collected": (
                    "Fill level in per cent, temperature (to detect fires), battery status and "
                    "location of the bin. No personal data."
                ),
                "purpose": (
                    "Emptying bins as needed, planning shorter routes, responding quickly to fires "
                    "in containers."
                ),
                "retention": (
                    "Individual readings for 2 years; after that, only monthly averages per bin."
                ),
                "processor": (
                    "Lindenhafen Waste Management; Tonnenfunk UG has read access for maintenance "
                    "(contract under Art. 28 GDPR)."
                ),
                "hosting": (
                    "The readings travel over the city's LoRaWAN network directly to the urban "
                    "data platform in the Mittelland municipal data centre."
                ),
            },
        },
    },
    {
        "key": "trinkwassernetz-sensoren",
        "action_field": "water",
        "status": "done",
        "strategy_step": 4,
        "start_months": -40,
        "end_months": -16,
        "budget_eur": 520000,
        "funding": "land-wasserwirtschaft",
        "partners": ["sensorik", "wasserverband"],
        "department": "stadtwerke",
        "district": "lindenhoehe",
        "location": {"type": "Point", "coordinates": [8.645, 50.972]},
        "featured": False,
        "kpis": [
            {
                "de": "Wasserverluste im Trinkwassernetz",
                "en": "Water losses in the drinking water network",
                "unit": "%",
                "baseline": 11.5,
                "target": 7.0,
                "values": [
                    {"months": -36, "value": 11.5},
                    {"months": -24, "value": 10.6},
                    {"months": -12, "value": 9.4},
                    {"months": 0, "value": 8.7},
                ],
            },
            {
                "de": "Rohrbrüche pro Jahr",
                "en": "Pipe bursts per year",
                "unit": "",
                "baseline": 64.0,
                "target": 40.0,
                "values": [
                    {"months": -24, "value": 64.0},
                    {"months": -12, "value": 52.0},
                    {"months": 0, "value": 47.0},
                ],
            },
        ],
        "de": {
            "title": "Sensoren im Trinkwassernetz",
            "slug": "sensoren-trinkwassernetz",
            "intro": (
                "25 Sensoren messen an wichtigen Knotenpunkten Druck, Durchfluss, Temperatur und "
                "Fließrichtung des Trinkwassers. So erkennen die Stadtwerke Schwachstellen, bevor "
                "ein Rohr bricht."
            ),
            "body_html": (
                "<p>Das Trinkwassernetz der Stadtwerke ist rund 620 Kilometer lang. Früher gab es "
                "nur an drei Stellen Messungen, etwa am Hochbehälter Lindenhöhe. Lecks fielen oft "
                "erst auf, wenn Wasser an die Oberfläche trat.</p>"
                "<p>Seit 2025 messen 25 Sensoren laufend, wie sich Druck und Durchfluss verändern. "
                "Weichen die Werte vom üblichen Muster ab, prüft die Netzleitstelle gezielt den "
                "betroffenen Abschnitt. Die Wasserverluste sind seitdem deutlich gesunken.</p>"
                "<p>Gemeinsam mit dem Wasserverband Lindtal fließen die Daten außerdem in ein "
                "Grundwassermodell ein. Damit lässt sich durchrechnen, wie die Versorgung in "
                "mehreren trockenen Sommern hintereinander gesichert bleibt.</p>"
            ),
            "data_use": {
                "collected": (
                    "Technische Messwerte: Druck, Durchflussgeschwindigkeit, Wassertemperatur und "
                    "Fließrichtung. Keine Verbrauchsdaten einzelner Haushalte."
                ),
                "purpose": (
                    "Früherkennung von Leckagen und Schwachstellen, Planung von Sanierungen, "
                    "Grundwassermodell."
                ),
                "retention": (
                    "10 Jahre, weil die Daten für die langfristige Netzplanung gebraucht werden."
                ),
                "processor": (
                    "Netzleitstelle der Stadtwerke Lindenhafen; der Wasserverband Lindtal erhält "
                    "zusammengefasste Werte für das Grundwassermodell."
                ),
                "hosting": (
                    "Abgeschottetes Netz der Leitstelle der Stadtwerke. Als kritische "
                    "Infrastruktur werden die Rohdaten nicht veröffentlicht, sondern nur die "
                    "monatlichen Wasserverluste."
                ),
            },
        },
        "en": {
            "title": "Sensors in the drinking water network",
            "slug": "sensors-drinking-water-network",
            "intro": (
                "25 sensors at key junctions measure the pressure, flow, temperature and direction "
                "of flow of the drinking water. This lets the public utilities spot weak points "
                "before a pipe bursts."
            ),
            "body_html": (
                "<p>The public utilities' drinking water network is about 620 kilometres long. In "
                "the past, there were measurements at only three points, such as the Lindenhöhe "
                "reservoir. Leaks were often noticed only when water came to the surface.</p>"
                "<p>Since 2025, 25 sensors have been continuously measuring changes in pressure "
                "and flow. If the values differ from the usual pattern, the network control centre "
                "checks the affected section. Water losses have fallen markedly since then.</p>"
                "<p>Together with the Lindtal water board, the data is also fed into a groundwater "
                "model. This makes it possible to calculate how supply can be secured through "
                "several dry summers in a row.</p>"
            ),
            "data_use": {
                "collected": (
                    "Technical readings: pressure, flow rate, water temperature and direction of "
                    "flow. No consumption data of individual households."
                ),
                "purpose": (
                    "Early detection of leaks and weak points, planning of renewals, groundwater "
                    "model."
                ),
                "retention": "10 years, because the data is needed for long-term network planning.",
                "processor": (
                    "Network control centre of Lindenhafen Public Utilities; the Lindtal water "
                    "board receives aggregated values for the groundwater model."
                ),
                "hosting": (
                    "Isolated network of the public utilities' control centre. As critical "
                    "infrastructure, the raw data is not published; only monthly water losses are."
                ),
            },
        },
    },
    {
        "key": "hochwasser-fruehwarnung",
        "action_field": "security",
        "status": "in_progress",
        "strategy_step": 4,
        "start_months": -8,
        "end_months": 6,
        "budget_eur": 380000,
        "funding": "modellprojekte-smart-cities",
        "partners": ["landkreis", "wasserverband"],
        "department": "stadtentwaesserung",
        "district": "hafenviertel",
        "location": {"type": "Point", "coordinates": [8.632, 50.931]},
        "featured": True,
        "kpis": [
            {
                "de": "Vorwarnzeit bei Hochwasser",
                "en": "Flood warning time",
                "unit": "h",
                "baseline": 2.0,
                "target": 8.0,
                "values": [
                    {"months": -6, "value": 2.0},
                    {"months": -3, "value": 4.0},
                    {"months": 0, "value": 5.0},
                ],
            },
            {
                "de": "Pegel mit Echtzeitübertragung",
                "en": "Gauges with real-time transmission",
                "unit": "",
                "baseline": 1.0,
                "target": 9.0,
                "values": [
                    {"months": -6, "value": 1.0},
                    {"months": -3, "value": 4.0},
                    {"months": 0, "value": 7.0},
                ],
            },
        ],
        "de": {
            "title": "Hochwasser-Frühwarnung an der Linde",
            "slug": "hochwasser-fruehwarnung",
            "intro": (
                "Neun Pegel an der Linde, ihren Zuflüssen und im Hafenbecken melden Wasserstände "
                "in Echtzeit. Steigt das Wasser gefährlich an, werden Sie früher als bisher "
                "gewarnt."
            ),
            "body_html": (
                "<p>Beim Hochwasser im Frühjahr 2024 blieben den Anwohnenden im Hafenviertel nur "
                "rund zwei Stunden, um Keller und Tiefgaragen zu räumen. Das soll sich ändern.</p>"
                "<h2>Messen, wo das Wasser herkommt</h2>"
                "<p>Die Stadtentwässerung baut gemeinsam mit dem Landkreis Lindtal und dem "
                "Wasserverband neun Pegel auf; drei davon liegen flussaufwärts im Landkreis. Die "
                "Messwerte kommen alle fünf Minuten über das LoRaWAN-Netz. Zusammen mit der "
                "Regenvorhersage berechnet ein Modell, wie sich der Wasserstand in der Stadt "
                "entwickelt.</p>"
                "<p>Wird eine Warnschwelle überschritten, erscheint ein Hinweis auf diesem Portal. "
                "Außerdem können Sie Warnungen per E-Mail oder SMS abonnieren. Sirenen und "
                "Lautsprecherdurchsagen bleiben unverändert bestehen.</p>"
            ),
            "data_use": {
                "collected": (
                    "Wasserstände und Niederschlagsmengen. Wer Warnungen abonniert, gibt eine "
                    "E-Mail-Adresse oder Mobilfunknummer und den gewünschten Stadtteil an."
                ),
                "purpose": (
                    "Hochwasservorhersage, Warnung der Bevölkerung und Einsatzplanung. Die "
                    "Kontaktdaten werden ausschließlich für den Versand der Warnungen genutzt."
                ),
                "retention": (
                    "Messwerte dauerhaft als offene Daten. Kontaktdaten bis zur Abmeldung; aus den "
                    "Datensicherungen werden sie spätestens 30 Tage danach entfernt."
                ),
                "processor": (
                    "Stadtentwässerung Lindenhafen; den SMS-Versand übernimmt ein Dienstleister "
                    "mit Sitz in Deutschland im Auftrag (Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": (
                    "Urbane Datenplattform im Kommunalen Rechenzentrum Mittelland; die "
                    "Kontaktdaten liegen getrennt davon in einer eigenen Datenbank."
                ),
            },
        },
        "en": {
            "title": "Flood early warning on the River Linde",
            "slug": "flood-early-warning",
            "intro": (
                "Nine gauges on the Linde, its tributaries and in the harbour basin report water "
                "levels in real time. If the water rises to a dangerous level, you will be warned "
                "earlier than before."
            ),
            "body_html": (
                "<p>During the flood in spring 2024, residents of Hafenviertel had only about two "
                "hours to clear cellars and underground car parks. This is set to change.</p>"
                "<h2>Measuring where the water comes from</h2>"
                "<p>Drainage services are setting up nine gauges together with Lindtal District "
                "and the water board; three of them are upstream in the district. The readings "
                "arrive every five minutes over the LoRaWAN network. Together with the rainfall "
                "forecast, a model calculates how the water level in the city will develop.</p>"
                "<p>If a warning threshold is exceeded, a notice appears on this portal. You can "
                "also subscribe to warnings by e-mail or text message. Sirens and loudspeaker "
                "announcements remain in place.</p>"
            ),
            "data_use": {
                "collected": (
                    "Water levels and rainfall. People who subscribe to warnings provide an e-mail "
                    "address or mobile number and the district they are interested in."
                ),
                "purpose": (
                    "Flood forecasting, warning the public and planning emergency operations. "
                    "Contact details are used only to send the warnings."
                ),
                "retention": (
                    "Readings permanently as open data. Contact details until you unsubscribe; "
                    "they are removed from backups no later than 30 days after that."
                ),
                "processor": (
                    "Lindenhafen Drainage Services; a service provider based in Germany sends the "
                    "text messages on its behalf (contract under Art. 28 GDPR)."
                ),
                "hosting": (
                    "Urban data platform in the Mittelland municipal data centre; contact details "
                    "are kept separately in a database of their own."
                ),
            },
        },
    },
    {
        "key": "oeffentliches-wlan",
        "action_field": "digital-infrastructure",
        "status": "in_progress",
        "strategy_step": 3,
        "start_months": -18,
        "end_months": 12,
        "budget_eur": 450000,
        "funding": "land-digitale-kommune",
        "partners": ["krz"],
        "department": "digitalisierung",
        "district": None,
        "location": {"type": "Point", "coordinates": [8.616, 50.9548]},
        "featured": False,
        "kpis": [
            {
                "de": "Öffentliche WLAN-Standorte",
                "en": "Public WiFi locations",
                "unit": "",
                "baseline": 6.0,
                "target": 30.0,
                "values": [
                    {"months": -18, "value": 6.0},
                    {"months": -12, "value": 11.0},
                    {"months": -6, "value": 17.0},
                    {"months": 0, "value": 22.0},
                ],
            },
        ],
        "de": {
            "title": "Kostenloses WLAN auf öffentlichen Plätzen",
            "slug": "oeffentliches-wlan",
            "intro": (
                "An 30 Orten in allen Stadtteilen können Sie kostenlos und ohne Anmeldung ins "
                "Internet: auf Plätzen, in Parks, an Haltestellen und in städtischen Gebäuden. 22 "
                "Standorte sind bereits in Betrieb."
            ),
            "body_html": (
                "<p>Ein freier Internetzugang hilft allen, die unterwegs Fahrpläne nachsehen, "
                "Online-Dienste der Stadt nutzen oder einfach Daten sparen möchten. Besonders "
                "wichtig ist das für Menschen, die sich keinen großen Mobilfunktarif leisten "
                "können.</p>"
                "<p>Das Netz heißt „Lindenhafen-frei“. Sie müssen sich nicht registrieren und "
                "keine Daten angeben. Eine Karte aller Standorte finden Sie auf diesem Portal; bis "
                "Ende 2027 kommen weitere acht hinzu, unter anderem an Stadtteilbibliotheken und "
                "Freibädern.</p>"
            ),
            "data_use": {
                "collected": (
                    "Für den Betrieb: eine pseudonymisierte Gerätekennung, die mit einem täglich "
                    "wechselnden Zufallswert verschlüsselt wird, sowie Zeitpunkt und Datenmenge "
                    "der Verbindung. Keine Inhalte, keine besuchten Seiten."
                ),
                "purpose": (
                    "Fehlersuche, Schutz vor Missbrauch und Planung der Kapazität. Veröffentlicht "
                    "wird nur die Zahl der Verbindungen je Standort und Stunde."
                ),
                "retention": (
                    "Pseudonymisierte Verbindungsdaten 7 Tage; die stündlichen Verbindungszahlen "
                    "dauerhaft."
                ),
                "processor": (
                    "Amt für Digitalisierung und IT; das Kommunale Rechenzentrum Mittelland "
                    "betreibt das Netz im Auftrag (Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": "Kommunales Rechenzentrum Mittelland in Lindenhafen.",
            },
        },
        "en": {
            "title": "Free WiFi in public places",
            "slug": "public-wifi",
            "intro": (
                "At 30 places in all districts you can go online free of charge and without "
                "registering: in squares, parks, at stops and in municipal buildings. 22 locations "
                "are already in operation."
            ),
            "body_html": (
                "<p>Free internet access helps everyone who wants to check timetables on the go, "
                "use the city's online services or simply save mobile data. This matters "
                "especially for people who cannot afford a large mobile data plan.</p>"
                "<p>The network is called “Lindenhafen-frei”. You do not need to register or "
                "provide any data. A map of all locations is available on this portal; eight more "
                "will be added by the end of 2027, including at district libraries and outdoor "
                "pools.</p>"
            ),
            "data_use": {
                "collected": (
                    "For operation: a pseudonymised device identifier that is encrypted with a "
                    "random value changing daily, plus time and data volume of the connection. No "
                    "content, no websites visited."
                ),
                "purpose": (
                    "Troubleshooting, protection against misuse and capacity planning. Only the "
                    "number of connections per location and hour is published."
                ),
                "retention": (
                    "Pseudonymised connection data for 7 days; hourly connection counts "
                    "permanently."
                ),
                "processor": (
                    "Digitalisation and IT Office; the Mittelland municipal data centre runs the "
                    "network on its behalf (contract under Art. 28 GDPR)."
                ),
                "hosting": "Mittelland municipal data centre in Lindenhafen.",
            },
        },
    },
    {
        "key": "lorawan-netz",
        "action_field": "digital-infrastructure",
        "status": "done",
        "strategy_step": 3,
        "start_months": -30,
        "end_months": -12,
        "budget_eur": 190000,
        "funding": "modellprojekte-smart-cities",
        "partners": ["krz", "landkreis", "hochschule"],
        "department": "digitalisierung",
        "district": None,
        "location": {"type": "Point", "coordinates": [8.6148, 50.9553]},
        "featured": False,
        "kpis": [
            {
                "de": "Stadtfläche mit LoRaWAN-Abdeckung",
                "en": "City area covered by LoRaWAN",
                "unit": "%",
                "baseline": 0.0,
                "target": 98.0,
                "values": [
                    {"months": -24, "value": 25.0},
                    {"months": -18, "value": 61.0},
                    {"months": -12, "value": 94.0},
                    {"months": 0, "value": 97.0},
                ],
            },
        ],
        "de": {
            "title": "Stadtweites LoRaWAN-Funknetz",
            "slug": "lorawan-funknetz",
            "intro": (
                "22 Gateways auf städtischen Gebäuden bilden ein Funknetz, über das Sensoren mit "
                "wenig Energie Messwerte übertragen. Alle städtischen Gesellschaften, die "
                "Hochschule und die Gemeinden des Landkreises nutzen es gemeinsam."
            ),
            "body_html": (
                "<p>Viele Smart-City-Anwendungen brauchen keine schnelle Internetverbindung, "
                "sondern ein Netz, das kleine Datenmengen über weite Strecken überträgt. Genau "
                "dafür ist LoRaWAN gemacht: Ein batteriebetriebener Sensor kann damit mehrere "
                "Jahre lang Messwerte senden.</p>"
                "<p>Statt dass jedes Amt und jede Gesellschaft eigene Funklösungen kauft, betreibt "
                "das Kommunale Rechenzentrum Mittelland ein gemeinsames Netz. Heute laufen darüber "
                "unter anderem das Parkleitsystem, die Füllstandssensoren, die Pegel und die "
                "Luftmessstationen.</p>"
                "<p>Vereine, Schulen und Bürgerwissenschaftsprojekte können das Netz nach einer "
                "kurzen Anmeldung kostenlos mitnutzen, zum Beispiel für eigene Umweltsensoren.</p>"
            ),
            "data_use": {
                "collected": (
                    "Die Messwerte der angeschlossenen Sensoren sowie technische Verbindungsdaten: "
                    "Gerätekennung des Sensors, Signalstärke und Zeitpunkt."
                ),
                "purpose": (
                    "Betrieb und Überwachung des Funknetzes; die Messwerte selbst werden an die "
                    "jeweils zuständige Stelle weitergeleitet."
                ),
                "retention": (
                    "Technische Verbindungsdaten 30 Tage. Für die Messwerte gelten die Fristen der "
                    "einzelnen Projekte."
                ),
                "processor": (
                    "Kommunales Rechenzentrum Mittelland im Auftrag des Amts für Digitalisierung "
                    "und IT (Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": (
                    "Netzwerkserver im Kommunalen Rechenzentrum Mittelland in Lindenhafen; die "
                    "Messwerte werden Ende-zu-Ende verschlüsselt übertragen."
                ),
            },
        },
        "en": {
            "title": "City-wide LoRaWAN radio network",
            "slug": "lorawan-radio-network",
            "intro": (
                "22 gateways on municipal buildings form a radio network over which sensors "
                "transmit readings using very little energy. All municipal companies, the "
                "university and the municipalities of the district share it."
            ),
            "body_html": (
                "<p>Many smart-city applications do not need a fast internet connection but a "
                "network that transmits small amounts of data over long distances. That is exactly "
                "what LoRaWAN is designed for: a battery-powered sensor can send readings over it "
                "for several years.</p>"
                "<p>Instead of each office and company buying its own radio solution, the "
                "Mittelland municipal data centre runs one shared network. Among other things, the "
                "parking guidance system, the fill-level sensors, the gauges and the air-quality "
                "stations use it today.</p>"
                "<p>Associations, schools and citizen science projects can use the network free of "
                "charge after a short registration, for example for their own environmental "
                "sensors.</p>"
            ),
            "data_use": {
                "collected": (
                    "The readings of connected sensors and technical connection data: the sensor's "
                    "device identifier, signal strength and time."
                ),
                "purpose": (
                    "Operating and monitoring the radio network; the readings themselves are "
                    "forwarded to the responsible body."
                ),
                "retention": (
                    "Technical connection data for 30 days. The readings are subject to the "
                    "retention periods of the individual projects."
                ),
                "processor": (
                    "Mittelland municipal data centre on behalf of the Digitalisation and IT "
                    "Office (contract under Art. 28 GDPR)."
                ),
                "hosting": (
                    "Network server in the Mittelland municipal data centre in Lindenhafen; "
                    "readings are transmitted with end-to-end encryption."
                ),
            },
        },
    },
    {
        "key": "luftqualitaet-messnetz",
        "action_field": "environment",
        "status": "in_progress",
        "strategy_step": 4,
        "start_months": -12,
        "end_months": 12,
        "budget_eur": 160000,
        "funding": "zukunftsstadt",
        "partners": ["hochschule", "offene-daten"],
        "department": "umweltamt",
        "district": "hafenviertel",
        "location": {"type": "Point", "coordinates": [8.629, 50.938]},
        "featured": False,
        "kpis": [
            {
                "de": "Messstellen für Luftqualität",
                "en": "Air-quality measuring points",
                "unit": "",
                "baseline": 1.0,
                "target": 30.0,
                "values": [
                    {"months": -12, "value": 1.0},
                    {"months": -8, "value": 6.0},
                    {"months": -4, "value": 15.0},
                    {"months": 0, "value": 24.0},
                ],
            },
            {
                "de": "Stickstoffdioxid an der Hafenstraße (gleitendes Jahresmittel)",
                "en": "Nitrogen dioxide on Hafenstraße (rolling annual mean)",
                "unit": "µg/m³",
                "baseline": 38.0,
                "target": 20.0,
                "values": [
                    {"months": -12, "value": 38.0},
                    {"months": -6, "value": 36.0},
                    {"months": 0, "value": 33.0},
                ],
            },
        ],
        "de": {
            "title": "Messnetz für Luftqualität und Lärm",
            "slug": "messnetz-luftqualitaet",
            "intro": (
                "30 kleine Messstationen erfassen Stickstoffdioxid, Feinstaub, Temperatur und "
                "Lärmpegel in allen Stadtteilen. Die Werte sind in Echtzeit öffentlich einsehbar."
            ),
            "body_html": (
                "<p>Bisher gab es in Lindenhafen nur eine amtliche Luftmessstation, an der "
                "Hafenstraße. Wie die Luft in Wohnstraßen, an Schulen oder in Parks ist, war "
                "weitgehend unbekannt.</p>"
                "<p>Das Umweltamt baut deshalb ein dichteres Messnetz mit preiswerten Sensoren "
                "auf. Die Hochschule Lindenhafen gleicht die Werte regelmäßig mit der amtlichen "
                "Station ab und kennzeichnet, wie genau sie sind. Der Verein Offene Daten "
                "Lindenhafen hat eine Karte entwickelt, auf der Sie die aktuellen Werte verfolgen "
                "können.</p>"
                "<p>Die Lärmsensoren messen nur den Schallpegel in Dezibel. Sie nehmen keine "
                "Geräusche oder Gespräche auf.</p>"
            ),
            "data_use": {
                "collected": (
                    "Stickstoffdioxid, Feinstaub (PM10 und PM2,5), Temperatur, Luftfeuchte und "
                    "Schallpegel in Dezibel. Keine Tonaufnahmen, keine personenbezogenen Daten."
                ),
                "purpose": (
                    "Überblick über die Umweltbelastung, Planung von Maßnahmen zur Luftreinhaltung "
                    "und Klimaanpassung, Forschung und offene Daten."
                ),
                "retention": (
                    "Dauerhaft, als offene Daten unter der Datenlizenz Deutschland – Namensnennung "
                    "– Version 2.0."
                ),
                "processor": (
                    "Umweltamt; die Hochschule Lindenhafen prüft und kalibriert die Messwerte."
                ),
                "hosting": (
                    "Urbane Datenplattform im Kommunalen Rechenzentrum Mittelland in Lindenhafen."
                ),
            },
        },
        "en": {
            "title": "Air quality and noise monitoring network",
            "slug": "air-quality-monitoring-network",
            "intro": (
                "30 small measuring stations record nitrogen dioxide, particulate matter, "
                "temperature and noise levels in all districts. The values are publicly available "
                "in real time."
            ),
            "body_html": (
                "<p>Until now, Lindenhafen had only one official air monitoring station, on "
                "Hafenstraße. Little was known about air quality in residential streets, at "
                "schools or in parks.</p>"
                "<p>The Environment Office is therefore building a denser network with low-cost "
                "sensors. Lindenhafen University of Applied Sciences regularly compares the values "
                "with the official station and indicates how accurate they are. The association "
                "Offene Daten Lindenhafen has developed a map on which you can follow the current "
                "values.</p>"
                "<p>The noise sensors only measure the sound level in decibels. They do not record "
                "sounds or conversations.</p>"
            ),
            "data_use": {
                "collected": (
                    "Nitrogen dioxide, particulate matter (PM10 and PM2.5), temperature, humidity "
                    "and sound level in decibels. No audio recordings, no personal data."
                ),
                "purpose": (
                    "Overview of environmental pollution, planning of clean-air and climate "
                    "adaptation measures, research and open data."
                ),
                "retention": (
                    "Permanently, as open data under the Data licence Germany – attribution – "
                    "version 2.0."
                ),
                "processor": (
                    "Environment Office; Lindenhafen University of Applied Sciences checks and "
                    "calibrates the readings."
                ),
                "hosting": (
                    "Urban data platform in the Mittelland municipal data centre in Lindenhafen."
                ),
            },
        },
    },
    {
        "key": "digitale-buergerdienste",
        "action_field": "governance",
        "status": "in_progress",
        "strategy_step": 4,
        "start_months": -24,
        "end_months": 18,
        "budget_eur": 1200000,
        "funding": "land-digitale-kommune",
        "partners": ["krz", "netzlotsen"],
        "department": "digitalisierung",
        "district": None,
        "location": {"type": "Point", "coordinates": [8.6152, 50.9549]},
        "featured": True,
        "kpis": [
            {
                "de": "Vollständig online verfügbare Verwaltungsleistungen",
                "en": "Administrative services available fully online",
                "unit": "",
                "baseline": 12.0,
                "target": 50.0,
                "values": [
                    {"months": -24, "value": 12.0},
                    {"months": -16, "value": 19.0},
                    {"months": -8, "value": 28.0},
                    {"months": 0, "value": 34.0},
                ],
            },
            {
                "de": "Anteil online gestellter Anträge",
                "en": "Share of applications submitted online",
                "unit": "%",
                "baseline": 8.0,
                "target": 45.0,
                "values": [
                    {"months": -24, "value": 8.0},
                    {"months": -12, "value": 17.0},
                    {"months": 0, "value": 26.0},
                ],
            },
        ],
        "de": {
            "title": "Digitale Bürgerdienste",
            "slug": "digitale-buergerdienste",
            "intro": (
                "34 Verwaltungsleistungen können Sie schon vollständig online erledigen, vom "
                "Anwohnerparkausweis bis zur Hundesteuer. Bis 2028 sollen es 50 sein."
            ),
            "body_html": (
                "<p>Viele Anliegen lassen sich ohne Besuch im Rathaus erledigen: Sie stellen den "
                "Antrag online, laden Nachweise hoch, bezahlen Gebühren direkt und erhalten den "
                "Bescheid elektronisch. Auf Gebührenbescheiden finden Sie einen QR-Code, mit dem "
                "Sie sofort bezahlen können.</p>"
                "<h2>Persönlich bleibt möglich</h2>"
                "<p>Das Bürgerbüro bleibt geöffnet, und alle Leistungen können Sie weiterhin auch "
                "auf Papier beantragen – ohne Aufpreis. Wer Unterstützung bei Online-Anträgen "
                "möchte, bekommt Hilfe von den ehrenamtlichen Netzlotsen in den "
                "Stadtteilbibliotheken.</p>"
                "<p>Welche Leistungen als Nächstes online gehen, entscheidet die Stadt auch nach "
                "Ihren Rückmeldungen. Am häufigsten gewünscht wurden zuletzt die Anmeldung von "
                "Veranstaltungen und Anträge auf Sondernutzung von Gehwegen.</p>"
            ),
            "data_use": {
                "collected": (
                    "Die Angaben, die für den jeweiligen Antrag gesetzlich erforderlich sind, "
                    "sowie Zahlungsdaten bei gebührenpflichtigen Leistungen. Keine Nutzungsanalyse "
                    "durch Drittanbieter."
                ),
                "purpose": (
                    "Bearbeitung Ihres Antrags durch das zuständige Amt; die Daten werden nicht "
                    "für andere Zwecke verwendet."
                ),
                "retention": (
                    "Nach den Aufbewahrungsfristen des jeweiligen Verfahrens; Entwürfe, die nicht "
                    "abgeschickt werden, nach 30 Tagen."
                ),
                "processor": (
                    "Das jeweils zuständige Amt. Das Kommunale Rechenzentrum Mittelland betreibt "
                    "die Plattform, ein Zahlungsdienstleister wickelt Zahlungen ab (jeweils "
                    "Vertrag nach Art. 28 DSGVO)."
                ),
                "hosting": "Kommunales Rechenzentrum Mittelland in Lindenhafen.",
            },
        },
        "en": {
            "title": "Digital citizen services",
            "slug": "digital-citizen-services",
            "intro": (
                "34 administrative services can already be handled entirely online, from "
                "residents' parking permits to dog tax. The goal is 50 by 2028."
            ),
            "body_html": (
                "<p>Many matters can be dealt with without visiting the town hall: you apply "
                "online, upload documents, pay fees directly and receive the decision "
                "electronically. Fee notices carry a QR code that lets you pay immediately.</p>"
                "<h2>In person is still possible</h2>"
                "<p>The citizens' office stays open, and you can still apply for every service on "
                "paper – at no extra cost. If you would like help with online applications, the "
                "volunteer digital guides in the district libraries will support you.</p>"
                "<p>Which services go online next also depends on your feedback. The most frequent "
                "recent requests were registering events and applying for special use of "
                "pavements.</p>"
            ),
            "data_use": {
                "collected": (
                    "The information required by law for the application in question and, for "
                    "services with fees, payment data. No usage tracking by third parties."
                ),
                "purpose": (
                    "Processing of your application by the responsible office; the data is not "
                    "used for any other purpose."
                ),
                "retention": (
                    "According to the retention periods of the procedure in question; drafts that "
                    "are never submitted are deleted after 30 days."
                ),
                "processor": (
                    "The responsible office. The Mittelland municipal data centre runs the "
                    "platform and a payment service provider handles payments (each under a "
                    "contract under Art. 28 GDPR)."
                ),
                "hosting": "Mittelland municipal data centre in Lindenhafen.",
            },
        },
    },
    {
        "key": "open-data-portal",
        "action_field": "governance",
        "status": "done",
        "strategy_step": 3,
        "start_months": -22,
        "end_months": -10,
        "budget_eur": 140000,
        "funding": "modellprojekte-smart-cities",
        "partners": ["offene-daten", "krz"],
        "department": "smart-city",
        "district": None,
        "location": {"type": "Point", "coordinates": [8.615, 50.9551]},
        "featured": False,
        "kpis": [
            {
                "de": "Veröffentlichte Datensätze",
                "en": "Published datasets",
                "unit": "",
                "baseline": 18.0,
                "target": 120.0,
                "values": [
                    {"months": -10, "value": 18.0},
                    {"months": -6, "value": 41.0},
                    {"months": -3, "value": 57.0},
                    {"months": 0, "value": 73.0},
                ],
            },
        ],
        "de": {
            "title": "Open-Data-Portal",
            "slug": "open-data-portal",
            "intro": (
                "Im Open-Data-Portal stellt die Stadt Daten frei zur Verfügung – von Haltestellen "
                "über Parkplatzbelegung bis zu Messwerten der Luftqualität. Alle Daten sind "
                "maschinenlesbar und frei nutzbar."
            ),
            "body_html": (
                "<p>Daten, die die Stadt ohnehin erhebt, sollen allen nützen: Bürgerinnen und "
                "Bürgern, Forschung, Presse und Unternehmen, die daraus neue Angebote entwickeln. "
                "Das Portal bündelt Daten der Verwaltung und der städtischen Gesellschaften an "
                "einer Stelle.</p>"
                "<p>Jeder Datensatz ist nach dem Standard DCAT-AP.de beschrieben und wird deshalb "
                "auch im bundesweiten Portal GovData gefunden. Sensordaten stehen über eine offene "
                "Programmierschnittstelle in Echtzeit bereit.</p>"
                "<p>Vor jeder Veröffentlichung prüft die Stabsstelle Smart City, ob ein Datensatz "
                "Rückschlüsse auf einzelne Personen zulässt. Ist das der Fall, wird er "
                "zusammengefasst oder nicht veröffentlicht.</p>"
            ),
            "data_use": {
                "collected": (
                    "Das Portal veröffentlicht nur Daten ohne Personenbezug. Beim Abruf werden "
                    "technische Zugriffsdaten mit gekürzter IP-Adresse protokolliert."
                ),
                "purpose": (
                    "Transparenz und Weiternutzung öffentlicher Daten; die Zugriffsdaten dienen "
                    "nur der Sicherheit und der Abrufstatistik."
                ),
                "retention": (
                    "Datensätze dauerhaft, solange sie gepflegt werden; Zugriffsprotokolle 7 Tage."
                ),
                "processor": (
                    "Stabsstelle Smart City; das Kommunale Rechenzentrum Mittelland betreibt das "
                    "Portal im Auftrag."
                ),
                "hosting": "Kommunales Rechenzentrum Mittelland in Lindenhafen.",
            },
        },
        "en": {
            "title": "Open-data portal",
            "slug": "open-data-portal",
            "intro": (
                "On the open-data portal, the city makes data freely available – from stops and "
                "parking occupancy to air-quality readings. All data is machine-readable and free "
                "to use."
            ),
            "body_html": (
                "<p>Data that the city collects anyway should benefit everyone: citizens, "
                "researchers, the press and businesses that develop new services from it. The "
                "portal brings together data from the administration and the municipal companies "
                "in one place.</p>"
                "<p>Every dataset is described according to the DCAT-AP.de standard and can "
                "therefore also be found on the national portal GovData. Sensor data is available "
                "in real time through an open programming interface.</p>"
                "<p>Before anything is published, the Smart City Unit checks whether a dataset "
                "could reveal information about individuals. If so, it is aggregated or not "
                "published.</p>"
            ),
            "data_use": {
                "collected": (
                    "The portal publishes only data without any personal reference. When data is "
                    "accessed, technical access data with a shortened IP address is logged."
                ),
                "purpose": (
                    "Transparency and reuse of public data; the access data serves only security "
                    "and download statistics."
                ),
                "retention": (
                    "Datasets permanently, as long as they are maintained; access logs for 7 days."
                ),
                "processor": (
                    "Smart City Unit; the Mittelland municipal data centre runs the portal on its "
                    "behalf."
                ),
                "hosting": "Mittelland municipal data centre in Lindenhafen.",
            },
        },
    },
    {
        "key": "zukunftswerkstatt",
        "action_field": "education-society",
        "status": "planned",
        "strategy_step": 1,
        "start_months": 1,
        "end_months": 4,
        "budget_eur": 45000,
        "funding": None,
        "partners": ["hochschule", "netzlotsen"],
        "department": "smart-city",
        "district": None,
        "location": {"type": "Point", "coordinates": [8.619, 50.957]},
        "featured": False,
        "kpis": [],
        "de": {
            "title": "Zukunftswerkstatt „Lindenhafen 2030“",
            "slug": "zukunftswerkstatt-lindenhafen-2030",
            "intro": (
                "Zur Fortschreibung der Smart-City-Strategie lädt die Stadt zu einer Reihe von "
                "Zukunftswerkstätten ein. Sie beginnt mit einem ganztägigen Auftakt in der "
                "Stadthalle."
            ),
            "body_html": (
                "<p>2027 wird die Smart-City-Strategie überprüft und fortgeschrieben. Bevor "
                "Verwaltung und Stadtrat darüber beraten, möchten wir wissen: Was hat sich "
                "bewährt? Was fehlt Ihnen? Und wie soll Lindenhafen im Jahr 2030 aussehen?</p>"
                "<p>In einer Zukunftswerkstatt arbeiten Sie in kleinen Gruppen in drei Phasen: "
                "Kritik, Ideen und Umsetzung. Die Moderation übernimmt ein Team der Hochschule "
                "Lindenhafen. Nach dem Auftakt folgen vier Abende in den Stadtteilen.</p>"
                "<p>Die Ergebnisse werden dokumentiert und hier veröffentlicht. Die Stadt erklärt "
                "zu jedem Vorschlag, ob und wie er in die Strategie einfließt – und wenn nicht, "
                "warum.</p>"
            ),
            "data_use": {
                "collected": (
                    "Bei der Anmeldung Name, E-Mail-Adresse, Stadtteil und freiwillig Angaben zu "
                    "Unterstützungsbedarf, zum Beispiel Gebärdensprache. Fotos nur mit "
                    "Einwilligung."
                ),
                "purpose": (
                    "Organisation der Veranstaltungen und Information der Teilnehmenden; die "
                    "Ergebnisse werden ohne Namen dokumentiert."
                ),
                "retention": "Anmeldedaten bis drei Monate nach der letzten Werkstatt der Reihe.",
                "processor": (
                    "Stabsstelle Smart City; die Hochschule Lindenhafen erhält für die Moderation "
                    "nur die Teilnehmerliste."
                ),
                "hosting": (
                    "Beteiligungsplattform im Kommunalen Rechenzentrum Mittelland in Lindenhafen."
                ),
            },
        },
        "en": {
            "title": "“Lindenhafen 2030” future workshop",
            "slug": "future-workshop-lindenhafen-2030",
            "intro": (
                "To update the smart-city strategy, the city is inviting you to a series of future "
                "workshops. It starts with a full-day kick-off at the Stadthalle."
            ),
            "body_html": (
                "<p>In 2027, the smart-city strategy will be reviewed and updated. Before the "
                "administration and the city council discuss it, we would like to know: what has "
                "worked? What is missing? And what should Lindenhafen look like in 2030?</p>"
                "<p>In a future workshop, you work in small groups in three phases: criticism, "
                "ideas and implementation. A team from Lindenhafen University of Applied Sciences "
                "moderates. The kick-off will be followed by four evenings in the districts.</p>"
                "<p>The results will be documented and published here. For every proposal, the "
                "city will explain whether and how it is included in the strategy – and if not, "
                "why not.</p>"
            ),
            "data_use": {
                "collected": (
                    "On registration: name, e-mail address, district and, voluntarily, any support "
                    "needs such as sign language. Photos only with consent."
                ),
                "purpose": (
                    "Organising the events and keeping participants informed; results are "
                    "documented without names."
                ),
                "retention": (
                    "Registration data until three months after the last workshop in the series."
                ),
                "processor": (
                    "Smart City Unit; Lindenhafen University of Applied Sciences receives only the "
                    "list of participants for moderation."
                ),
                "hosting": (
                    "Participation platform in the Mittelland municipal data centre in Lindenhafen."
                ),
            },
        },
    },
    {
        "key": "passantenzaehlung-wlan",
        "action_field": "economy",
        "status": "stopped",
        "strategy_step": 2,
        "start_months": -9,
        "end_months": -2,
        "budget_eur": 85000,
        "funding": None,
        "partners": ["werbegemeinschaft"],
        "department": "stadtplanungsamt",
        "district": "altstadt",
        "location": {"type": "Point", "coordinates": [8.6178, 50.9545]},
        "featured": False,
        "kpis": [],
        "de": {
            "title": "Passantenzählung per WLAN in der Fußgängerzone",
            "slug": "passantenzaehlung-wlan",
            "intro": (
                "Das Vorhaben, Passantenströme über WLAN-Signale von Smartphones zu zählen, wurde "
                "nach der Datenschutzprüfung gestoppt. Die Stadt prüft nun Zählverfahren, die ohne "
                "Gerätedaten auskommen."
            ),
            "body_html": (
                "<p>Die Werbegemeinschaft Altstadt wollte wissen, wie viele Menschen zu welchen "
                "Zeiten durch die Fußgängerzone gehen. Geplant war, die WLAN-Signale von "
                "Smartphones an zehn Stellen zu erfassen und daraus Besucherzahlen abzuleiten.</p>"
                "<h2>Warum das Projekt gestoppt wurde</h2>"
                "<p>Die Datenschutz-Folgenabschätzung kam zu dem Ergebnis, dass die "
                "Gerätekennungen auch verschlüsselt mit vertretbarem Aufwand einzelnen Personen "
                "zugeordnet werden könnten. Wege von Menschen durch die Stadt ließen sich so "
                "nachvollziehen. Die Lenkungsgruppe hat das Projekt deshalb nach einem "
                "zweiwöchigen Probebetrieb beendet.</p>"
                "<p>Das Ziel bleibt richtig. Die Stadt prüft jetzt mit der Werbegemeinschaft "
                "Zähler mit Infrarot-Lichtschranken, die nur Personen zählen und keinerlei "
                "Gerätedaten erfassen.</p>"
            ),
            "data_use": {
                "collected": (
                    "Im Probebetrieb: nur Zählwerte je 15 Minuten. Die Geräte verarbeiteten die "
                    "WLAN-Kennungen ausschließlich im Arbeitsspeicher und speicherten sie nicht."
                ),
                "purpose": (
                    "Es sollte ermittelt werden, wie stark die Fußgängerzone zu welchen Zeiten "
                    "besucht ist."
                ),
                "retention": (
                    "Alle Zählwerte des Probebetriebs wurden nach dem Projektstopp gelöscht."
                ),
                "processor": (
                    "Stadtplanungsamt; ein Regelbetrieb mit einem Dienstleister wurde nicht mehr "
                    "vergeben."
                ),
                "hosting": (
                    "Urbane Datenplattform im Kommunalen Rechenzentrum Mittelland (nur während des "
                    "Probebetriebs)."
                ),
            },
        },
        "en": {
            "title": "WiFi-based pedestrian counting in the pedestrian zone",
            "slug": "wifi-pedestrian-counting",
            "intro": (
                "The plan to count pedestrian flows using smartphone WiFi signals was stopped "
                "after the data protection review. The city is now looking at counting methods "
                "that need no device data."
            ),
            "body_html": (
                "<p>The old town retailers' association wanted to know how many people walk "
                "through the pedestrian zone and at what times. The plan was to detect smartphone "
                "WiFi signals at ten points and derive visitor numbers from them.</p>"
                "<h2>Why the project was stopped</h2>"
                "<p>The data protection impact assessment concluded that the device identifiers, "
                "even in encrypted form, could be linked to individuals with reasonable effort. "
                "This would have made it possible to trace people's routes through the city. The "
                "steering group therefore ended the project after a two-week trial.</p>"
                "<p>The aim is still the right one. Together with the retailers' association, the "
                "city is now testing counters with infrared light barriers, which only count "
                "people and record no device data at all.</p>"
            ),
            "data_use": {
                "collected": (
                    "During the trial: only counts per 15 minutes. The devices processed WiFi "
                    "identifiers only in working memory and did not store them."
                ),
                "purpose": "To find out how busy the pedestrian zone is at different times.",
                "retention": (
                    "All counts from the trial were deleted after the project was stopped."
                ),
                "processor": (
                    "Urban Planning Office; no contract for regular operation with a service "
                    "provider was awarded."
                ),
                "hosting": (
                    "Urban data platform in the Mittelland municipal data centre (during the trial "
                    "only)."
                ),
            },
        },
    },
    {
        "key": "kuehle-orte",
        "action_field": "health",
        "status": "idea",
        "strategy_step": 2,
        "start_months": 4,
        "end_months": 10,
        "budget_eur": 60000,
        "funding": None,
        "partners": ["klinikum"],
        "department": "umweltamt",
        "district": "suedstadt",
        "location": {"type": "Point", "coordinates": [8.6, 50.931]},
        "featured": False,
        "kpis": [],
        "de": {
            "title": "Hitzewarnung und Karte kühler Orte",
            "slug": "hitzewarnung-kuehle-orte",
            "intro": (
                "Eine Karte soll zeigen, wo Sie sich an heißen Tagen abkühlen und Trinkwasser "
                "auffüllen können. Den Anfang könnte die Südstadt machen, in der besonders viele "
                "ältere Menschen leben."
            ),
            "body_html": (
                "<p>Hitzewellen sind vor allem für ältere und kranke Menschen gefährlich. Das "
                "Umweltamt und das Klinikum Lindenhafen haben deshalb die Idee entwickelt, kühle "
                "Orte wie Kirchen, Bibliotheken, schattige Parks und Trinkbrunnen in einer Karte "
                "zu sammeln.</p>"
                "<p>Temperatursensoren am LoRaWAN-Netz könnten zeigen, wo es in der Südstadt "
                "besonders heiß wird. Bei einer Hitzewarnung würde die Stadt auf diesem Portal "
                "informieren. Pflegedienste und Nachbarschaftshilfen könnten gezielt Menschen "
                "ansprechen, die allein leben.</p>"
                "<p>Noch ist das eine Idee. Beim Workshop „Kühle Orte für Lindenhafen“ können Sie "
                "Orte vorschlagen und sagen, welche Informationen Ihnen bei Hitze helfen "
                "würden.</p>"
            ),
            "data_use": {
                "collected": (
                    "Geplant: Lufttemperatur und Luftfeuchte an festen Messpunkten sowie Standorte "
                    "kühler Orte. Keine personenbezogenen Daten."
                ),
                "purpose": (
                    "Hitzeinseln erkennen, Hitzewarnungen veröffentlichen und kühle Orte leicht "
                    "auffindbar machen."
                ),
                "retention": "Messwerte dauerhaft als offene Daten.",
                "processor": (
                    "Umweltamt; das Klinikum Lindenhafen berät fachlich und erhält keine Daten "
                    "über Patientinnen und Patienten."
                ),
                "hosting": (
                    "Urbane Datenplattform im Kommunalen Rechenzentrum Mittelland in Lindenhafen."
                ),
            },
        },
        "en": {
            "title": "Heat warnings and a map of cool places",
            "slug": "heat-warnings-cool-places",
            "intro": (
                "A map is to show where you can cool down and refill your water bottle on hot "
                "days. Südstadt, where many older people live, could be the first district."
            ),
            "body_html": (
                "<p>Heatwaves are dangerous above all for older and sick people. The Environment "
                "Office and Lindenhafen Hospital have therefore come up with the idea of "
                "collecting cool places such as churches, libraries, shady parks and drinking "
                "fountains on a map.</p>"
                "<p>Temperature sensors on the LoRaWAN network could show where Südstadt gets "
                "particularly hot. When a heat warning is issued, the city would provide "
                "information on this portal. Care services and neighbourhood help groups could "
                "reach out to people who live alone.</p>"
                "<p>For now, this is an idea. At the “Cool places for Lindenhafen” workshop, you "
                "can suggest places and tell us what information would help you in hot weather.</p>"
            ),
            "data_use": {
                "collected": (
                    "Planned: air temperature and humidity at fixed measuring points and the "
                    "locations of cool places. No personal data."
                ),
                "purpose": (
                    "Identifying heat islands, publishing heat warnings and making cool places "
                    "easy to find."
                ),
                "retention": "Readings permanently as open data.",
                "processor": (
                    "Environment Office; Lindenhafen Hospital provides expert advice and receives "
                    "no patient data."
                ),
                "hosting": (
                    "Urban data platform in the Mittelland municipal data centre in Lindenhafen."
                ),
            },
        },
    },
    {
        "key": "energiequartier-hafenviertel",
        "action_field": "buildings",
        "status": "in_progress",
        "strategy_step": 4,
        "start_months": -16,
        "end_months": 30,
        "budget_eur": 4200000,
        "funding": "horizon-europe",
        "partners": ["liwo", "hochschule"],
        "department": "stadtwerke",
        "district": "hafenviertel",
        "location": {"type": "Point", "coordinates": [8.64, 50.935]},
        "featured": True,
        "kpis": [
            {
                "de": "Eigenverbrauchsquote des Solarstroms",
                "en": "Share of solar power used on site",
                "unit": "%",
                "baseline": 25.0,
                "target": 60.0,
                "values": [
                    {"months": -12, "value": 25.0},
                    {"months": -6, "value": 33.0},
                    {"months": 0, "value": 41.0},
                ],
            },
            {
                "de": "CO₂-Emissionen für Wärme und Strom",
                "en": "CO₂ emissions for heat and electricity",
                "unit": "t/a",
                "baseline": 2900.0,
                "target": 1500.0,
                "values": [
                    {"months": -12, "value": 2900.0},
                    {"months": -6, "value": 2720.0},
                    {"months": 0, "value": 2450.0},
                ],
            },
        ],
        "de": {
            "title": "Energiequartier Hafenviertel",
            "slug": "energiequartier-hafenviertel",
            "intro": (
                "In 14 Wohnblöcken der LiWo mit rund 700 Wohnungen steuern Stadtwerke und "
                "Hochschule Solaranlagen, Batteriespeicher und Wärmepumpen so, dass möglichst viel "
                "Sonnenstrom direkt im Quartier genutzt wird."
            ),
            "body_html": (
                "<p>Die Wohnblöcke am Kaiserkai stammen aus den 1960er-Jahren und wurden bisher "
                "mit Gas beheizt. Die LiWo saniert sie schrittweise; die Stadtwerke bauen "
                "Solaranlagen auf die Dächer, Wärmepumpen in die Keller und zwei "
                "Batteriespeicher.</p>"
                "<h2>Ein Quartier, das mitdenkt</h2>"
                "<p>Ein Steuerungssystem verbindet alle Anlagen. Es berücksichtigt die "
                "Wettervorhersage und den typischen Verbrauch und entscheidet, wann Wärmepumpen "
                "laufen und Speicher geladen werden. Die Hochschule Lindenhafen begleitet das "
                "Projekt wissenschaftlich.</p>"
                "<p>Die Mieterinnen und Mieter können günstigen Mieterstrom beziehen. Ein "
                "Mieterbeirat begleitet das Projekt, und bei einem Bürgerforum stellen Stadtwerke "
                "und LiWo die nächsten Bauabschnitte vor.</p>"
            ),
            "data_use": {
                "collected": (
                    "Erzeugung, Speicherstand und Verbrauch je Wohnblock sowie Wetterdaten. "
                    "Verbrauchswerte einzelner Wohnungen nur, wenn Mieterinnen oder Mieter die "
                    "Verbrauchsanzeige freiwillig nutzen."
                ),
                "purpose": (
                    "Steuerung der Anlagen, Abrechnung des Mieterstroms und wissenschaftliche "
                    "Auswertung."
                ),
                "retention": (
                    "Daten je Wohnblock 3 Jahre; Verbrauchswerte einzelner Wohnungen 13 Monate "
                    "oder bis zum Widerruf der Einwilligung."
                ),
                "processor": (
                    "Stadtwerke Lindenhafen; die Hochschule Lindenhafen erhält nur Daten je "
                    "Wohnblock, keine Daten einzelner Wohnungen."
                ),
                "hosting": "Server der Stadtwerke Lindenhafen in Lindenhafen.",
            },
        },
        "en": {
            "title": "Hafenviertel energy district",
            "slug": "hafenviertel-energy-district",
            "intro": (
                "In 14 LiWo residential blocks with around 700 flats, the public utilities and the "
                "university control solar panels, batteries and heat pumps so that as much solar "
                "power as possible is used directly in the neighbourhood."
            ),
            "body_html": (
                "<p>The residential blocks on Kaiserkai date from the 1960s and have so far been "
                "heated with gas. LiWo is refurbishing them step by step; the public utilities are "
                "installing solar panels on the roofs, heat pumps in the basements and two battery "
                "storage systems.</p>"
                "<h2>A neighbourhood that thinks ahead</h2>"
                "<p>A control system connects all installations. It takes the weather forecast and "
                "typical consumption into account and decides when heat pumps run and batteries "
                "are charged. Lindenhafen University of Applied Sciences provides scientific "
                "support.</p>"
                "<p>Tenants can buy low-cost tenant electricity. A tenants' council accompanies "
                "the project, and at a citizen forum the public utilities and LiWo will present "
                "the next construction phases.</p>"
            ),
            "data_use": {
                "collected": (
                    "Generation, battery level and consumption per residential block, plus weather "
                    "data. Consumption of individual flats only if tenants choose to use the "
                    "consumption display."
                ),
                "purpose": (
                    "Controlling the installations, billing tenant electricity and scientific "
                    "evaluation."
                ),
                "retention": (
                    "Data per block for 3 years; consumption of individual flats for 13 months or "
                    "until consent is withdrawn."
                ),
                "processor": (
                    "Lindenhafen Public Utilities; Lindenhafen University of Applied Sciences "
                    "receives only data per block, no data on individual flats."
                ),
                "hosting": "Servers of Lindenhafen Public Utilities in Lindenhafen.",
            },
        },
    },
]

# Real examples cited in the study, with its figures (best-practice library).
CASE_STUDIES: list[dict[str, Any]] = [
    {
        "key": "koeln-parkpilot",
        "city": "Köln",
        "action_field": "mobility",
        "source": (
            "Smart-City-Studie (2020), Unternehmensporträt RheinEnergie: SmartCity Cologne, "
            "Klimastraße"
        ),
        "de": {
            "title": "Köln: Parkleitsystem in der Klimastraße",
            "slug": "koeln-parkleitsystem-klimastrasse",
            "intro": (
                "In der Kölner Klimastraße im Stadtteil Nippes zeigen Displays an Laternenmasten, "
                "wo Parkplätze frei sind. Das Beispiel war Vorbild für das Parkleitsystem in der "
                "Lindenhafener Altstadt."
            ),
            "body_html": (
                "<p>Die Klimastraße ist ein Abschnitt der Neusser Straße in Köln-Nippes. Im Rahmen "
                "von SmartCity Cologne, einer Initiative der Stadt Köln und der RheinEnergie, "
                "wurden dort neue Techniken im Alltag erprobt, darunter ein Parkleitsystem.</p>"
                "<p>Laut der Studie überwachen 89 Sensoren in Echtzeit rund 800 Parkplätze. 27 "
                "LED-Displays, die an bereits vorhandenen Laternenmasten angebracht wurden, zeigen "
                "Anzahl und Richtung freier Plätze und lotsen Autofahrerinnen und Autofahrer auf "
                "kürzestem Weg zu einem frei gewordenen Platz.</p>"
                "<h2>Was Lindenhafen daraus mitnimmt</h2>"
                "<p>Lindenhafen hat die Größenordnung fast unverändert übernommen: 89 Sensoren für "
                "rund 800 Stellplätze. Auch die Anzeigen hängen an vorhandenen Masten, sodass "
                "keine neuen Schilder im Straßenraum nötig sind.</p>"
            ),
            "figures": [
                {"value": "89", "label": "Parksensoren"},
                {"value": "rund 800", "label": "überwachte Parkplätze"},
                {"value": "27", "label": "LED-Displays an Laternenmasten"},
            ],
            "lessons": [
                (
                    "Vorhandene Laternenmasten eignen sich als Träger für Anzeigen und Sensorik "
                    "und sparen neue Bauwerke."
                ),
                (
                    "Echtzeitdaten zur Belegung helfen nur, wenn sie dort angezeigt werden, wo "
                    "Autofahrende entscheiden: an der Straße."
                ),
                (
                    "Ein überschaubares Testgebiet macht Wirkung und Akzeptanz messbar, bevor ein "
                    "System ausgeweitet wird."
                ),
            ],
        },
        "en": {
            "title": "Cologne: parking guidance on the Klimastraße",
            "slug": "cologne-parking-guidance-klimastrasse",
            "intro": (
                "On Cologne's Klimastraße in the Nippes district, displays on lamp posts show "
                "where parking spaces are free. The example served as the model for the parking "
                "guidance system in Lindenhafen's old town."
            ),
            "body_html": (
                "<p>The Klimastraße is a section of Neusser Straße in Cologne-Nippes. As part of "
                "SmartCity Cologne, an initiative of the City of Cologne and the utility "
                "RheinEnergie, new technologies were tested there in everyday use, including a "
                "parking guidance system.</p>"
                "<p>According to the study, 89 sensors monitor around 800 parking spaces in real "
                "time. 27 LED displays mounted on existing lamp posts show the number and "
                "direction of free spaces and guide drivers by the shortest route to a space that "
                "has just become free.</p>"
                "<h2>What Lindenhafen takes from it</h2>"
                "<p>Lindenhafen adopted almost the same scale: 89 sensors for around 800 parking "
                "spaces. Its displays also hang on existing posts, so no new signs are needed in "
                "the street.</p>"
            ),
            "figures": [
                {"value": "89", "label": "parking sensors"},
                {"value": "around 800", "label": "parking spaces monitored"},
                {"value": "27", "label": "LED displays on lamp posts"},
            ],
            "lessons": [
                (
                    "Existing lamp posts are suitable carriers for displays and sensors and avoid "
                    "new structures."
                ),
                (
                    "Real-time occupancy data only helps if it is shown where drivers make their "
                    "decisions: on the street."
                ),
                (
                    "A manageable test area makes impact and acceptance measurable before a system "
                    "is extended."
                ),
            ],
        },
    },
    {
        "key": "heidelberg-bahnstadt",
        "city": "Heidelberg",
        "action_field": "energy",
        "source": (
            "Smart-City-Studie (2020), Kapitel 1.2.2 Straßenbeleuchtung, Fallbeispiel Stadtwerke "
            "Heidelberg"
        ),
        "de": {
            "title": "Heidelberg: intelligente LED-Beleuchtung in der Bahnstadt",
            "slug": "heidelberg-led-beleuchtung-bahnstadt",
            "intro": (
                "Im Heidelberger Stadtteil Bahnstadt setzen die Stadtwerke ausschließlich "
                "LED-Leuchten mit Fernsteuerung ein. Laut der Studie ist die Beleuchtung dadurch "
                "75 Prozent effizienter."
            ),
            "body_html": (
                "<p>Die Bahnstadt ist ein neuer Stadtteil auf einem ehemaligen Bahngelände. Die "
                "Stadtwerke Heidelberg haben dort von Anfang an nur LED-Technik eingesetzt: nach "
                "Angaben der Studie über 1.000 Leuchten auf mehr als zehn Kilometern.</p>"
                "<p>Die Einsparung entsteht in zwei Stufen. Gegenüber herkömmlichen "
                "Halogen-Metalldampflampen verbrauchen LED-Leuchten bis zu 60 Prozent weniger "
                "Strom. Ein Lichtmanagement, das die Leuchten aus der Ferne steuert und dimmt, "
                "bringt nach Angaben der Studie weitere Einsparungen von bis zu 60 Prozent. "
                "Insgesamt ist die Beleuchtung damit 75 Prozent effizienter, und die CO₂-Belastung "
                "sinkt im gleichen Maß. Das gezielte Licht schont zudem Insekten.</p>"
                "<h2>Was Lindenhafen daraus mitnimmt</h2>"
                "<p>Auch in Lindenhafen werden die neuen LED-Leuchten an eine Steuerung "
                "angeschlossen. Erst die Kombination aus sparsamer Technik und bedarfsgerechtem "
                "Dimmen bringt die große Einsparung.</p>"
            ),
            "figures": [
                {"value": "über 1.000", "label": "LED-Leuchten"},
                {"value": "über 10 km", "label": "beleuchtete Straßen"},
                {"value": "75 %", "label": "effizienter als zuvor"},
            ],
            "lessons": [
                (
                    "Der Austausch der Leuchten allein reicht nicht; erst die Steuerung holt die "
                    "volle Einsparung heraus."
                ),
                (
                    "Wer Licht nur dort einsetzt, wo es gebraucht wird, spart Energie und schützt "
                    "nachtaktive Insekten."
                ),
            ],
        },
        "en": {
            "title": "Heidelberg: smart LED lighting in the Bahnstadt district",
            "slug": "heidelberg-led-lighting-bahnstadt",
            "intro": (
                "In Heidelberg's Bahnstadt district, the local utility uses only remotely "
                "controlled LED lights. According to the study, this makes the lighting 75 per "
                "cent more efficient."
            ),
            "body_html": (
                "<p>The Bahnstadt is a new district on former railway land. Stadtwerke Heidelberg "
                "used only LED technology there from the start: according to the study, more than "
                "1,000 lights along more than ten kilometres.</p>"
                "<p>The savings come in two stages. Compared with conventional metal-halide lamps, "
                "LED lights use up to 60 per cent less electricity. According to the study, a "
                "lighting management system that controls and dims the lights remotely brings "
                "further savings of up to 60 per cent. Overall, the lighting is 75 per cent more "
                "efficient, and CO₂ emissions fall to the same extent. Targeted lighting also "
                "protects insects.</p>"
                "<h2>What Lindenhafen takes from it</h2>"
                "<p>In Lindenhafen, too, the new LED lights are connected to a control system. "
                "Only the combination of efficient technology and demand-based dimming delivers "
                "the large savings.</p>"
            ),
            "figures": [
                {"value": "over 1,000", "label": "LED lights"},
                {"value": "over 10 km", "label": "of streets lit"},
                {"value": "75 %", "label": "more efficient than before"},
            ],
            "lessons": [
                (
                    "Replacing the lights alone is not enough; only the control system delivers "
                    "the full savings."
                ),
                "Using light only where it is needed saves energy and protects nocturnal insects.",
            ],
        },
    },
    {
        "key": "husum-wassernetz",
        "city": "Husum",
        "action_field": "water",
        "source": "Smart-City-Studie (2020), Kapitel 1.4, Fallbeispiel Husum Netz",
        "de": {
            "title": "Husum: Sensoren im Trinkwassernetz und Grundwassermodell",
            "slug": "husum-sensoren-trinkwassernetz",
            "intro": (
                "Husum Netz hat die Messpunkte im Trinkwassernetz von zwei auf 25 erhöht. So "
                "lassen sich Schwachstellen erkennen, bevor Rohre brechen."
            ),
            "body_html": (
                "<p>Nach Angaben der Studie gab es im Husumer Trinkwassernetz früher nur zwei "
                "Messpunkte. Heute messen insgesamt 25 Sensoren Druck, Durchflussgeschwindigkeit, "
                "Temperatur und Fließrichtung. Auffällige Veränderungen weisen auf schwache "
                "Verbindungsstellen hin, die dann vor einem Rohrbruch erneuert werden können.</p>"
                "<p>Darüber hinaus entstand gemeinsam mit dem Wasserverband Treene, der 49 "
                "Gemeinden versorgt, ein Grundwassermodell. Es führt die Daten der Brunnenfelder "
                "zusammen und simuliert, wie sich Trockenperioden auf die Versorgung auswirken.</p>"
                "<h2>Was Lindenhafen daraus mitnimmt</h2>"
                "<p>Die Stadtwerke Lindenhafen haben ebenfalls 25 Sensoren eingebaut und arbeiten "
                "beim Grundwassermodell mit dem Wasserverband Lindtal zusammen. Die Daten werden "
                "wie in Husum als kritische Infrastruktur behandelt und nicht roh "
                "veröffentlicht.</p>"
            ),
            "figures": [
                {"value": "25", "label": "Sensoren im Trinkwassernetz"},
                {"value": "2", "label": "Messpunkte vorher"},
                {"value": "49", "label": "Gemeinden im Versorgungsgebiet des Wasserverbands"},
            ],
            "lessons": [
                (
                    "Schon wenige Dutzend Sensoren verändern den Blick auf ein Netz grundlegend, "
                    "wenn sie an den richtigen Knotenpunkten sitzen."
                ),
                (
                    "Wasserversorgung endet nicht an der Stadtgrenze; Modelle für das Grundwasser "
                    "lohnen sich gemeinsam mit der Region."
                ),
            ],
        },
        "en": {
            "title": "Husum: sensors in the drinking water network and a groundwater model",
            "slug": "husum-sensors-drinking-water-network",
            "intro": (
                "The network operator Husum Netz increased the number of measuring points in its "
                "drinking water network from two to 25. This makes it possible to spot weak points "
                "before pipes burst."
            ),
            "body_html": (
                "<p>According to the study, Husum's drinking water network used to have only two "
                "measuring points. Today, a total of 25 sensors measure pressure, flow rate, "
                "temperature and direction of flow. Unusual changes point to weak joints, which "
                "can then be replaced before a pipe bursts.</p>"
                "<p>In addition, a groundwater model was developed together with the Treene water "
                "board, which supplies 49 municipalities. It combines data from the well fields "
                "and simulates how dry periods affect supply.</p>"
                "<h2>What Lindenhafen takes from it</h2>"
                "<p>Lindenhafen Public Utilities have also installed 25 sensors and are working "
                "with the Lindtal water board on a groundwater model. As in Husum, the data is "
                "treated as critical infrastructure and not published in raw form.</p>"
            ),
            "figures": [
                {"value": "25", "label": "sensors in the drinking water network"},
                {"value": "2", "label": "measuring points before"},
                {"value": "49", "label": "municipalities supplied by the water board"},
            ],
            "lessons": [
                (
                    "Even a few dozen sensors fundamentally change the view of a network if they "
                    "sit at the right junctions."
                ),
                (
                    "Water supply does not stop at the city boundary; groundwater models are worth "
                    "developing together with the region."
                ),
            ],
        },
    },
    {
        "key": "koeln-stegerwaldsiedlung",
        "city": "Köln",
        "action_field": "buildings",
        "source": (
            "Smart-City-Studie (2020), Unternehmensporträt RheinEnergie: Stegerwaldsiedlung "
            "(EU-Projekt GrowSmarter)"
        ),
        "de": {
            "title": "Köln: Quartiersenergie in der Stegerwaldsiedlung",
            "slug": "koeln-stegerwaldsiedlung",
            "intro": (
                "In der Kölner Stegerwaldsiedlung steuern lernende Algorithmen Batteriespeicher "
                "und Wärmepumpen, damit möglichst viel Solarstrom vor Ort verbraucht wird. Das "
                "EU-Projekt GrowSmarter hat das Vorhaben gefördert."
            ),
            "body_html": (
                "<p>Die Stegerwaldsiedlung umfasst laut der Studie 16 Wohnblöcke mit mehr als 700 "
                "Wohneinheiten. Im Rahmen des EU-Projekts GrowSmarter hat die RheinEnergie dort "
                "ein Energiemanagement für das ganze Quartier aufgebaut.</p>"
                "<p>Selbstlernende Algorithmen werten Anlagen-, Verbrauchs- und Wetterdaten aus. "
                "Sie steuern Batteriespeicher und Wärmepumpen so, dass der Strom aus den "
                "Photovoltaikanlagen möglichst direkt im Quartier genutzt wird.</p>"
                "<h2>Was Lindenhafen daraus mitnimmt</h2>"
                "<p>Das Energiequartier Hafenviertel hat eine ähnliche Größe: 14 Blöcke mit rund "
                "700 Wohnungen. Wie in Köln entscheidet die Steuerung auf Grundlage von Wetter- "
                "und Verbrauchsdaten. Lindenhafen wertet die Daten dabei grundsätzlich je "
                "Wohnblock aus und nicht je Wohnung.</p>"
            ),
            "figures": [
                {"value": "16", "label": "Wohnblöcke"},
                {"value": "über 700", "label": "Wohneinheiten"},
            ],
            "lessons": [
                (
                    "Quartiere sind eine gute Größe, um Erzeugung, Speicher und Verbrauch "
                    "gemeinsam zu steuern."
                ),
                "Wetterprognosen machen die Steuerung deutlich wirksamer als feste Zeitpläne.",
                (
                    "Ein EU-Förderprojekt mit mehreren Partnerstädten ermöglicht Investitionen, "
                    "die sich allein kaum tragen würden."
                ),
            ],
        },
        "en": {
            "title": "Cologne: neighbourhood energy in the Stegerwaldsiedlung",
            "slug": "cologne-stegerwaldsiedlung",
            "intro": (
                "In Cologne's Stegerwaldsiedlung estate, self-learning algorithms control "
                "batteries and heat pumps so that as much solar power as possible is used on site. "
                "The EU project GrowSmarter funded the scheme."
            ),
            "body_html": (
                "<p>According to the study, the Stegerwaldsiedlung comprises 16 residential blocks "
                "with more than 700 housing units. As part of the EU project GrowSmarter, the "
                "utility RheinEnergie set up energy management for the entire neighbourhood.</p>"
                "<p>Self-learning algorithms analyse plant, consumption and weather data. They "
                "control batteries and heat pumps so that the electricity from the solar panels is "
                "used directly in the neighbourhood as far as possible.</p>"
                "<h2>What Lindenhafen takes from it</h2>"
                "<p>The Hafenviertel energy district is of a similar size: 14 blocks with around "
                "700 flats. As in Cologne, the control system makes decisions based on weather and "
                "consumption data. Lindenhafen, however, analyses the data per residential block "
                "and not per flat.</p>"
            ),
            "figures": [
                {"value": "16", "label": "residential blocks"},
                {"value": "over 700", "label": "housing units"},
            ],
            "lessons": [
                (
                    "Neighbourhoods are a good scale for controlling generation, storage and "
                    "consumption together."
                ),
                "Weather forecasts make control much more effective than fixed schedules.",
                (
                    "An EU-funded project with several partner cities enables investment that "
                    "would hardly pay off alone."
                ),
            ],
        },
    },
    {
        "key": "rosenheim-landwerk",
        "city": "Rosenheim",
        "action_field": "energy",
        "source": (
            "Smart-City-Studie (2020), Kapitel 1.2.1 Energie, Fallbeispiel Stadtwerke Rosenheim"
        ),
        "de": {
            "title": "Rosenheim: virtuelles Kraftwerk „Rosenheimer Landwerk“",
            "slug": "rosenheim-virtuelles-kraftwerk",
            "intro": (
                "Die Stadtwerke Rosenheim bündeln Hunderte kleiner Erzeugungsanlagen zu einem "
                "virtuellen Kraftwerk und vermarkten deren Strom gemeinsam."
            ),
            "body_html": (
                "<p>Ein virtuelles Kraftwerk verbindet viele dezentrale Anlagen über eine "
                "gemeinsame Leittechnik, sodass sie am Strommarkt wie ein großes Kraftwerk "
                "auftreten. Im Rosenheimer Landwerk sind das Biogas-, Photovoltaik- und "
                "Windkraftanlagen, deren Strom direkt vermarktet wird, sowie "
                "Blockheizkraftwerke.</p>"
                "<p>Laut der Studie umfasst das Landwerk mehr als 290 Anlagen mit zusammen rund "
                "160 Megawatt Leistung. Die Anlagen liegen in allen vier deutschen Regelzonen, "
                "also nicht nur in der Region.</p>"
                "<h2>Was Lindenhafen daraus mitnimmt</h2>"
                "<p>Auch die Stadtwerke Lindenhafen wollen kleine Anlagen bündeln, etwa "
                "Solaranlagen auf Schulen und die Speicher im Energiequartier Hafenviertel. Das "
                "Rosenheimer Beispiel zeigt, dass ein Stadtwerk damit ein eigenes Geschäftsfeld "
                "aufbauen kann.</p>"
            ),
            "figures": [
                {"value": "über 290", "label": "gebündelte Anlagen"},
                {"value": "rund 160 MW", "label": "Leistung"},
                {"value": "4", "label": "Regelzonen in Deutschland"},
            ],
            "lessons": [
                "Gebündelt werden kleine Anlagen für den Strommarkt interessant.",
                (
                    "Ein virtuelles Kraftwerk kann für Stadtwerke ein Geschäftsfeld über die "
                    "eigene Stadt hinaus sein."
                ),
            ],
        },
        "en": {
            "title": "Rosenheim: the “Rosenheimer Landwerk” virtual power plant",
            "slug": "rosenheim-virtual-power-plant",
            "intro": (
                "Stadtwerke Rosenheim, the local utility, pools hundreds of small generating "
                "plants into a virtual power plant and markets their electricity jointly."
            ),
            "body_html": (
                "<p>A virtual power plant connects many decentralised installations through a "
                "shared control system so that they act on the electricity market like one large "
                "power station. In the Rosenheimer Landwerk, these are biogas, solar and wind "
                "plants whose electricity is sold directly, together with combined heat and power "
                "plants.</p>"
                "<p>According to the study, the Landwerk comprises more than 290 plants with a "
                "combined capacity of around 160 megawatts. They are located in all four German "
                "control areas, not only in the region.</p>"
                "<h2>What Lindenhafen takes from it</h2>"
                "<p>Lindenhafen Public Utilities also want to pool small installations, such as "
                "solar panels on schools and the batteries in the Hafenviertel energy district. "
                "The Rosenheim example shows that a municipal utility can build a business of its "
                "own this way.</p>"
            ),
            "figures": [
                {"value": "over 290", "label": "plants pooled"},
                {"value": "around 160 MW", "label": "capacity"},
                {"value": "4", "label": "control areas in Germany"},
            ],
            "lessons": [
                "Pooled together, small plants become attractive for the electricity market.",
                (
                    "A virtual power plant can be a business for municipal utilities that reaches "
                    "beyond their own city."
                ),
            ],
        },
    },
    {
        "key": "aalen-heidenheim",
        "city": "Aalen und Heidenheim",
        "action_field": "governance",
        "source": (
            "Smart-City-Studie (2020), Kapitel 4.2, Handlungsempfehlung 3 (Infokasten "
            "Aalen/Heidenheim)"
        ),
        "de": {
            "title": "Aalen und Heidenheim: gemeinsam zur Smart City",
            "slug": "aalen-heidenheim-interkommunal",
            "intro": (
                "Die Städte Aalen und Heidenheim haben sich gemeinsam im Wettbewerb „Smart Cities“ "
                "beworben und wurden als eines von zwölf interkommunalen Projekten ausgewählt."
            ),
            "body_html": (
                "<p>Die Studie nennt die Zusammenarbeit von Aalen und Heidenheim als Beispiel "
                "dafür, wie Kommunen Fördermittel gemeinsam gewinnen können. Die beiden Städte "
                "brachten fünf Projektideen in ihre gemeinsame Bewerbung ein. Ein privater "
                "Dienstleister begleitete die Antragstellung.</p>"
                "<p>Im Wettbewerb „Smart Cities“ wurden zwölf interkommunale Projekte ausgewählt, "
                "darunter das von Aalen und Heidenheim. Die Studie empfiehlt solche geförderten "
                "Partnerschaften ausdrücklich als Weg, die Finanzierung zu sichern und "
                "übertragbare Lösungen zu entwickeln.</p>"
                "<h2>Was Lindenhafen daraus mitnimmt</h2>"
                "<p>Lindenhafen betreibt das LoRaWAN-Netz und die Hochwasser-Frühwarnung gemeinsam "
                "mit dem Landkreis Lindtal. Die Gemeinden im Landkreis können das Netz mitnutzen "
                "und Erfahrungen aus Lindenhafen übernehmen.</p>"
            ),
            "figures": [
                {"value": "2", "label": "Städte in einer Bewerbung"},
                {"value": "5", "label": "gemeinsame Projektideen"},
                {"value": "12", "label": "ausgewählte interkommunale Projekte"},
            ],
            "lessons": [
                (
                    "Gemeinsame Bewerbungen verteilen den Aufwand und erhöhen die Chancen auf "
                    "Fördermittel."
                ),
                (
                    "Lösungen, die von Anfang an für mehrere Kommunen gedacht sind, lassen sich "
                    "leichter übertragen."
                ),
                (
                    "Externe Unterstützung bei der Antragstellung kann sich gerade für kleinere "
                    "Verwaltungen lohnen."
                ),
            ],
        },
        "en": {
            "title": "Aalen and Heidenheim: becoming smart cities together",
            "slug": "aalen-heidenheim-inter-municipal",
            "intro": (
                "The towns of Aalen and Heidenheim applied jointly in the “Smart Cities” "
                "competition and were selected as one of twelve inter-municipal projects."
            ),
            "body_html": (
                "<p>The study cites the cooperation between Aalen and Heidenheim as an example of "
                "how municipalities can win funding together. The two towns put five project ideas "
                "into their joint application. A private service provider supported the "
                "application.</p>"
                "<p>Twelve inter-municipal projects were selected in the “Smart Cities” "
                "competition, including that of Aalen and Heidenheim. The study explicitly "
                "recommends such funded partnerships as a way to secure financing and develop "
                "transferable solutions.</p>"
                "<h2>What Lindenhafen takes from it</h2>"
                "<p>Lindenhafen runs the LoRaWAN network and the flood early warning system "
                "together with Lindtal District. The municipalities in the district can share the "
                "network and build on Lindenhafen's experience.</p>"
            ),
            "figures": [
                {"value": "2", "label": "towns in one application"},
                {"value": "5", "label": "joint project ideas"},
                {"value": "12", "label": "inter-municipal projects selected"},
            ],
            "lessons": [
                "Joint applications share the workload and improve the chances of funding.",
                (
                    "Solutions designed for several municipalities from the start are easier to "
                    "transfer."
                ),
                (
                    "External support with the application can pay off, especially for smaller "
                    "administrations."
                ),
            ],
        },
    },
]

# News items.
NEWS: list[dict[str, Any]] = [
    {
        "days_ago": 4,
        "action_field": "mobility",
        "project": "parkleitsystem-altstadt",
        "de": {
            "title": "Parkleitsystem in der Altstadt vollständig in Betrieb",
            "slug": "parkleitsystem-altstadt-in-betrieb",
            "intro": (
                "Alle 89 Sensoren und 24 Anzeigetafeln arbeiten. Freie Stellplätze in der Altstadt "
                "sehen Sie jetzt an der Straße, auf diesem Portal und als offene Daten."
            ),
            "body_html": (
                "<p>Nach gut zwei Jahren Planung und Bau ist das Parkleitsystem in der Altstadt "
                "fertig. Die letzten Anzeigetafeln am Marktplatz und an der Schlossstraße sind "
                "seit dieser Woche in Betrieb.</p>"
                "<p>Erste Auswertungen der Verkehrsbetriebe zeigen, dass die durchschnittliche "
                "Parksuchzeit von neun auf unter sieben Minuten gesunken ist. Ziel sind fünf "
                "Minuten. Die Verkehrsbetriebe beobachten die Entwicklung ein Jahr lang und "
                "berichten dann dem Stadtrat.</p>"
                "<p>Hinweise zu falschen Anzeigen können Sie über den Mängelmelder in der "
                "Kategorie „Parken und Parkleitsystem“ geben.</p>"
            ),
        },
        "en": {
            "title": "Old town parking guidance system fully operational",
            "slug": "old-town-parking-guidance-operational",
            "intro": (
                "All 89 sensors and 24 display boards are working. You can now see free parking "
                "spaces in the old town on the street, on this portal and as open data."
            ),
            "body_html": (
                "<p>After just over two years of planning and construction, the parking guidance "
                "system in the old town is complete. The last display boards at the market square "
                "and on Schlossstraße have been in operation since this week.</p>"
                "<p>Initial analyses by public transport show that the average time spent "
                "searching for parking has fallen from nine to under seven minutes. The target is "
                "five minutes. Public transport will monitor developments for one year and then "
                "report to the city council.</p>"
                "<p>You can report incorrect displays through the defect reporter under the "
                "category “Parking and parking guidance”.</p>"
            ),
        },
    },
    {
        "days_ago": 9,
        "action_field": "education-society",
        "project": "zukunftswerkstatt",
        "de": {
            "title": "Zukunftswerkstatt „Lindenhafen 2030“: Jetzt anmelden",
            "slug": "zukunftswerkstatt-anmeldung",
            "intro": (
                "Mit einem ganztägigen Auftakt in der Stadthalle beginnt die Zukunftswerkstatt zur "
                "Fortschreibung der Smart-City-Strategie. Die Teilnahme ist kostenlos."
            ),
            "body_html": (
                "<p>Was hat die Smart-City-Strategie seit 2024 gebracht, und was soll sich ändern? "
                "Darüber möchte die Stadt mit Ihnen sprechen. Eingeladen sind alle, die in "
                "Lindenhafen wohnen, arbeiten oder zur Schule gehen. Vorkenntnisse brauchen Sie "
                "nicht.</p>"
                "<p>Die Plätze sind begrenzt. Melden Sie sich bitte online oder telefonisch bei "
                "der Stabsstelle Smart City an. Für Kinder gibt es eine Betreuung, und "
                "Gebärdensprachdolmetschung ist auf Wunsch möglich. Den genauen Termin finden Sie "
                "im Veranstaltungskalender.</p>"
                "<p>Wer beim Auftakt keine Zeit hat, kann an einem der vier folgenden Abende in "
                "den Stadtteilen teilnehmen.</p>"
            ),
        },
        "en": {
            "title": "“Lindenhafen 2030” future workshop: register now",
            "slug": "future-workshop-registration",
            "intro": (
                "The future workshop on updating the smart-city strategy begins with a full-day "
                "kick-off at the Stadthalle. Taking part is free of charge."
            ),
            "body_html": (
                "<p>What has the smart-city strategy achieved since 2024, and what should change? "
                "The city would like to discuss this with you. Everyone who lives, works or goes "
                "to school in Lindenhafen is invited. No prior knowledge is needed.</p>"
                "<p>Places are limited. Please register online or by phone with the Smart City "
                "Unit. Childcare is provided, and sign language interpreting is available on "
                "request. You will find the exact date in the events calendar.</p>"
                "<p>If you cannot make the kick-off, you can join one of the four evenings that "
                "follow in the districts.</p>"
            ),
        },
    },
    {
        "days_ago": 16,
        "action_field": "waste",
        "project": "sensor-papierkoerbe",
        "de": {
            "title": "Sensor-Papierkörbe in der Nordstadt: erste Bilanz",
            "slug": "sensor-papierkoerbe-erste-bilanz",
            "intro": (
                "Seit die Papierkörbe in der Nordstadt ihren Füllstand melden, fahren die Teams "
                "des Abfallwirtschaftsbetriebs ein Viertel weniger Kilometer. Beschwerden über "
                "überfüllte Behälter sind deutlich seltener geworden."
            ),
            "body_html": (
                "<p>Sechs Monate nach dem Start des Regelbetriebs zieht der "
                "Abfallwirtschaftsbetrieb eine positive Zwischenbilanz. Im Pilotgebiet sank die "
                "wöchentliche Fahrstrecke für Leerungen von 420 auf rund 310 Kilometer. Die "
                "Meldungen über überfüllte Papierkörbe gingen von 38 auf 14 im Monat zurück.</p>"
                "<p>Nicht alles lief glatt: Einige Sensoren an Containern mit Metalldeckeln hatten "
                "anfangs schlechten Empfang. Tonnenfunk hat die Antennen angepasst.</p>"
                "<p>Im Sommer 2027 entscheidet die Lenkungsgruppe, ob die Sensoren in der ganzen "
                "Stadt eingesetzt werden.</p>"
            ),
        },
        "en": {
            "title": "Sensor litter bins in Nordstadt: first results",
            "slug": "sensor-litter-bins-first-results",
            "intro": (
                "Since the litter bins in Nordstadt started reporting their fill levels, the waste "
                "management teams have been driving a quarter fewer kilometres. Complaints about "
                "overflowing bins have become much less frequent."
            ),
            "body_html": (
                "<p>Six months after regular operation began, the waste management company has "
                "drawn positive interim conclusions. In the pilot area, the weekly distance driven "
                "for emptying fell from 420 to around 310 kilometres. Reports of overflowing "
                "litter bins dropped from 38 to 14 a month.</p>"
                "<p>Not everything went smoothly: at first, some sensors on containers with metal "
                "lids had poor reception. Tonnenfunk has adjusted the antennas.</p>"
                "<p>In summer 2027, the steering group will decide whether to use the sensors "
                "across the whole city.</p>"
            ),
        },
    },
    {
        "days_ago": 25,
        "action_field": "security",
        "project": "hochwasser-fruehwarnung",
        "de": {
            "title": "Neue Pegel melden Wasserstände der Linde in Echtzeit",
            "slug": "neue-pegel-linde",
            "intro": (
                "Sieben von neun geplanten Pegeln übertragen ihre Messwerte inzwischen alle fünf "
                "Minuten. Die aktuellen Wasserstände finden Sie auf der Karte dieses Portals."
            ),
            "body_html": (
                "<p>Die Stadtentwässerung hat in den vergangenen Wochen drei weitere Pegel in "
                "Betrieb genommen, zwei davon flussaufwärts im Landkreis Lindtal. Je weiter oben "
                "am Fluss gemessen wird, desto früher lässt sich erkennen, dass ein Hochwasser "
                "kommt.</p>"
                "<p>Die Vorwarnzeit für das Hafenviertel liegt nach ersten Berechnungen bereits "
                "bei rund fünf Stunden. Mit allen neun Pegeln sollen es acht Stunden werden.</p>"
                "<p>Ab sofort können Sie Warnungen für Ihren Stadtteil per E-Mail oder SMS "
                "abonnieren. Ihre Kontaktdaten werden nur dafür verwendet und nach der Abmeldung "
                "gelöscht.</p>"
            ),
        },
        "en": {
            "title": "New gauges report River Linde water levels in real time",
            "slug": "new-gauges-river-linde",
            "intro": (
                "Seven of the nine planned gauges now transmit their readings every five minutes. "
                "You can find the current water levels on this portal's map."
            ),
            "body_html": (
                "<p>In recent weeks, drainage services have put three more gauges into operation, "
                "two of them upstream in Lindtal District. The further upstream the river is "
                "measured, the sooner an approaching flood can be detected.</p>"
                "<p>According to initial calculations, the warning time for Hafenviertel is "
                "already around five hours. With all nine gauges, it is expected to reach eight "
                "hours.</p>"
                "<p>You can now subscribe to warnings for your district by e-mail or text message. "
                "Your contact details are used only for this purpose and deleted when you "
                "unsubscribe.</p>"
            ),
        },
    },
    {
        "days_ago": 38,
        "action_field": "governance",
        "project": "open-data-portal",
        "de": {
            "title": "Open-Data-Portal wächst: fast 70 Datensätze frei verfügbar",
            "slug": "open-data-portal-70-datensaetze",
            "intro": (
                "Ein knappes Jahr nach dem Start bietet das Open-Data-Portal fast viermal so viele "
                "Datensätze wie zu Beginn. Neu sind unter anderem Verkehrszählungen und "
                "Luftmesswerte."
            ),
            "body_html": (
                "<p>Zum Start des Portals standen 18 Datensätze bereit. Inzwischen sind es fast "
                "70, von Haltestellen und Fahrplänen über Baustellen bis zu Messwerten aus dem "
                "Sensornetz. Alle Daten dürfen frei genutzt werden, auch für kommerzielle "
                "Angebote.</p>"
                "<p>Der Verein Offene Daten Lindenhafen hat aus den Daten bereits eine Karte der "
                "Luftqualität und eine Übersicht freier Ladepunkte gebaut. Haben Sie Wünsche, "
                "welche Daten als Nächstes veröffentlicht werden sollen? Schreiben Sie der "
                "Stabsstelle Smart City.</p>"
            ),
        },
        "en": {
            "title": "Open-data portal grows: almost 70 datasets freely available",
            "slug": "open-data-portal-70-datasets",
            "intro": (
                "Almost a year after its launch, the open-data portal offers nearly four times as "
                "many datasets as at the start. New additions include traffic counts and "
                "air-quality readings."
            ),
            "body_html": (
                "<p>When the portal was launched, 18 datasets were available. There are now almost "
                "70, ranging from stops and timetables to roadworks and readings from the sensor "
                "network. All data may be used freely, including for commercial services.</p>"
                "<p>The association Offene Daten Lindenhafen has already used the data to build an "
                "air-quality map and an overview of free charging points. Is there data you would "
                "like to see published next? Write to the Smart City Unit.</p>"
            ),
        },
    },
    {
        "days_ago": 57,
        "action_field": "economy",
        "project": "passantenzaehlung-wlan",
        "de": {
            "title": "Passantenzählung per WLAN wird nicht fortgesetzt",
            "slug": "passantenzaehlung-wlan-gestoppt",
            "intro": (
                "Die Lenkungsgruppe Smart City hat die geplante Zählung von Passantinnen und "
                "Passanten über WLAN-Signale gestoppt. Der Schutz vor Bewegungsprofilen war nicht "
                "sicher genug."
            ),
            "body_html": (
                "<p>Die Stadt und die Werbegemeinschaft Altstadt wollten herausfinden, wie gut die "
                "Fußgängerzone besucht ist. Dazu sollten Sensoren die WLAN-Signale von Smartphones "
                "erfassen. Die Datenschutz-Folgenabschätzung hat ergeben, dass sich daraus trotz "
                "Verschlüsselung Wege einzelner Menschen nachzeichnen ließen.</p>"
                "<p>„Wir wollen wissen, wie viele Menschen in der Altstadt unterwegs sind – aber "
                "nicht, wer“, erklärt die Leiterin der Stabsstelle Smart City. Die Daten aus dem "
                "zweiwöchigen Probebetrieb wurden gelöscht.</p>"
                "<p>Als Nächstes prüft die Stadt einfache Lichtschranken, die nur zählen. Die "
                "Ergebnisse der Prüfung veröffentlichen wir auf der Projektseite.</p>"
            ),
        },
        "en": {
            "title": "WiFi-based pedestrian counting will not continue",
            "slug": "wifi-pedestrian-counting-stopped",
            "intro": (
                "The Smart City steering group has stopped the planned counting of pedestrians "
                "using WiFi signals. Protection against movement profiles was not reliable enough."
            ),
            "body_html": (
                "<p>The city and the old town retailers' association wanted to find out how busy "
                "the pedestrian zone is. For this, sensors were to detect the WiFi signals of "
                "smartphones. The data protection impact assessment showed that, despite "
                "encryption, the routes of individual people could be traced from the data.</p>"
                "<p>“We want to know how many people are out and about in the old town – but not "
                "who they are,” says the head of the Smart City Unit. The data from the two-week "
                "trial has been deleted.</p>"
                "<p>Next, the city will look at simple light barriers that only count. We will "
                "publish the results of this review on the project page.</p>"
            ),
        },
    },
    {
        "days_ago": 71,
        "action_field": "buildings",
        "project": "energiequartier-hafenviertel",
        "de": {
            "title": "EU fördert Energiequartier Hafenviertel",
            "slug": "eu-foerderung-energiequartier-hafenviertel",
            "intro": (
                "Das Energiequartier Hafenviertel ist jetzt Teil eines europäischen "
                "Forschungsprojekts. Für Lindenhafen bedeutet das eine Förderung der "
                "Steuerungstechnik und der wissenschaftlichen Begleitung."
            ),
            "body_html": (
                "<p>Gemeinsam mit Städten aus vier weiteren EU-Ländern erprobt Lindenhafen, wie "
                "Wohnquartiere ihren Energiebedarf möglichst selbst decken können. Die EU fördert "
                "Steuerungstechnik, Speicher und die Auswertung durch die Hochschule "
                "Lindenhafen.</p>"
                "<p>Die Partnerstädte tauschen ihre Erfahrungen regelmäßig aus. So kann "
                "Lindenhafen Lösungen übernehmen, die sich anderswo bewährt haben, und eigene "
                "Ergebnisse weitergeben.</p>"
                "<p>Für die Mieterinnen und Mieter der LiWo ändert sich an der Miete durch die "
                "Förderung nichts. Wer möchte, kann künftig günstigen Mieterstrom aus dem Quartier "
                "beziehen.</p>"
            ),
        },
        "en": {
            "title": "EU funds the Hafenviertel energy district",
            "slug": "eu-funding-hafenviertel-energy-district",
            "intro": (
                "The Hafenviertel energy district is now part of a European research project. For "
                "Lindenhafen, this means funding for the control technology and for scientific "
                "evaluation."
            ),
            "body_html": (
                "<p>Together with cities from four other EU countries, Lindenhafen is testing how "
                "residential neighbourhoods can meet as much of their own energy needs as "
                "possible. The EU is funding control technology, storage and the evaluation by "
                "Lindenhafen University of Applied Sciences.</p>"
                "<p>The partner cities exchange their experience regularly. This lets Lindenhafen "
                "adopt solutions that have proved themselves elsewhere and pass on its own "
                "results.</p>"
                "<p>The funding does not change the rent for LiWo tenants. Those who wish can buy "
                "low-cost tenant electricity from the neighbourhood in future.</p>"
            ),
        },
    },
    {
        "days_ago": 44,
        "action_field": None,
        "project": None,
        "de": {
            "title": "Lenkungsgruppe zieht Zwischenbilanz: 16 Projekte in zwölf Handlungsfeldern",
            "slug": "lenkungsgruppe-zwischenbilanz",
            "intro": (
                "Zwei Jahre nach dem Beschluss der Smart-City-Strategie sind drei Projekte "
                "abgeschlossen und neun in Umsetzung. Ein Projekt wurde gestoppt."
            ),
            "body_html": (
                "<p>Die Lenkungsgruppe Smart City hat in ihrer jüngsten Sitzung den Stand aller "
                "Vorhaben besprochen. Abgeschlossen sind das LoRaWAN-Netz, das Open-Data-Portal "
                "und die Sensoren im Trinkwassernetz. Das Parkleitsystem in der Altstadt steht "
                "kurz vor der Fertigstellung.</p>"
                "<h2>Was gut läuft und was nicht</h2>"
                "<p>Gut voran kommen die Umstellung der Straßenbeleuchtung und die Online-Dienste. "
                "Langsamer als geplant geht der Ausbau des öffentlichen WLAN, weil an einigen "
                "Standorten Glasfaser fehlt. Die Passantenzählung per WLAN wurde aus "
                "Datenschutzgründen gestoppt.</p>"
                "<p>2027 wird die Strategie fortgeschrieben. Dazu beginnt in Kürze eine Reihe von "
                "Zukunftswerkstätten, zu der alle Einwohnerinnen und Einwohner eingeladen sind. "
                "Das Protokoll der Sitzung finden Sie auf der Strategieseite.</p>"
            ),
        },
        "en": {
            "title": "Steering group takes stock: 16 projects in twelve action fields",
            "slug": "steering-group-interim-review",
            "intro": (
                "Two years after the smart-city strategy was adopted, three projects have been "
                "completed and nine are being implemented. One project has been stopped."
            ),
            "body_html": (
                "<p>At its most recent meeting, the Smart City steering group discussed the status "
                "of all projects. The LoRaWAN network, the open-data portal and the sensors in the "
                "drinking water network have been completed. The parking guidance system in the "
                "old town is nearly finished.</p>"
                "<h2>What is going well and what is not</h2>"
                "<p>The conversion of street lighting and the online services are making good "
                "progress. Public WiFi is expanding more slowly than planned because some "
                "locations lack fibre. WiFi-based pedestrian counting was stopped for data "
                "protection reasons.</p>"
                "<p>The strategy will be updated in 2027. To prepare, a series of future workshops "
                "will start shortly, and all residents are invited. The minutes of the meeting are "
                "available on the strategy page.</p>"
            ),
        },
    },
]

# Events: workshop, information_event, future_workshop or citizen_forum.
EVENTS: list[dict[str, Any]] = [
    {
        "days_from_now": 23,
        "start_hour": 10,
        "duration_hours": 6.0,
        "format": "future_workshop",
        "registration_url": "https://beteiligung.lindenhafen.example/zukunftswerkstatt-2030",
        "district": "altstadt",
        "de": {
            "title": "Zukunftswerkstatt „Lindenhafen 2030“ – Auftakt",
            "slug": "zukunftswerkstatt-lindenhafen-2030-auftakt",
            "intro": (
                "Wie soll Lindenhafen im Jahr 2030 aussehen? Beim ganztägigen Auftakt der "
                "Zukunftswerkstatt sammeln Sie Kritik und Ideen für die Fortschreibung der "
                "Smart-City-Strategie."
            ),
            "body_html": (
                "<p>Die Zukunftswerkstatt läuft in drei Phasen ab:</p>"
                "<ol>"
                "<li><strong>Kritik:</strong> Was stört Sie, was funktioniert nicht?</li>"
                "<li><strong>Ideen:</strong> Wie könnte es besser werden – ohne Denkverbote?</li>"
                "<li><strong>Umsetzung:</strong> Welche Ideen sind machbar, und wer muss dafür was "
                "tun?</li></ol>"
                "<p>Sie arbeiten in kleinen Gruppen, die ein Team der Hochschule Lindenhafen "
                "moderiert. Für Mittagessen und Getränke ist gesorgt. Die Teilnahme ist kostenlos; "
                "bitte melden Sie sich an, damit wir besser planen können. Sie können sich auch "
                "telefonisch unter 01234 567-480 anmelden.</p>"
            ),
            "location_name": "Stadthalle Lindenhafen, Großer Saal",
            "address": "Am Stadtpark 2, 12345 Lindenhafen",
            "accessibility": (
                "Stufenloser Zugang über den Eingang am Stadtpark, Aufzug und barrierefreie "
                "Toiletten. Im Saal gibt es eine induktive Höranlage. Gebärdensprachdolmetschung "
                "und Unterlagen in Leichter Sprache erhalten Sie, wenn Sie dies bis eine Woche "
                "vorher bei der Anmeldung angeben. Kinderbetreuung vor Ort."
            ),
        },
        "en": {
            "title": "“Lindenhafen 2030” future workshop – kick-off",
            "slug": "future-workshop-lindenhafen-2030-kick-off",
            "intro": (
                "What should Lindenhafen look like in 2030? At the full-day kick-off of the future "
                "workshop, you collect criticism and ideas for updating the smart-city strategy."
            ),
            "body_html": (
                "<p>The future workshop runs in three phases:</p>"
                "<ol>"
                "<li><strong>Criticism:</strong> what bothers you, what does not work?</li>"
                "<li><strong>Ideas:</strong> how could things be better – with no idea off "
                "limits?</li>"
                "<li><strong>Implementation:</strong> which ideas are feasible, and who needs to "
                "do what?</li></ol>"
                "<p>You work in small groups moderated by a team from Lindenhafen University of "
                "Applied Sciences. Lunch and drinks are provided. Taking part is free; please "
                "register so that we can plan better. You can also register by phone on +49 1234 "
                "567-480.</p>"
            ),
            "location_name": "Stadthalle Lindenhafen, main hall",
            "address": "Am Stadtpark 2, 12345 Lindenhafen",
            "accessibility": (
                "Step-free access via the Stadtpark entrance, lift and accessible toilets. The "
                "hall has an induction hearing loop. Sign language interpreting and documents in "
                "Easy Read German are available if you request them when registering, at least one "
                "week in advance. Childcare on site."
            ),
        },
    },
    {
        "days_from_now": 8,
        "start_hour": 15,
        "duration_hours": 2.0,
        "format": "information_event",
        "registration_url": "",
        "district": "suedstadt",
        "de": {
            "title": "Online-Dienste der Stadt: Was geht schon digital?",
            "slug": "online-dienste-infonachmittag-suedstadt",
            "intro": (
                "Die Netzlotsen und das Amt für Digitalisierung zeigen, welche Anliegen Sie schon "
                "online erledigen können und wie das Schritt für Schritt funktioniert. Eine "
                "Anmeldung ist nicht nötig."
            ),
            "body_html": (
                "<p>Wie beantrage ich einen Anwohnerparkausweis online? Wie bezahle ich einen "
                "Gebührenbescheid mit dem QR-Code? Und was mache ich, wenn ich nicht weiterkomme? "
                "Diese Fragen beantworten wir an diesem Nachmittag in Ruhe und ohne "
                "Fachbegriffe.</p>"
                "<p>Bringen Sie gern Ihr eigenes Smartphone oder Tablet mit. Es stehen auch Geräte "
                "zum Ausprobieren bereit. Im Anschluss beraten die Netzlotsen Sie persönlich.</p>"
            ),
            "location_name": "Stadtteilbibliothek Südstadt",
            "address": "Lindenallee 48, 12347 Lindenhafen",
            "accessibility": (
                "Ebenerdiger Zugang, barrierefreie Toilette im Erdgeschoss. Vorträge mit Mikrofon "
                "und Beamer in großer Schrift. Gebärdensprachdolmetschung auf Anfrage bis eine "
                "Woche vorher."
            ),
        },
        "en": {
            "title": "The city's online services: what can already be done digitally?",
            "slug": "online-services-information-afternoon-suedstadt",
            "intro": (
                "The digital guides and the Digitalisation Office show which matters you can "
                "already handle online and how this works step by step. No registration needed."
            ),
            "body_html": (
                "<p>How do I apply for a residents' parking permit online? How do I pay a fee "
                "notice with the QR code? And what do I do if I get stuck? We will answer these "
                "questions at a relaxed pace and without jargon.</p>"
                "<p>Feel free to bring your own smartphone or tablet. Devices are also available "
                "to try out. Afterwards, the digital guides will give you personal advice.</p>"
            ),
            "location_name": "Südstadt district library",
            "address": "Lindenallee 48, 12347 Lindenhafen",
            "accessibility": (
                "Level access, accessible toilet on the ground floor. Talks use a microphone and a "
                "projector with large text. Sign language interpreting on request up to one week "
                "in advance."
            ),
        },
    },
    {
        "days_from_now": 15,
        "start_hour": 18,
        "duration_hours": 2.5,
        "format": "citizen_forum",
        "registration_url": "",
        "district": "hafenviertel",
        "de": {
            "title": "Bürgerforum Energiequartier Hafenviertel",
            "slug": "buergerforum-energiequartier-hafenviertel",
            "intro": (
                "Stadtwerke und LiWo stellen die nächsten Bauabschnitte im Energiequartier vor und "
                "beantworten Ihre Fragen zu Baustellen, Mieterstrom und Datenschutz."
            ),
            "body_html": (
                "<p>Im kommenden Jahr werden fünf weitere Wohnblöcke am Kaiserkai an Solaranlagen "
                "und Wärmepumpen angeschlossen. Beim Bürgerforum erfahren Sie, wann in welchem "
                "Haus gearbeitet wird und was das für Sie bedeutet.</p>"
                "<p>Außerdem geht es um den Mieterstrom: Was kostet er, wie wechsle ich, und "
                "welche Daten werden dafür verarbeitet? Der Mieterbeirat berichtet von seinen "
                "bisherigen Erfahrungen. Ihre Fragen können Sie vorab per E-Mail an "
                "smartcity@lindenhafen.example schicken.</p>"
            ),
            "location_name": "Nachbarschaftszentrum Hafenviertel",
            "address": "Kaiserkai 17, 12349 Lindenhafen",
            "accessibility": (
                "Stufenloser Zugang über eine Rampe, barrierefreie Toilette. Induktive Höranlage "
                "im Veranstaltungsraum. Dolmetschung in Türkisch und Arabisch vor Ort; "
                "Gebärdensprachdolmetschung auf Anfrage."
            ),
        },
        "en": {
            "title": "Citizen forum on the Hafenviertel energy district",
            "slug": "citizen-forum-hafenviertel-energy-district",
            "intro": (
                "The public utilities and LiWo present the next construction phases in the energy "
                "district and answer your questions about building work, tenant electricity and "
                "data protection."
            ),
            "body_html": (
                "<p>Next year, five more residential blocks on Kaiserkai will be connected to "
                "solar panels and heat pumps. At the citizen forum, you will find out when work "
                "will take place in which building and what this means for you.</p>"
                "<p>Tenant electricity is also on the agenda: what does it cost, how do I switch, "
                "and what data is processed for it? The tenants' council will report on its "
                "experience so far. You can send your questions in advance by e-mail to "
                "smartcity@lindenhafen.example.</p>"
            ),
            "location_name": "Hafenviertel neighbourhood centre",
            "address": "Kaiserkai 17, 12349 Lindenhafen",
            "accessibility": (
                "Step-free access via a ramp, accessible toilet. Induction hearing loop in the "
                "event room. Interpreting into Turkish and Arabic on site; sign language "
                "interpreting on request."
            ),
        },
    },
    {
        "days_from_now": 43,
        "start_hour": 17,
        "duration_hours": 3.0,
        "format": "workshop",
        "registration_url": "https://beteiligung.lindenhafen.example/workshop-offene-daten",
        "district": "lindenhoehe",
        "de": {
            "title": "Workshop: Mit offenen Daten der Stadt arbeiten",
            "slug": "workshop-offene-daten",
            "intro": (
                "Sie möchten mit Verkehrszählungen, Luftmesswerten oder Parkplatzdaten eigene "
                "Auswertungen oder Apps bauen? In diesem Workshop lernen Sie das Open-Data-Portal "
                "und seine Schnittstelle kennen."
            ),
            "body_html": (
                "<p>Der Workshop richtet sich an Studierende, Schülerinnen und Schüler ab Klasse "
                "10, Entwicklerinnen und Entwickler und alle, die neugierig sind. "
                "Programmierkenntnisse sind hilfreich, aber nicht Voraussetzung.</p>"
                "<ul>"
                "<li>Welche Daten gibt es, und wie sind sie beschrieben?</li>"
                "<li>Daten herunterladen und in einer Tabellenkalkulation auswerten</li>"
                "<li>Echtzeitdaten über die Programmierschnittstelle abrufen</li>"
                "<li>Welche Daten fehlen Ihnen? Wünsche an die Stadt</li></ul>"
                "<p>Der Workshop findet gemeinsam mit dem Verein Offene Daten Lindenhafen statt. "
                "Bitte bringen Sie ein Notebook mit; einige Leihgeräte sind vorhanden.</p>"
            ),
            "location_name": "Hochschule Lindenhafen, Gebäude C, Raum C 104",
            "address": "Hochschulring 5, 12351 Lindenhafen",
            "accessibility": (
                "Stufenloser Zugang über den Haupteingang, Aufzug zu allen Etagen, barrierefreie "
                "Toiletten im Erdgeschoss. Höhenverstellbare Arbeitstische. "
                "Gebärdensprachdolmetschung auf Anfrage bei der Anmeldung."
            ),
        },
        "en": {
            "title": "Workshop: working with the city's open data",
            "slug": "workshop-open-data",
            "intro": (
                "Would you like to build your own analyses or apps with traffic counts, "
                "air-quality readings or parking data? In this workshop, you will get to know the "
                "open-data portal and its interface."
            ),
            "body_html": (
                "<p>The workshop is aimed at students, school pupils from year 10, developers and "
                "anyone who is curious. Programming skills are helpful but not required.</p>"
                "<ul>"
                "<li>What data is there, and how is it described?</li>"
                "<li>Downloading data and analysing it in a spreadsheet</li>"
                "<li>Retrieving real-time data through the programming interface</li>"
                "<li>What data is missing? Requests to the city</li></ul>"
                "<p>The workshop is run together with the association Offene Daten Lindenhafen. "
                "Please bring a laptop; a few loan devices are available.</p>"
            ),
            "location_name": "Lindenhafen University of Applied Sciences, Building C, Room C 104",
            "address": "Hochschulring 5, 12351 Lindenhafen",
            "accessibility": (
                "Step-free access via the main entrance, lift to all floors, accessible toilets on "
                "the ground floor. Height-adjustable work tables. Sign language interpreting on "
                "request when registering."
            ),
        },
    },
    {
        "days_from_now": 64,
        "start_hour": 16,
        "duration_hours": 2.0,
        "format": "workshop",
        "registration_url": "https://beteiligung.lindenhafen.example/kuehle-orte",
        "district": "suedstadt",
        "de": {
            "title": "Workshop „Kühle Orte für Lindenhafen“",
            "slug": "workshop-kuehle-orte",
            "intro": (
                "Wo finden Sie an heißen Tagen Schatten, Kühle und Trinkwasser? Gemeinsam mit "
                "Umweltamt und Klinikum sammeln wir Orte für eine Hitzekarte und besprechen, wie "
                "Warnungen alle erreichen."
            ),
            "body_html": (
                "<p>Die Karte kühler Orte ist bisher eine Idee. Damit sie wirklich hilft, brauchen "
                "wir Ihr Wissen: Welche Orte kennen Sie? Was brauchen ältere Menschen, Familien "
                "mit kleinen Kindern oder Menschen ohne Wohnung bei Hitze?</p>"
                "<p>Wir arbeiten mit großen Stadtplänen auf Papier, Sie brauchen also kein "
                "Smartphone. Die Ergebnisse fließen in die Planung des Projekts ein.</p>"
            ),
            "location_name": "Seniorenzentrum Südstadt, Gemeinschaftsraum",
            "address": "Auenweg 3, 12347 Lindenhafen",
            "accessibility": (
                "Vollständig barrierefreies Gebäude mit automatischen Türen und barrierefreien "
                "Toiletten. Mobile Höranlage vorhanden. Sitzplätze mit Armlehnen. "
                "Gebärdensprachdolmetschung auf Anfrage bis eine Woche vorher."
            ),
        },
        "en": {
            "title": "“Cool places for Lindenhafen” workshop",
            "slug": "workshop-cool-places",
            "intro": (
                "Where can you find shade, cool air and drinking water on hot days? Together with "
                "the Environment Office and the hospital, we will collect places for a heat map "
                "and discuss how warnings can reach everyone."
            ),
            "body_html": (
                "<p>The map of cool places is still an idea. For it to really help, we need your "
                "knowledge: which places do you know? What do older people, families with small "
                "children or homeless people need in hot weather?</p>"
                "<p>We work with large paper city maps, so you do not need a smartphone. The "
                "results will feed into the planning of the project.</p>"
            ),
            "location_name": "Südstadt senior centre, community room",
            "address": "Auenweg 3, 12347 Lindenhafen",
            "accessibility": (
                "Fully accessible building with automatic doors and accessible toilets. Portable "
                "hearing loop available. Seats with armrests. Sign language interpreting on "
                "request up to one week in advance."
            ),
        },
    },
    {
        "days_from_now": -19,
        "start_hour": 11,
        "duration_hours": 2.0,
        "format": "information_event",
        "registration_url": "",
        "district": "altstadt",
        "de": {
            "title": "Das neue Parkleitsystem in der Altstadt",
            "slug": "infoveranstaltung-parkleitsystem-altstadt",
            "intro": (
                "Die Verkehrsbetriebe stellten das neue Parkleitsystem vor und zeigten bei einem "
                "Rundgang, wie Sensoren und Anzeigetafeln funktionieren."
            ),
            "body_html": (
                "<p>Rund 60 Interessierte kamen zur Vorstellung des Parkleitsystems in den "
                "Bürgersaal. Die meisten Fragen betrafen den Datenschutz: Die Sensoren erkennen "
                "nur, ob ein Platz belegt ist; Kameras oder Kennzeichenerfassung gibt es nicht.</p>"
                "<p>Mehrere Gäste wünschten sich, dass auch freie Behindertenparkplätze angezeigt "
                "werden. Die Verkehrsbetriebe prüfen das. Die Präsentation finden Sie auf der "
                "Projektseite.</p>"
            ),
            "location_name": "Rathaus Lindenhafen, Bürgersaal",
            "address": "Rathausplatz 1, 12345 Lindenhafen",
            "accessibility": (
                "Stufenloser Zugang über den Seiteneingang in der Kirchgasse, Aufzug und "
                "barrierefreie Toilette. Induktive Höranlage im Bürgersaal. Der Rundgang führte "
                "über ebene Wege."
            ),
        },
        "en": {
            "title": "The new parking guidance system in the old town",
            "slug": "information-event-old-town-parking-guidance",
            "intro": (
                "Public transport presented the new parking guidance system and showed on a "
                "walkabout how the sensors and display boards work."
            ),
            "body_html": (
                "<p>Around 60 people came to the presentation of the parking guidance system in "
                "the Bürgersaal. Most questions concerned data protection: the sensors only detect "
                "whether a space is occupied; there are no cameras and no number-plate "
                "recognition.</p>"
                "<p>Several guests asked for free disabled parking spaces to be shown as well. "
                "Public transport is looking into this. The presentation is available on the "
                "project page.</p>"
            ),
            "location_name": "Lindenhafen Town Hall, Bürgersaal",
            "address": "Rathausplatz 1, 12345 Lindenhafen",
            "accessibility": (
                "Step-free access via the side entrance on Kirchgasse, lift and accessible toilet. "
                "Induction hearing loop in the Bürgersaal. The walkabout followed level paths."
            ),
        },
    },
]

# Glossary terms.
GLOSSARY: list[dict[str, Any]] = [
    {
        "key": "smart-city",
        "de": {
            "term": "Smart City",
            "definition": (
                "Eine Stadt, die Informations- und Kommunikationstechnik gezielt einsetzt, um "
                "Daseinsvorsorge, Umwelt und Lebensqualität zu verbessern. In Lindenhafen gilt: "
                "Ein Projekt zählt nur dann zur Smart City, wenn es einen erkennbaren "
                "wirtschaftlichen, ökologischen oder sozialen Nutzen hat."
            ),
        },
        "en": {
            "term": "Smart city",
            "definition": (
                "A city that uses information and communication technology in a targeted way to "
                "improve public services, the environment and quality of life. In Lindenhafen, a "
                "project only counts as part of the smart city if it has a recognisable economic, "
                "ecological or social benefit."
            ),
        },
    },
    {
        "key": "lorawan",
        "de": {
            "term": "LoRaWAN",
            "definition": (
                "Abkürzung für „Long Range Wide Area Network“. Ein Funknetz, über das Sensoren "
                "kleine Datenmengen über mehrere Kilometer senden und dabei so wenig Strom "
                "verbrauchen, dass eine Batterie jahrelang hält. Lindenhafen betreibt ein eigenes "
                "LoRaWAN-Netz mit 22 Gateways."
            ),
        },
        "en": {
            "term": "LoRaWAN",
            "definition": (
                "Short for “Long Range Wide Area Network”. A radio network over which sensors send "
                "small amounts of data over several kilometres while using so little power that a "
                "battery lasts for years. Lindenhafen runs its own LoRaWAN network with 22 "
                "gateways."
            ),
        },
    },
    {
        "key": "open-data",
        "de": {
            "term": "Open Data",
            "definition": (
                "Offene Daten sind Daten, die jede und jeder frei nutzen, weiterverarbeiten und "
                "weitergeben darf, meist nur mit Nennung der Quelle. Sie stehen in "
                "maschinenlesbaren Formaten bereit. Personenbezogene Daten sind niemals Open Data."
            ),
        },
        "en": {
            "term": "Open data",
            "definition": (
                "Data that anyone may freely use, process and share, usually only with attribution "
                "of the source. It is provided in machine-readable formats. Personal data is never "
                "open data."
            ),
        },
    },
    {
        "key": "dcat-ap-de",
        "de": {
            "term": "DCAT-AP.de",
            "definition": (
                "Deutscher Standard, um Datensätze einheitlich zu beschreiben, etwa mit Titel, "
                "Lizenz, Aktualisierungsrhythmus und zuständiger Stelle. Portale wie GovData "
                "können so Datensätze aus vielen Kommunen automatisch einsammeln und gemeinsam "
                "durchsuchbar machen."
            ),
        },
        "en": {
            "term": "DCAT-AP.de",
            "definition": (
                "German standard for describing datasets in a uniform way, for example with title, "
                "licence, update frequency and responsible body. This allows portals such as "
                "GovData to collect datasets from many municipalities automatically and make them "
                "searchable together."
            ),
        },
    },
    {
        "key": "sensorthings",
        "de": {
            "term": "SensorThings API",
            "definition": (
                "Offener Standard des Open Geospatial Consortium (OGC) für den Austausch von "
                "Sensordaten. Er legt fest, wie Sensoren, Messgrößen, Standorte und Messreihen "
                "über eine einheitliche Schnittstelle abgerufen werden, unabhängig vom Hersteller "
                "der Sensoren."
            ),
        },
        "en": {
            "term": "SensorThings API",
            "definition": (
                "Open standard of the Open Geospatial Consortium (OGC) for exchanging sensor data. "
                "It defines how sensors, observed properties, locations and time series are "
                "retrieved through a uniform interface, regardless of the sensor manufacturer."
            ),
        },
    },
    {
        "key": "anonymisierung",
        "de": {
            "term": "Anonymisierung",
            "definition": (
                "Daten werden so verändert, dass sie sich keiner Person mehr zuordnen lassen, auch "
                "nicht mit Zusatzwissen. Anonyme Daten fallen nicht mehr unter die "
                "Datenschutz-Grundverordnung. Typische Verfahren sind das Zusammenfassen zu Summen "
                "und das Weglassen kleiner Fallzahlen."
            ),
        },
        "en": {
            "term": "Anonymisation",
            "definition": (
                "Data is changed in such a way that it can no longer be linked to a person, even "
                "with additional knowledge. Anonymous data no longer falls under the General Data "
                "Protection Regulation. Typical methods are aggregating data into totals and "
                "leaving out small case numbers."
            ),
        },
    },
    {
        "key": "pseudonymisierung",
        "de": {
            "term": "Pseudonymisierung",
            "definition": (
                "Namen oder Kennungen werden durch ein Kennzeichen ersetzt, etwa einen "
                "verschlüsselten Wert. Wer den Schlüssel kennt, kann die Daten wieder einer Person "
                "zuordnen. Pseudonyme Daten sind deshalb weiterhin personenbezogen. Ein täglich "
                "wechselnder Zufallswert (Salt) verhindert, dass sich Daten über mehrere Tage "
                "verknüpfen lassen."
            ),
        },
        "en": {
            "term": "Pseudonymisation",
            "definition": (
                "Names or identifiers are replaced by a code, such as an encrypted value. Anyone "
                "who knows the key can link the data back to a person. Pseudonymised data "
                "therefore remains personal data. A random value (salt) that changes daily "
                "prevents data from being linked across several days."
            ),
        },
    },
    {
        "key": "k-anonymitaet",
        "de": {
            "term": "k-Anonymität",
            "definition": (
                "Ein Maß für den Schutz in veröffentlichten Daten: Jede Kombination von Merkmalen "
                "kommt bei mindestens k Personen vor. Bei k = 5 ist jede Person in einer Gruppe "
                "von mindestens fünf Menschen „versteckt“. Kleinere Gruppen werden zusammengefasst "
                "oder nicht veröffentlicht."
            ),
        },
        "en": {
            "term": "k-anonymity",
            "definition": (
                "A measure of protection in published data: every combination of attributes "
                "applies to at least k people. With k = 5, every person is “hidden” in a group of "
                "at least five people. Smaller groups are merged or not published."
            ),
        },
    },
    {
        "key": "differential-privacy",
        "de": {
            "term": "Differential Privacy",
            "definition": (
                "Ein mathematisches Verfahren, bei dem veröffentlichten Statistiken gezielt ein "
                "kleines Zufallsrauschen hinzugefügt wird. Die Ergebnisse bleiben insgesamt "
                "aussagekräftig, aber man kann nicht mehr erkennen, ob eine bestimmte Person in "
                "den Daten enthalten ist."
            ),
        },
        "en": {
            "term": "Differential privacy",
            "definition": (
                "A mathematical method in which a small amount of random noise is deliberately "
                "added to published statistics. The results remain meaningful overall, but it is "
                "no longer possible to tell whether a particular person is included in the data."
            ),
        },
    },
    {
        "key": "datensouveraenitaet",
        "de": {
            "term": "Datensouveränität",
            "definition": (
                "Die Fähigkeit, selbst über die eigenen Daten zu bestimmen. Für die Stadt heißt "
                "das: Daten aus städtischen Projekten bleiben in kommunaler Hand, auch wenn "
                "private Firmen Technik liefern oder betreiben. Lindenhafen speichert diese Daten "
                "deshalb im kommunalen Rechenzentrum."
            ),
        },
        "en": {
            "term": "Data sovereignty",
            "definition": (
                "The ability to decide for oneself about one's own data. For the city, this means "
                "that data from municipal projects stays under municipal control, even when "
                "private companies supply or run the technology. Lindenhafen therefore stores this "
                "data in the municipal data centre."
            ),
        },
    },
    {
        "key": "open311",
        "de": {
            "term": "Open311",
            "definition": (
                "Offener Standard für Schnittstellen, über die Meldungen an die Verwaltung "
                "übermittelt werden, etwa zu Schlaglöchern oder defekten Laternen. Damit können "
                "auch Apps anderer Anbieter Meldungen an den Mängelmelder der Stadt senden und "
                "ihren Bearbeitungsstand abfragen."
            ),
        },
        "en": {
            "term": "Open311",
            "definition": (
                "Open standard for interfaces that pass reports to the administration, for example "
                "about potholes or broken street lights. It allows apps from other providers to "
                "send reports to the city's defect reporter and check their processing status."
            ),
        },
    },
    {
        "key": "maengelmelder",
        "de": {
            "term": "Mängelmelder",
            "definition": (
                "Ein Online-Dienst, mit dem Sie Schäden und Probleme im öffentlichen Raum melden, "
                "zum Beispiel überfüllte Papierkörbe, defekte Straßenlaternen oder beschädigte "
                "Gehwege. Sie markieren den Ort auf einer Karte und können den Bearbeitungsstand "
                "verfolgen. Meldungen sind auch telefonisch möglich."
            ),
        },
        "en": {
            "term": "Defect reporter",
            "definition": (
                "An online service you can use to report damage and problems in public space, such "
                "as overflowing litter bins, broken street lights or damaged pavements. You mark "
                "the location on a map and can follow the processing status. Reports can also be "
                "made by phone."
            ),
        },
    },
    {
        "key": "digitaler-zwilling",
        "de": {
            "term": "Digitaler Zwilling",
            "definition": (
                "Ein digitales Abbild der Stadt oder einzelner Anlagen, das mit aktuellen Daten "
                "verknüpft ist, zum Beispiel ein 3D-Stadtmodell mit Messwerten aus dem Sensornetz. "
                "Damit lassen sich Planungen anschaulich darstellen und Auswirkungen vorab "
                "durchspielen, etwa bei Starkregen."
            ),
        },
        "en": {
            "term": "Digital twin",
            "definition": (
                "A digital model of the city or of individual facilities that is linked to current "
                "data, for example a 3D city model with readings from the sensor network. It makes "
                "plans easier to visualise and lets effects be simulated in advance, for example "
                "for heavy rain."
            ),
        },
    },
    {
        "key": "leichte-sprache",
        "de": {
            "term": "Leichte Sprache",
            "definition": (
                "Eine besonders leicht verständliche Form des Deutschen mit kurzen Sätzen, "
                "bekannten Wörtern und klarer Gliederung. Sie hilft unter anderem Menschen mit "
                "Lernschwierigkeiten und Menschen, die gerade Deutsch lernen. Wichtige Seiten "
                "dieses Portals gibt es auch in Leichter Sprache."
            ),
        },
        "en": {
            "term": "Easy Read German (Leichte Sprache)",
            "definition": (
                "A particularly easy-to-understand form of German with short sentences, familiar "
                "words and a clear structure. It helps people with learning difficulties and "
                "people who are learning German, among others. Important pages of this portal are "
                "also available in Easy Read German."
            ),
        },
    },
    {
        "key": "urbane-datenplattform",
        "de": {
            "term": "Urbane Datenplattform",
            "definition": (
                "Ein zentrales IT-System, das Daten aus Sensoren, Fachverfahren und "
                "Online-Diensten der Stadt und ihrer Gesellschaften zusammenführt, aufbereitet und "
                "über offene Schnittstellen bereitstellt. Sie verhindert, dass jedes Projekt eine "
                "eigene Insellösung aufbaut."
            ),
        },
        "en": {
            "term": "Urban data platform",
            "definition": (
                "A central IT system that brings together data from sensors, specialist "
                "applications and online services of the city and its companies, processes it and "
                "provides it through open interfaces. It prevents every project from building its "
                "own isolated solution."
            ),
        },
    },
    {
        "key": "privacy-by-design",
        "de": {
            "term": "Privacy by Design",
            "definition": (
                "Datenschutz durch Technikgestaltung: Schon bei der Planung eines Projekts wird "
                "festgelegt, dass nur so viele Daten erhoben werden, wie für den Zweck nötig sind. "
                "Ein Beispiel ist ein Zählgerät, das selbst zählt und nur Summen überträgt statt "
                "Bilder."
            ),
        },
        "en": {
            "term": "Privacy by design",
            "definition": (
                "Data protection built into the design: when a project is planned, it is already "
                "decided that only as much data is collected as the purpose requires. One example "
                "is a counter that counts on its own and transmits only totals instead of images."
            ),
        },
    },
]

"""Demo pages: the bilingual home page and the pages every footer links to."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from portal.cms.models import HomePage, LegalPages, StandardPage
from portal.core.demo import DemoCity


def _body(*paragraphs: str) -> list[tuple[str, RichText]]:
    return [("paragraph", RichText("".join(paragraphs)))]


HOME = {
    "de": {
        "title": "Smart City Lindenhafen",
        "seo_title": "Smart City Lindenhafen – gemeinsam die digitale Stadt gestalten",
        "search_description": "Strategie, Projekte, Mängelmelder, Beteiligung und offene Daten "
        "der Stadt Lindenhafen an einem Ort.",
        "intro": "Lindenhafen nutzt digitale Werkzeuge dort, wo sie das Leben in der Stadt "
        "spürbar verbessern: bei Mobilität, Energie, Umwelt und Verwaltung. Hier sehen Sie, "
        "was wir vorhaben, was wir schon umsetzen und wo Sie mitreden können.",
        "body": _body(
            "<h2>Was Sie hier finden</h2>",
            "<ul><li>unsere Smart-City-Strategie und ihre Handlungsfelder</li>",
            "<li>Projekte mit Stand, Kosten, Förderung und Ort</li>",
            "<li>den Mängelmelder für Schäden im öffentlichen Raum</li>",
            "<li>Beteiligungsverfahren, in denen Ihre Ideen zählen</li>",
            "<li>offene Daten und Sensordaten – anonymisiert, bevor sie veröffentlicht "
            "werden</li></ul>",
        ),
    },
    "en": {
        "title": "Smart City Lindenhafen",
        "seo_title": "Smart City Lindenhafen – shaping the digital city together",
        "search_description": "Strategy, projects, defect reports, participation and open "
        "data of the City of Lindenhafen in one place.",
        "intro": "Lindenhafen uses digital tools where they make city life noticeably better: "
        "in mobility, energy, the environment and administration. Here you can see what we "
        "plan, what we already do and where you can have your say.",
        "body": _body(
            "<h2>What you find here</h2>",
            "<ul><li>our Smart-City strategy and its action fields</li>",
            "<li>projects with status, costs, funding and location</li>",
            "<li>the defect reporter for damage in public space</li>",
            "<li>participation processes in which your ideas count</li>",
            "<li>open data and sensor data – anonymised before publication</li></ul>",
        ),
    },
}

LEGAL_PAGES: dict[str, dict[str, dict[str, Any]]] = {
    "imprint": {
        "de": {
            "title": "Impressum",
            "slug": "impressum",
            "intro": "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG).",
            "body": _body(
                "<h2>Herausgeberin</h2><p>Stadt Lindenhafen, vertreten durch die "
                "Oberbürgermeisterin<br>Rathausplatz 1, 12345 Lindenhafen</p>",
                "<h2>Kontakt</h2><p>Telefon: 01234 567-0<br>"
                "E-Mail: smartcity@lindenhafen.example</p>",
                "<h2>Verantwortlich für den Inhalt</h2><p>Stabsstelle Smart City, "
                "Rathausplatz 1, 12345 Lindenhafen</p>",
                "<p>Lindenhafen ist eine fiktive Stadt. Dieses Portal ist eine Demonstration.</p>",
            ),
        },
        "en": {
            "title": "Imprint",
            "slug": "imprint",
            "intro": "Information pursuant to section 5 of the German Digital Services Act (DDG).",
            "body": _body(
                "<h2>Publisher</h2><p>City of Lindenhafen, represented by the Lord Mayor<br>"
                "Rathausplatz 1, 12345 Lindenhafen, Germany</p>",
                "<h2>Contact</h2><p>Phone: +49 1234 567-0<br>"
                "E-mail: smartcity@lindenhafen.example</p>",
                "<h2>Responsible for the content</h2><p>Smart City Unit, Rathausplatz 1, "
                "12345 Lindenhafen</p>",
                "<p>Lindenhafen is a fictional city. This portal is a demonstration.</p>",
            ),
        },
    },
    "privacy": {
        "de": {
            "title": "Datenschutzerklärung",
            "slug": "datenschutz",
            "intro": "Wir erheben so wenige personenbezogene Daten wie möglich und "
            "veröffentlichen nie Rohdaten über Personen.",
            "body": _body(
                "<h2>Verantwortliche Stelle</h2><p>Stadt Lindenhafen, Rathausplatz 1, "
                "12345 Lindenhafen. Datenschutzbeauftragte: datenschutz@lindenhafen.example</p>",
                "<h2>Kontaktformular</h2><p>Name, E-Mail-Adresse und Nachricht speichern wir "
                "nur, um Ihre Anfrage zu beantworten (Art. 6 Abs. 1 lit. e DSGVO). Nach 180 "
                "Tagen werden sie automatisch gelöscht.</p>",
                "<h2>Sensordaten</h2><p>Kennungen, die auf Personen verweisen könnten (etwa "
                "MAC-Adressen), werden bei der Erfassung mit einem täglich wechselnden "
                "Schlüssel unkenntlich gemacht. Veröffentlicht werden nur zusammengefasste "
                "Werte, die keine Rückschlüsse auf Einzelne erlauben.</p>",
                "<h2>Karten</h2><p>Kartenkacheln werden von dem Kartendienst geladen, den die "
                "Stadt in den Einstellungen festlegt; dabei wird Ihre IP-Adresse an diesen "
                "Dienst übertragen.</p>",
                "<h2>Ihre Rechte</h2><p>Sie haben das Recht auf Auskunft, Berichtigung, "
                "Löschung und Einschränkung der Verarbeitung sowie ein Beschwerderecht bei "
                "der Aufsichtsbehörde.</p>",
            ),
        },
        "en": {
            "title": "Privacy notice",
            "slug": "privacy",
            "intro": "We collect as little personal data as possible and never publish raw "
            "data about people.",
            "body": _body(
                "<h2>Controller</h2><p>City of Lindenhafen, Rathausplatz 1, 12345 Lindenhafen. "
                "Data protection officer: datenschutz@lindenhafen.example</p>",
                "<h2>Contact form</h2><p>We store your name, e-mail address and message only "
                "to answer your request (Art. 6(1)(e) GDPR). They are deleted automatically "
                "after 180 days.</p>",
                "<h2>Sensor data</h2><p>Identifiers that could point to a person (such as MAC "
                "addresses) are made unrecognisable at collection with a key that changes "
                "daily. Only aggregated values that allow no conclusions about individuals "
                "are published.</p>",
                "<h2>Maps</h2><p>Map tiles are loaded from the map service the city configures; "
                "your IP address is transmitted to that service.</p>",
                "<h2>Your rights</h2><p>You have the right of access, rectification, erasure "
                "and restriction of processing, and the right to lodge a complaint with the "
                "supervisory authority.</p>",
            ),
        },
    },
    "accessibility": {
        "de": {
            "title": "Erklärung zur Barrierefreiheit",
            "slug": "barrierefreiheit",
            "intro": "Die Stadt Lindenhafen ist bemüht, dieses Portal im Einklang mit der "
            "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich "
            "zu machen.",
            "body": _body(
                "<h2>Stand der Vereinbarkeit</h2><p>Dieses Portal ist weitgehend mit den "
                "Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA vereinbar. Jede Seite "
                "wird bei jeder Änderung automatisch mit axe-core geprüft.</p>",
                "<h2>Nicht barrierefreie Inhalte</h2><p>Interaktive Karten sind für "
                "Screenreader nur eingeschränkt nutzbar. Alle Inhalte der Karten stehen "
                "deshalb zusätzlich als Liste oder Tabelle zur Verfügung.</p>",
                "<h2>Feedback und Kontakt</h2><p>Sind Ihnen Mängel aufgefallen? Schreiben Sie "
                "uns über das Kontaktformular (Thema „Barriere melden“) oder an "
                "barrierefreiheit@lindenhafen.example. Wir antworten innerhalb von zwei "
                "Wochen.</p>",
                "<h2>Schlichtungsverfahren</h2><p>Wenn Sie keine zufriedenstellende Antwort "
                "erhalten, können Sie sich an die Schlichtungsstelle nach dem "
                "Behindertengleichstellungsgesetz wenden.</p>",
            ),
        },
        "en": {
            "title": "Accessibility statement",
            "slug": "accessibility",
            "intro": "The City of Lindenhafen strives to make this portal accessible in "
            "accordance with the German Accessible Information Technology Ordinance "
            "(BITV 2.0).",
            "body": _body(
                "<h2>Compliance status</h2><p>This portal is largely compliant with BITV 2.0 "
                "and WCAG 2.1 level AA. Every page is checked automatically with axe-core on "
                "every change.</p>",
                "<h2>Non-accessible content</h2><p>Interactive maps are only partly usable "
                "with screen readers. All map content is therefore also offered as a list or "
                "table.</p>",
                "<h2>Feedback and contact</h2><p>Have you noticed a barrier? Write to us "
                "through the contact form (topic “Accessibility barrier”) or to "
                "barrierefreiheit@lindenhafen.example. We answer within two weeks.</p>",
                "<h2>Enforcement procedure</h2><p>If you do not receive a satisfactory answer, "
                "you can turn to the conciliation body under the Disability Equality Act.</p>",
            ),
        },
    },
    "plain_language": {
        "de": {
            "title": "Leichte Sprache",
            "slug": "leichte-sprache",
            "intro": "Hier erklären wir das Portal in Leichter Sprache.",
            "body": _body(
                "<p>Das ist die Internet-Seite von der Stadt Lindenhafen.</p>",
                "<p>Die Stadt will mit Computern und Technik das Leben besser machen.</p>",
                "<p>Auf dieser Seite können Sie:</p><ul><li>lesen, was die Stadt plant.</li>"
                "<li>der Stadt sagen: Hier ist etwas kaputt.</li>"
                "<li>Ihre Ideen sagen.</li></ul>",
                "<p>Haben Sie Fragen? Dann schreiben Sie uns. Benutzen Sie dafür das "
                "Kontakt-Formular.</p>",
            ),
        },
        "en": {
            "title": "Easy Read",
            "slug": "easy-read",
            "intro": "Here we explain the portal in easy words.",
            "body": _body(
                "<p>This is the website of the City of Lindenhafen.</p>",
                "<p>The city wants to use computers and technology to make life better.</p>",
                "<p>On this website you can:</p><ul><li>read what the city plans.</li>"
                "<li>tell the city: something is broken here.</li>"
                "<li>share your ideas.</li></ul>",
                "<p>Do you have questions? Then write to us. Use the contact form.</p>",
            ),
        },
    },
}


def _apply(page: Page, content: dict[str, Any]) -> Page:
    for name, value in content.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _translate(original: Page, locale: Locale, content: dict[str, Any]) -> Page:
    translation = original.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific  # editors may have changed it: keep their work
    return _apply(original.copy_for_translation(locale).specific, content)


def home_page_ensure(*, de: Locale, en: Locale) -> HomePage:
    # Wagtail's migrations create the tree root; a flushed database (transactional tests) lacks it.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=de)
    )
    home = HomePage.objects.filter(locale=de).first()
    if home is None:
        # Wagtail's migrations leave a plain "Welcome" page; the city's home page replaces it.
        for welcome in root.get_children().exact_type(Page):
            welcome.delete()
        home = root.add_child(instance=HomePage(slug="start", locale=de, **_title(HOME["de"])))
        _apply(home, HOME["de"])
    _translate(home, en, HOME["en"] | {"slug": "start-en"})
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = HOME["de"]["title"]
    site.save()
    return home


def _title(content: dict[str, Any]) -> dict[str, Any]:
    return {"title": content["title"]}


def legal_pages_ensure(*, home: HomePage, en: Locale) -> dict[str, StandardPage]:
    pages = {}
    for key, content in LEGAL_PAGES.items():
        page = StandardPage.objects.child_of(home).filter(slug=content["de"]["slug"]).first()
        if page is None:
            page = home.add_child(instance=StandardPage(locale=home.locale, **content["de"]))
            _apply(page, content["de"])
        _translate(page, en, content["en"])
        pages[key] = page
    settings = LegalPages.for_site(Site.objects.get(is_default_site=True))
    for key, page in pages.items():
        setattr(settings, key, page)
    settings.save()
    return pages


@transaction.atomic
def seed(city: DemoCity) -> None:
    de, _ = Locale.objects.get_or_create(language_code="de")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = home_page_ensure(de=de, en=en)
    pages = legal_pages_ensure(home=home, en=en)
    city.log(f"home page and {len(pages)} legal pages in German and English")

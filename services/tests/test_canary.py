"""Canary: a marker word in every staff-only field of the register, in Finnish and Swedish;
an anonymous crawl of the list, service pages, privacy notices, guides, the API, the
exports, the sitemap and the search never shows one. Staff see them (positive control)."""

import datetime
import io
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import time_machine
from openpyxl import load_workbook

from guides.tests.factories import GuidePageFactory, site_tree
from services.models import DataProcessingAgreement
from services.tests.canary import mark_register
from services.tests.conftest import at, client_for
from services.tests.factories import DecisionFactory, DigitalServiceFactory, region

pytestmark = pytest.mark.django_db
D = datetime.date
MARK = "zqmark"
CRAWL_LIMIT = 200


class Markers:
    """Marker words by place (the interface of tests/test_canary.py's Markers); the
    prefix tells whose they are."""

    def __init__(self, prefix="r"):
        self.prefix = prefix

    def new(self, place):
        return MARK + self.prefix + re.sub("[^a-z]", "", place.lower())


def marker(place):
    """Rusko's marker for `place`."""
    return Markers("r").new(place)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


@pytest.fixture
def register(municipalities, school_years, locales):
    tree = site_tree()
    guide = GuidePageFactory(parent=tree["public"], title="Tietosuoja", slug="tietosuoja")
    service = DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli", organisation=region())
    service.guides.add(guide)
    for prefix, organisation in (
        ("r", municipalities["rusko"]),
        ("k", municipalities["kangasala"]),
    ):
        decision = DecisionFactory(
            service=service,
            organisation=organisation,
            status="conditions",
            conditions_fi="Vain etunimet.",
        )
        mark_register(Markers(prefix), decision, school_years[2026])
    document = DataProcessingAgreement.objects.filter(service=service).first().document
    return {"service": service, "guide": guide, "document": document}


def text_of(response):
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def crawl(client, start):
    """Every same-site page reachable from `start` (and the given URLs), with its text."""
    seen, queue, found = set(), list(start), {}
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        text = text_of(response)
        found[url] = (response.status_code, text)
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in re.findall(r'href="([^"#]+)', text):
            target = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc in ("", "testserver") and not parts.path.startswith(
                ("/static/", "/admin/", "/i18n/", "/fi/kirjaudu", "/sv/logga-in", "/documents/")
            ):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


START = [
    "/fi/palvelut/",
    "/sv/tjanster/",
    "/fi/palvelut/?organisation=rusko",
    "/fi/palvelut/sanapeli/",
    "/sv/tjanster/sanapeli/",
    "/fi/palvelut/sanapeli/tietosuojaseloste/",
    "/sv/tjanster/sanapeli/dataskyddsbeskrivning/",
    "/fi/palvelut/export.csv",
    "/fi/palvelut/export.xlsx",
    "/sv/tjanster/export.csv",
    "/api/v1/services",
    "/api/v1/services?lang=sv&organisation=tampereen-seutu",
    "/sitemap.xml",
    f"/fi/haku/?q={MARK}",
    "/fi/haku/?q=sanapeli",
    f"/sv/sok/?q={MARK}",
    f"/fi/haku/suggest/?q={MARK[:4]}",
    f"/fi/haku/?q={MARK}rinternalconditionsfi",
    f"/sv/sok/?q={MARK}rriskdetailssv",
    f"/fi/haku/?q={MARK}rsafeguardfi",
    "/fi/palvelut/pyynnot/",
    "/fi/palvelut/tarkistus/",
]


def leaked(url, text):
    """Markers in a page, apart from the search words the page repeats back."""
    asked = parse_qs(urlsplit(url).query).get("q", [])
    text = text.lower()
    for word in asked:
        text = text.replace(word.lower(), "")
    return re.findall(MARK + "[a-z]+", text)


def test_no_staff_only_text_reaches_an_anonymous_reader(register):
    pages = crawl(client_for(None), START + [register["guide"].url])
    assert len(pages) >= len(START)  # the crawl got somewhere
    assert "Sanapeli" in pages["/fi/palvelut/sanapeli/"][1]  # and read real pages
    for url, (status, text) in pages.items():
        assert status < 500, url
        assert not leaked(url, text), f"{url} shows {leaked(url, text)}"
    document = client_for(None).get(register["document"].url)
    assert document.status_code == 302 and "/fi/kirjaudu/" in document["Location"]


def test_staff_of_another_municipality_see_none_of_ruskos_details(register, people):
    pages = crawl(
        client_for(people["other_teacher"]),
        [
            "/fi/palvelut/sanapeli/",
            "/api/v1/services",
            "/fi/palvelut/export.csv",
            "/fi/palvelut/pyynnot/",
        ],
    )
    ruskos = MARK + "r"
    for url, (_status, text) in pages.items():
        assert ruskos not in text.lower(), url
    kangasalas = pages["/fi/palvelut/sanapeli/"][1]
    assert Markers("k").new("internal conditions fi") in kangasalas  # their own, a control


def test_the_markers_are_there_for_the_municipalitys_staff(register, people):
    """Positive control: the same crawl as Rusko's staff finds the staff fields."""
    client = client_for(people["teacher"])
    html = client.get("/fi/palvelut/sanapeli/").content.decode()
    for place in (
        "internal conditions fi",
        "risk details fi",
        "safeguard fi",
        "agreement notes",
        "check notes",
        "register person name",
        "agreement file title",
    ):
        assert marker(place) in html, place
    swedish = client.get("/sv/tjanster/sanapeli/").content.decode()
    assert marker("internal conditions sv") in swedish and marker("risk details sv") in swedish
    api = client.get("/api/v1/services?lang=sv").content.decode()
    assert marker("safeguard sv") in api
    assert (
        marker("internal conditions fi") in client.get("/fi/palvelut/export.csv").content.decode()
    )
    queue = client.get("/fi/palvelut/pyynnot/").content.decode()
    assert marker("request name") in queue

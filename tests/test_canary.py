"""The canary: private words never reach an anonymous reader, on any surface, on either engine.

A unique marker word goes into every staff-only place of the demo site, in Finnish
and in Swedish: page titles, intros, bodies, headings, callouts, SEO descriptions,
memo participants and decisions, process steps, a group-only page, a page behind a
shared password, an unpublished page and an unpublished draft of a public page,
documents and images (titles and file names), staff task titles, descriptions and
checklists, a completion note and the name of the person who marked it done.

Then an anonymous reader crawls every page and link it can reach from the home
pages, the sitemap, the year clocks, the feeds and the open API, fetches every
document and image address it meets, and searches for every marker and for one- and
two-letter misspellings of it (results, snippets, facets, "did you mean" and
autocomplete). No marker may ever appear. A signed-in member of staff finds the
same markers, so their absence for the anonymous reader means something.
"""

import datetime
import json
import random
import re
from collections import deque
from urllib.parse import parse_qs, parse_qsl, urlencode, urljoin, urlsplit

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageViewRestriction

import pytest
import time_machine

from guides.models import GuidePage, MemoPage, ProcessPage
from kb.models import Organisation, Role, School
from kb.tests.factories import staff_user
from search.tests.conftest import engine  # noqa: F401 -- the engine fixture, both engines
from yearclock.models import Task, YearClock
from yearclock.occurrences import mark_done, occurrences_for

SEARCH_WORD = {"fi": "haku", "sv": "sok"}  # /fi/haku/, /sv/sok/

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
MAX_URLS = 900
SKIP_PREFIXES = ("/admin/", "/static/", "/i18n/", "/fi/kirjaudu-ulos/", "/sv/logga-ut/")
SIGN_IN_PATHS = ("/fi/kirjaudu/", "/sv/logga-in/")


class Markers:
    """Unique nonsense words, one per private place; `new()` hands out the next."""

    def __init__(self):
        self.words = []
        self.places = {}
        self.random = random.Random(2026)

    def new(self, place):
        # Ten letters framed by z…q…x: no Finnish or Swedish word or stem, and each at
        # least three edits from every other, so a misspelling points at one marker.
        letters = "bdfgklmnprstv" + "aeiouy"
        while True:
            middle = "".join(self.random.choice(letters) for _ in range(6))
            word = f"z{middle[:3]}q{middle[3:]}x"
            if all(distance(word, other) >= 3 for other in self.words):
                break
        self.words.append(word)
        self.places[word] = place
        return word

    def found_in(self, text):
        lowered = text.lower()
        return [f"{word} ({self.places[word]})" for word in self.words if word in lowered]


def distance(a, b):
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, right in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (left != right))
    return row[-1]


def misspellings(word):
    """One- and two-letter edits: a substitution, a deletion plus a substitution, a swap."""
    one = word[:4] + ("a" if word[4] != "a" else "e") + word[5:]
    two = word[:2] + word[3:6] + ("o" if word[6] != "o" else "u") + word[7:]
    swapped = word[:5] + word[6] + word[5] + word[7:]
    return [one, two, swapped]


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def staff_body(markers, language, document, image):
    return json.dumps(
        [
            {
                "type": "heading",
                "value": {"text": markers.new(f"heading {language}"), "level": "h2"},
            },
            paragraph(f"Kopiokoneen koodi on {markers.new(f'body {language}')}."),
            {
                "type": "callout",
                "value": {
                    "kind": "warning",
                    "title": markers.new(f"callout title {language}"),
                    "text": f"<p>{markers.new(f'callout text {language}')}</p>",
                },
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": markers.new(f"alt {language}"),
                    "caption": "",
                },
            },
        ]
    )


def pdf_with_text(text):
    """A small valid PDF whose one page says `text` (pypdf extracts it for search)."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def private_document(markers, language):
    word = markers.new(f"document {language}")
    text = markers.new(f"document text {language}")
    document = get_document_model()(title=f"Sisäinen {word}")
    document.file.save(f"{word}.pdf", ContentFile(pdf_with_text(f"Ohje {text}")), save=True)
    return document


def private_image(markers, language):
    word = markers.new(f"image {language}")
    return get_image_model().objects.create(
        title=word, file=get_test_image_file(filename=f"{word}.png")
    )


def staff_section(language):
    restricted = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.LOGIN, page__locale__language_code=language
    )
    return restricted.order_by("page__path").first().page.specific


def public_section(language):
    home = Page.objects.get(depth=2, locale__language_code=language)
    hidden = PageViewRestriction.objects.values_list("page_id", flat=True)
    return home.get_children().exclude(pk__in=hidden).live().first().specific


def add_private_pages(markers):
    """Staff-only pages of every kind in both languages, and the odd private cases."""
    sv = Locale.objects.get(language_code="sv")
    pages = []
    for language in ("fi", "sv"):
        section = staff_section(language)
        guide = GuidePage(
            title=f"Ohje {markers.new(f'title {language}')}",
            slug=f"kanaria-{language}",
            intro=markers.new(f"intro {language}"),
            search_description=markers.new(f"search description {language}"),
            body=staff_body(
                markers,
                language,
                private_document(markers, language),
                private_image(markers, language),
            ),
            locale=section.locale,
        )
        section.add_child(instance=guide)
        guide.save_revision().publish()
        memo = MemoPage(
            title=f"Muistio {markers.new(f'memo title {language}')}",
            slug=f"kanaria-muistio-{language}",
            meeting_name=markers.new(f"meeting {language}"),
            meeting_date=datetime.date(2026, 11, 2),
            participants=markers.new(f"participants {language}"),
            decisions=json.dumps(
                [{"type": "decision", "value": f"<p>{markers.new(f'decision {language}')}</p>"}]
            ),
            locale=section.locale,
        )
        section.add_child(instance=memo)
        memo.save_revision().publish()
        process = ProcessPage(
            title=f"Prosessi {markers.new(f'process title {language}')}",
            slug=f"kanaria-prosessi-{language}",
            steps=json.dumps(
                [
                    {
                        "type": "steps",
                        "value": [
                            {
                                "title": markers.new(f"step {language}"),
                                "text": f"<p>{markers.new(f'step text {language}')}</p>",
                                "responsible": None,
                            }
                        ],
                    }
                ]
            ),
            locale=section.locale,
        )
        section.add_child(instance=process)
        process.save_revision().publish()
        pages += [guide, memo, process]
    public = public_section("fi")
    group_page = GuidePage(title=f"Rehtoreille {markers.new('group page')}", slug="kanaria-ryhma")
    public.add_child(instance=group_page)
    group_page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=group_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get_or_create(name="Rehtorit")[0]])
    secret = GuidePage(title=f"Salasana {markers.new('password page')}", slug="kanaria-salasana")
    public.add_child(instance=secret)
    secret.save_revision().publish()
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="kanaria-2026"
    )
    unpublished = GuidePage(
        title=f"Luonnos {markers.new('unpublished page')}", slug="kanaria-luonnos", live=False
    )
    public.add_child(instance=unpublished)
    unpublished.save_revision()
    edited = public.get_children().live().specific().first()
    edited.title = f"{edited.title} {markers.new('unpublished draft')}"
    edited.save_revision()  # a draft of a public page: not published
    sv_guide = pages[0].copy_for_translation(sv)
    assert sv_guide.pk  # the Finnish staff guide also exists as a Swedish translation
    return pages


def add_public_attachments():
    """A public page with a document and an image: the crawl must reach and fetch those."""
    document = get_document_model()(title="Lupalomake")
    document.file.save("lupalomake.pdf", ContentFile(pdf_with_text("Lupalomake")), save=True)
    image = get_image_model().objects.create(
        title="Koulun piha", file=get_test_image_file(filename="piha.png")
    )
    page = GuidePage(
        title="Lomakkeet huoltajille",
        slug="kanaria-lomakkeet",
        body=json.dumps(
            [
                {"type": "document", "value": {"document": document.pk, "title": ""}},
                {"type": "image", "value": {"image": image.pk, "alt_text": "Piha", "caption": ""}},
            ]
        ),
    )
    public_section("fi").add_child(instance=page)
    page.save_revision().publish()


def add_private_tasks(markers):
    """A staff task with markers in both languages, and a completed public task."""
    rusko = Organisation.objects.get(slug="rusko", locale__language_code="fi")
    clock = YearClock.objects.filter(organisation=rusko, locale__language_code="fi").first()
    task = Task(
        year_clock=clock,
        title=f"Tehtävä {markers.new('task title fi')}",
        description=markers.new("task description fi"),
        checklist=f"Ensin\n{markers.new('task checklist fi')}",
        category=Task.Category.DATA_PROTECTION,
        visibility=Task.Visibility.STAFF,
        rule=Task.Rule.YEARLY_DATE,
        month=12,
        day=3,
        locale=clock.locale,
    )
    task.save()
    swedish = task.copy_for_translation(Locale.objects.get(language_code="sv"))
    swedish.title = f"Uppgift {markers.new('task title sv')}"
    swedish.description = markers.new("task description sv")
    swedish.checklist = markers.new("task checklist sv")
    swedish.save()
    public_task = Task.objects.filter(year_clock=clock, visibility=Task.Visibility.PUBLIC).first()
    principal = staff_user(
        username="kanaria-rehtori",
        first_name="Kaisa",
        last_name=markers.new("completion person"),
        organisation=rusko,
    )
    rehtori = Role.objects.get(slug="rehtori", locale__language_code="fi")
    principal.staff_profile.roles.set([rehtori])
    public_task.owner = principal
    public_task.save()
    public_task.roles.add(rehtori)
    first = occurrences_for([public_task], datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))[0]
    mark_done(public_task, first.original_date, principal, note=markers.new("completion note"))
    assert School.objects.exists()
    return task, public_task


@pytest.fixture
def canary(engine):  # noqa: F811 -- the search engines fixture imported above
    markers = Markers()
    with time_machine.travel(NOW, tick=False):
        cache.clear()
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        pages = add_private_pages(markers)
        add_public_attachments()
        tasks = add_private_tasks(markers)
        call_command("search_reindex", "--no-progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield markers, pages, tasks


def links_in(base, response):
    content_type = response.get("Content-Type", "")
    text = body_text(response)
    found = []
    if "html" in content_type:
        found = re.findall(r'(?:href|src|action)="([^"#]+)', text)
    elif "xml" in content_type:
        found = re.findall(r"<loc>([^<]+)</loc>", text)
    elif "calendar" in content_type:
        found = re.findall(r"https?://[^\s\\,;]+", text)
    elif "json" in content_type:
        found = re.findall(r'"url": "([^"]+)"', text)
    return [urljoin(base, link.replace("&amp;", "&")) for link in found]


def body_text(response):
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
        response.streaming_content = [content]
    else:
        content = response.content
    text = content.decode("utf-8", errors="replace")
    # iCalendar folds long lines; a marker must not hide across a fold.
    return text.replace("\r\n ", "").replace("\r\n\t", "")


def local_path(url):
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver", "localhost", "localhost:8000"):
        return None
    # "?next=" after a sign-in link only says where to return: one login page is enough.
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
    path = parts.path + (f"?{query}" if query else "")
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path


def crawl(client, start, markers):
    """Breadth-first from `start` over every address the client can reach; (leaks, seen).

    Every start address is fetched; at most MAX_URLS more are discovered."""
    queue, seen, leaks = deque(start), set(start), []
    limit = len(seen) + MAX_URLS
    while queue:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code < 500, f"{path}: {response.status_code}"
        headers = " ".join(f"{k}: {v}" for k, v in response.items())
        text = body_text(response) if response.status_code == 200 else ""
        leaks += [
            f"{path}: {leak}" for leak in markers.found_in(without_echo(path, headers + text))
        ]
        if response.status_code in (301, 302) and not response["Location"].startswith(
            SIGN_IN_PATHS
        ):
            links = [urljoin(path, response["Location"])]
        else:
            links = links_in(f"http://testserver{path}", response) if text else []
        for link in links:
            target = local_path(link)
            if target and target not in seen and len(seen) < limit:
                seen.add(target)
                queue.append(target)
    return leaks, seen


def without_echo(path, text):
    """The text less the reader's own search words, which the page rightly repeats."""
    for query in parse_qs(urlsplit(path).query).get("q", []):
        text = re.sub(re.escape(query), " ", text, flags=re.IGNORECASE)
    return text


def start_addresses():
    clocks = sorted(set(YearClock.objects.values_list("slug", flat=True)))
    feeds = [f"/feeds/{slug}.ics?lang={lang}" for slug in clocks for lang in ("fi", "sv")]
    api = [
        "/api/v1/occurrences?start=2026-08-01&end=2027-07-31&lang=fi",
        "/api/v1/occurrences?start=2026-08-01&end=2027-07-31&lang=sv",
    ]
    # The sign-in pages (identity): the forms, password reset, the second-factor step and
    # the admin's login, which is only a redirect to them.
    sign_in = [
        "/fi/kirjaudu/",
        "/sv/logga-in/",
        "/fi/tili/salasana/unohtunut/",
        "/sv/konto/losenord/glomt/",
        "/fi/tili/tunnistautuminen/authenticate/",
        "/sv/konto/inactive/",
    ]
    return ["/fi/", "/sv/", "/sitemap.xml", "/robots.txt", *feeds, *api, *sign_in]


def search_addresses(word, place):
    """Searches for a marker and its misspellings in the marker's language; autocomplete too."""
    language = "sv" if place.endswith(" sv") else "fi"
    found = []
    for query in [word, *misspellings(word)]:
        found += [
            f"/{language}/{SEARCH_WORD[language]}/?q={query}",
            f"/{language}/{SEARCH_WORD[language]}/suggest/?q={query}",
        ]
    return found


@pytest.mark.elasticsearch
def test_no_private_word_reaches_an_anonymous_reader(canary):
    markers, pages, (staff_task, public_task) = canary
    anonymous = Client()
    with time_machine.travel(NOW, tick=False):
        leaks, seen = crawl(anonymous, start_addresses(), markers)
        searches = [a for w, p in markers.places.items() for a in search_addresses(w, p)]
        search_leaks, _seen = crawl(anonymous, searches, markers)
    assert not leaks + search_leaks, "\n".join(leaks + search_leaks)
    # The crawl reached every kind of surface: otherwise "no leak" would mean nothing.
    reached = {urlsplit(path).path.split("/")[1] for path in seen}
    assert {"fi", "sv", "feeds", "api", "documents", "media", "sitemap.xml"} <= reached, reached
    assert any("export.ics" in path for path in seen) and any("export.csv" in path for path in seen)
    assert public_task.get_absolute_url() in seen
    assert len(markers.words) >= 40
    print(f"canary: {len(markers.words)} markers, {len(seen)} addresses, {len(searches)} searches")

    # Positive control: the same markers are indexed, rendered and searchable for staff.
    staff = Client()
    rusko = Organisation.objects.get(slug="rusko", locale__language_code="fi")
    staff.force_login(staff_user(username="kanaria-opettaja", organisation=rusko))
    with time_machine.travel(NOW, tick=False):
        for page in pages:
            assert markers.found_in(staff.get(page.url).content.decode()), page.url
        html = staff.get(public_task.get_absolute_url()).content.decode()
        assert markers.found_in(html)  # the completion note and who did it
        for place in ("title fi", "task title fi", "document text fi", "body fi", "task title sv"):
            word = next(w for w, p in markers.places.items() if p == place)
            language = place[-2:]
            results = staff.get(f"/{language}/{SEARCH_WORD[language]}/?q={word}").content.decode()
            assert f"<mark>{word}</mark>" in results.lower(), place  # a highlighted hit

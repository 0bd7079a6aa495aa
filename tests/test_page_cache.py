"""The page cache (kb.page_cache): fresh at once after every change, never for signed-in users.

A real gunicorn serves anonymous readers from the shared cache: files (the embedded
default) or the database cache table (CACHE_LOCATION). This process changes the
content as an editor's request in another worker would, and every change must show
on the very next request, while an unchanged page keeps coming from the cache.
"""

import datetime
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

import pytest
import time_machine

from guides.tests.factories import GuidePageFactory, SectionPageFactory, site_tree
from kb.page_cache import HEADER, page_key
from kb.tests.factories import SchoolYearFactory
from kb.translation import po_from_fields, translate
from services.tests.factories import DecisionFactory, DigitalServiceFactory
from tests.server import database_url, gunicorn
from yearclock.models import Task
from yearclock.selectors import current_start_year
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TABLE = "test_page_cache"


def fetch(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Reader:
    def __init__(self, base):
        self.base = base

    def page(self, path, cookie=""):
        status, headers, body = fetch(self.base + path, cookie)
        assert status == 200, (path, status)
        return headers.get(HEADER), body

    def cached(self, path):
        """The page's text, after proving the next request is a hit."""
        self.page(path)
        state, body = self.page(path)
        assert state == "hit", path
        return body

    def fresh(self, path):
        state, body = self.page(path)
        assert state == "miss", path  # rendered anew after the change
        return body


CACHE_KINDS = {
    "files": lambda root: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(root / "pages"),
    },
    "database": lambda root: {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": TABLE,
        "KEY_PREFIX": "pages",
    },
}


@pytest.fixture(scope="module", params=list(CACHE_KINDS))
def server(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """One server per kind of cache for the module; each test brings its own content."""
    pages = CACHE_KINDS[request.param](tmp_path_factory.mktemp("cache"))
    env = {
        "DJANGO_SETTINGS_MODULE": "kb.settings.test",
        "DATABASE_URL": database_url(connection),
        "PAGE_CACHE_SECONDS": "3600",
    }
    if request.param == "files":
        env["PAGE_CACHE_DIR"] = pages["LOCATION"]
    else:
        with django_db_blocker.unblock():
            call_command("createcachetable", TABLE, verbosity=0)
        env["CACHE_LOCATION"] = TABLE
    with gunicorn(env, workers=2, threads=2) as (base, _process):
        yield Reader(base), pages


@pytest.fixture
def served(server, settings, locales):
    reader, pages = server
    settings.CACHES = {**settings.CACHES, "pages": pages}  # this process purges the same cache
    return reader, build_world(locales)


def build_world(locales):
    tree = site_tree()
    guide = GuidePageFactory(parent=tree["public"], title="Koulukuljetus", slug="kuljetus")
    pupils = SectionPageFactory(parent=tree["home"], title="Oppilaille", slug="oppilaille")
    SchoolYearFactory(start_year=current_start_year(timezone.localdate()))
    clock = YearClockFactory(slug="valimuisti")
    translate(clock, locales["sv"], po_from_fields(clock, {"name": "Årshjulet"}))
    task = TaskFactory(
        year_clock=clock,
        title="Laitteiden palautus",
        visibility=Task.Visibility.PUBLIC,
        rule=Task.Rule.RRULE,
        rrule="FREQ=WEEKLY;BYDAY=MO",
    )
    swedish_task = translate(
        task,
        locales["sv"],
        po_from_fields(task, {"title": "Återlämning", "description": "Kontrollera."}),
    )
    service = DecisionFactory(service=DigitalServiceFactory(name_fi="Sanapeli")).service
    with translation.override("fi"):
        paths = {
            "home": "/fi/",
            "public": tree["public"].url,
            "pupils": pupils.url,
            "clock": reverse("yearclock:year_clock", kwargs={"slug": clock.slug}),
            "services": reverse("services:list"),
        }
    with translation.override("sv"):
        paths["clock_sv"] = reverse("yearclock:year_clock", kwargs={"slug": clock.slug})
    return {
        **tree,
        "guide": guide,
        "pupils": pupils,
        "task": task,
        "service": service,
        "swedish_task": swedish_task,
        "paths": paths,
    }


def test_every_change_shows_at_once_and_unchanged_pages_stay_cached(served, locales):
    reader, world = served
    paths = world["paths"]
    guide = world["guide"]

    # Publish a new revision: the page itself and the section that lists it.
    assert "Koulukuljetus" in reader.cached(paths["public"])
    guide.title = "Koulukuljetukset"
    guide.save_revision().publish()
    assert "Koulukuljetukset" in reader.fresh(paths["public"])
    assert "Koulukuljetukset" in reader.fresh(guide.url)

    # Unpublish, publish again, move, delete.
    reader.cached(paths["public"])
    guide.refresh_from_db()
    guide.unpublish()
    assert "Koulukuljetukset" not in reader.fresh(paths["public"])
    guide.refresh_from_db()
    guide.get_latest_revision().publish()
    assert "Koulukuljetukset" in reader.fresh(paths["public"])
    assert "Koulukuljetukset" not in reader.cached(paths["pupils"])
    guide.refresh_from_db()
    guide.move(world["pupils"], pos="last-child")
    assert "Koulukuljetukset" in reader.fresh(paths["pupils"])
    assert "Koulukuljetukset" not in reader.fresh(paths["public"])
    guide.refresh_from_db()
    guide.delete()
    assert "Koulukuljetukset" not in reader.fresh(paths["pupils"])

    # The menu: a section renamed shows on the home page.
    assert "Oppilaille" in reader.cached(paths["home"])
    pupils = world["pupils"]
    pupils.refresh_from_db()
    pupils.title = "Oppilaat"
    pupils.save_revision().publish()
    assert "Oppilaat" in reader.fresh(paths["home"])

    # A task (a snippet): a translator's new Swedish title through wagtail-localize,
    # then a Finnish save whose synchronised visibility reaches the Swedish task too.
    assert "Laitteiden palautus" in reader.cached(paths["clock"])
    assert "Återlämning" in reader.cached(paths["clock_sv"])
    task = Task.objects.get(pk=world["task"].pk)
    translate(
        task,
        locales["sv"],
        po_from_fields(task, {"title": "Återlämnandet", "description": "Kontrollera."}),
    )
    assert "Återlämnandet" in reader.fresh(paths["clock_sv"])
    task.visibility = Task.Visibility.STAFF
    task.save()
    assert "Laitteiden palautus" not in reader.fresh(paths["clock"])
    assert "Återlämnandet" not in reader.fresh(paths["clock_sv"])

    # A service's name on the register's page.
    assert "Sanapeli" in reader.cached(paths["services"])
    service = world["service"]
    service.name_fi = "Sanaleikki"
    service.save()
    assert "Sanaleikki" in reader.fresh(paths["services"])


def test_signed_in_readers_forms_and_cookies_are_never_cached(served, django_user_model):
    reader, world = served
    home = world["paths"]["home"]
    user = django_user_model.objects.create_user("lukija", "lukija@example.org", "x")
    client = Client()
    client.force_login(user)
    session = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    reader.cached(home)
    with translation.override("fi"):
        login, account = reverse("account_login"), reverse("account")
    for _ in range(2):
        state, body = reader.page(home, cookie=session)
        assert state is None and account in body  # rendered for them, never stored
    assert account not in reader.cached(home)
    for _ in range(2):  # a form with a CSRF token
        state, body = reader.page(login)
        assert state is None and "csrfmiddlewaretoken" in body
    assert reader.page("/healthz")[0] is None
    # A CSRF cookie alone is not a session: anonymous pages still come from the cache.
    assert reader.page(home, cookie=f"{settings.CSRF_COOKIE_NAME}={'k' * 32}")[0] == "hit"


@pytest.mark.django_db(transaction=False)
def test_the_cache_key_holds_the_day():
    """Year-clock pages say what is due today: tomorrow's readers get tomorrow's page."""
    request = RequestFactory().get("/fi/vuosikello/x/")
    today = page_key(request, "g")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow):
        assert page_key(request, "g") != today
    assert page_key(request, "g") == today and page_key(request, "h") != today

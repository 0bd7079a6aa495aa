"""load_demo builds a bilingual site once; running it again changes nothing."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail_localize.models import Translation

import pytest
import time_machine

from guides.verification import PageVerification, Status
from kb.models import Organisation, Role, School, SchoolYear
from services.models import Decision, DigitalService
from yearclock.models import Task, YearClock

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "verifications": PageVerification.objects.count(),
        "users": get_user_model().objects.count(),
        "roles": Role.objects.count(),
        "schools": School.objects.count(),
        "school_years": SchoolYear.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
        "redirects": Redirect.objects.count(),
        "services": DigitalService.objects.count(),
        "decisions": Decision.objects.count(),
        "latest_page_change": max(p.latest_revision_created_at for p in Page.objects.all()[1:]),
    }


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0), tick=False)
def test_load_demo_is_bilingual_and_idempotent(client, settings):
    settings.DEBUG = True  # the documented demo passwords are set on development machines only
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first

    finnish = Page.objects.filter(locale__language_code="fi", depth__gte=2)
    assert finnish.count() >= 30
    for page in finnish:
        assert page.get_translations().filter(locale__language_code="sv", live=True).exists(), page
    assert first["redirects"] == 0
    assert SchoolYear.objects.filter(start_year__in=[2025, 2026, 2027]).count() == 3
    assert first["services"] >= 18 and first["decisions"] >= first["services"]  # its own loader

    # Most pages are verified for 2026–2027; a few are left awaiting review.
    states = [p.specific.review_state().status for p in finnish if hasattr(p.specific, "body")]
    assert states.count(Status.VERIFIED) >= 20
    assert Status.OVERDUE in states

    # Every Swedish page and snippet is a wagtail-localize translation of its Finnish source.
    for model in (Page, Role, School, Organisation, YearClock, Task):
        swedish = model.objects.filter(locale__language_code="sv")
        if model is Page:
            swedish = swedish.filter(depth__gte=2)
        assert swedish.exists(), model
        for item in swedish:
            assert Translation.objects.filter(
                source__object_id=item.translation_key,
                source__locale__language_code="fi",
                target_locale__language_code="sv",
                enabled=True,
            ).exists(), item
    # Who a Swedish page is for is told with Swedish roles only.
    device_page = Page.objects.get(slug="elevens-enhet").specific
    assert {r.name for r in device_page.audiences.all()} == {"Vårdnadshavare", "Lärare"}
    assert "Huoltaja" not in {r.name for p in swedish_content() for r in p.audiences.all()}
    assert client.get("/sv/for-vardnadshavare/elevens-enhet/").status_code == 200

    assert client.get("/fi/").status_code == 200
    assert client.get("/sv/").status_code == 200
    assert client.get("/fi/henkilostolle/turvatulostus/").status_code == 302
    # Issue 21: a guardian's "tulostus" (printing) finds printing, not "tulokset"
    # (results), and a word spelt right that has results gets no "did you mean".
    html = client.get("/fi/haku/", {"q": "tulostus"}).content.decode()
    results = re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)
    assert results and all("tulost" in r.lower() for r in results), results
    assert "Tarkoititko" not in html
    assert client.login(username="opettaja", password="demo-opettaja-2026")
    assert client.get("/fi/henkilostolle/turvatulostus/").status_code == 200
    assert client.get("/sv/for-personalen/saker-utskrift/").status_code == 200
    # The process guide links to the register in the reader's language.
    finnish_process = client.get("/fi/prosessit/hankintaprosessi/").content.decode()
    assert 'href="/fi/palvelut/pyynto/"' in finnish_process
    swedish_process = client.get("/sv/processer/upphandlingsprocessen/").content.decode()
    assert 'href="/sv/tjanster/begaran/"' in swedish_process
    assert "/fi/palvelut/" not in swedish_process


def swedish_content():
    pages = Page.objects.filter(locale__language_code="sv").specific()
    return [page for page in pages if hasattr(page, "audiences")]


def test_demo_accounts_cannot_sign_in_when_loaded_on_a_server(settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    User = get_user_model()
    assert User.objects.filter(username="admin").exists()
    assert not any(user.has_usable_password() for user in User.objects.all())

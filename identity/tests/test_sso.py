"""Single sign-on per organisation against a real OpenID Connect provider (tests/oidc).

The region's provider signs in staff of both municipalities; its claims give the
organisation, school and roles, set again at every sign-in.
"""

import re
import time
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client

import pytest
import requests
from allauth.socialaccount.models import SocialAccount

from guides.tests.factories import site_tree
from identity.models import SignInProvider
from identity.tests.conftest import CLIENT_ID, CLIENT_SECRET
from kb.models import Organisation, StaffProfile
from kb.tests.factories import OrganisationFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CALLBACK_BASE = "http://testserver/sso/"


@pytest.fixture
def region(locales, oidc_provider):
    tree = site_tree()
    seutu = OrganisationFactory(
        slug="tampereen-seutu", name="Tampereen seutu", kind=Organisation.Kind.REGION
    )
    rusko = OrganisationFactory(slug="rusko", name="Ruskon kunta", parent=seutu)
    kangasala = OrganisationFactory(slug="kangasala", name="Kangasalan kunta", parent=seutu)
    SchoolFactory(slug="maunu", name="Maunun koulu", organisation=rusko)
    SchoolFactory(slug="pikkola", name="Pikkolan koulu", organisation=kangasala)
    for slug, name in [("opettaja", "Opettaja"), ("rehtori", "Rehtori"), ("tvt-vastaava", "TVT")]:
        RoleFactory(slug=slug, name=name)
    common = {
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "organisation_claim": "organisation",
        "school_claim": "school",
        "roles_claim": "roles",
    }
    SignInProvider.objects.create(
        organisation=seutu,
        slug="seutu",
        label_fi="Tampereen seudun",
        label_sv="Tammerforsregionen",
        issuer=oidc_provider.issuer,
        **common,
    )
    return {"tree": tree, "rusko": rusko, "kangasala": kangasala}


def at_provider(page, live_server, sub):
    """Sign in at the provider's own pages (its development forms), then consent."""
    for _ in range(4):
        page.wait_for_load_state()
        if page.url.startswith(live_server.url):
            return
        if page.locator("input[name=login]").count():
            page.fill("input[name=login]", sub)
            page.fill("input[name=password]", "any")
        page.locator("button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/**")


def profile_of(sub):
    user = SocialAccount.objects.get(provider="seutu", uid=sub).user
    profile = StaffProfile.objects.get(user=user)
    return (
        profile.organisation.slug,
        {school.slug for school in profile.schools.all()},
        {role.slug for role in profile.roles.all()},
    )


def test_oidc_sign_in_with_the_regions_button_sets_role_and_school(
    browser_page, axe, live_server, oidc_provider, region
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/fi/kirjaudu/?next=/fi/tili/")
    axe(page)
    page.get_by_role("button", name="Kirjaudu Tampereen seudun tunnuksella").click()
    at_provider(page, live_server, "opettaja-rusko")
    page.wait_for_url("**/fi/tili/")
    text = page.locator("main").inner_text()
    assert "Opettaja" in text and "Maunun koulu" in text
    axe(page)
    assert profile_of("opettaja-rusko") == ("rusko", {"maunu"}, {"opettaja"})
    staff_page = region["tree"]["staff"]
    page.goto(staff_page.url)
    assert page.locator("h1").inner_text() == staff_page.title
    # Linked by the provider's subject, not by the (unverified) e-mail address.
    user = get_user_model().objects.get(socialaccount__uid="opettaja-rusko")
    assert not user.has_usable_password()

    # The provider changes the role: the next sign-in changes it here (the old one goes).
    oidc_provider.set_claims("opettaja-rusko", roles=["rehtori"])
    page.context.clear_cookies()
    page.goto("/sv/logga-in/?next=/sv/konto/")
    page.get_by_role("button", name="Logga in med Tammerforsregionen").click()
    at_provider(page, live_server, "opettaja-rusko")
    page.wait_for_url("**/sv/konto/")
    assert profile_of("opettaja-rusko") == ("rusko", {"maunu"}, {"rehtori"})
    assert SocialAccount.objects.filter(provider="seutu").count() == 1

    # The other person: another municipality, school and roles.
    page.context.clear_cookies()
    page.goto("/fi/kirjaudu/?next=/fi/tili/")
    page.get_by_role("button", name="Kirjaudu Tampereen seudun tunnuksella").click()
    at_provider(page, live_server, "rehtori-kangasala")
    page.wait_for_url("**/fi/tili/")
    assert profile_of("rehtori-kangasala") == (
        "kangasala",
        {"pikkola"},
        {"rehtori", "tvt-vastaava"},
    )


def provider_round_trip(client, slug, sub):
    """Start at our button, sign in at the provider over HTTP; the callback it sends back.

    The Django test client plays the browser on our side and `requests` on the
    provider's (its development login and consent forms), so the callback can be
    changed before it reaches us.
    """
    start = client.post(f"/sso/{slug}/login/", {"process": "login", "next": "/fi/tili/"})
    assert start.status_code == 302, start
    session, url = requests.Session(), start["Location"]
    for _ in range(10):
        if url.startswith(CALLBACK_BASE):
            return url
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["Location"])
            continue
        action = re.search(r'action="([^"]+)"', response.text).group(1)
        form = {"prompt": re.search(r'name="prompt" value="(\w+)"', response.text).group(1)}
        if 'name="login"' in response.text:
            form.update(login=sub, password="any")
        posted = session.post(urljoin(url, action), data=form, allow_redirects=False, timeout=10)
        url = urljoin(url, posted.headers["Location"])
    raise AssertionError(f"the provider never sent us back (at {url})")


def callback(client, url, **changes):
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return client.get(parts.path, query)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_oidc_tampered_state_expired_code_and_wrong_issuer_are_refused(oidc_provider, region):
    # Positive control: the round trip, untouched, signs in.
    client = Client()
    response = callback(client, provider_round_trip(client, "seutu", "opettaja-rusko"))
    assert response.status_code == 302 and response["Location"] == "/fi/tili/"
    assert signed_in(client)

    # A tampered state: refused, nobody signed in.
    client = Client()
    url = provider_round_trip(client, "seutu", "opettaja-rusko")
    response = callback(client, url, state="tampered" + "x" * 20)
    assert not signed_in(client) and response.status_code < 500
    # A forged code with the real state: refused.
    client = Client()
    url = provider_round_trip(client, "seutu", "opettaja-rusko")
    callback(client, url, code="forged-code")
    assert not signed_in(client)
    # An expired code (the provider keeps codes 4 s here): refused.
    client = Client()
    url = provider_round_trip(client, "seutu", "opettaja-rusko")
    time.sleep(5)
    callback(client, url)
    assert not signed_in(client)
    # A code used twice: the second time refused (a replayed callback).
    client = Client()
    url = provider_round_trip(client, "seutu", "opettaja-rusko")
    callback(client, url)
    assert signed_in(client)
    client.logout()
    callback(client, url)
    assert not signed_in(client)

    # A provider whose tokens name another issuer than the one configured: refused.
    SignInProvider.objects.create(
        organisation=region["rusko"],
        slug="vaara",
        issuer=oidc_provider.issuer.replace("127.0.0.1", "localhost"),
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
    )
    client = Client()
    url = provider_round_trip(client, "vaara", "opettaja-rusko")
    response = callback(client, url)
    assert not signed_in(client) and response.status_code < 500
    assert not SocialAccount.objects.filter(provider="vaara").exists()


def stashed_states(client):
    return client.session.get("socialaccount_states", {})


def change_stashed_nonce(client, value):
    """Change (or, with None, remove) the nonce our side remembers for the sign-in."""
    session = client.session
    states = session["socialaccount_states"]
    for state, *_rest in states.values():
        if value is None:
            state.pop("oidc_nonce", None)
        else:
            state["oidc_nonce"] = value
    session["socialaccount_states"] = states
    session.save()


def test_oidc_id_token_must_carry_the_nonce_of_this_sign_in(oidc_provider, region):
    # The authorisation request carries a fresh nonce, remembered with the state.
    client = Client()
    start = client.post("/sso/seutu/login/", {"process": "login", "next": "/fi/tili/"})
    sent = dict(parse_qsl(urlsplit(start["Location"]).query))["nonce"]
    remembered = [state["oidc_nonce"] for state, *_rest in stashed_states(client).values()]
    assert len(sent) >= 32 and remembered == [sent]

    # The ID token names another sign-in's nonce: refused although code and state are right.
    client = Client()
    url = provider_round_trip(client, "seutu", "opettaja-rusko")
    change_stashed_nonce(client, "another-sign-in-" + "x" * 30)
    response = callback(client, url)
    assert not signed_in(client) and response.status_code < 500
    # A state with no nonce remembered (started before this check existed): refused too.
    client = Client()
    url = provider_round_trip(client, "seutu", "opettaja-rusko")
    change_stashed_nonce(client, None)
    callback(client, url)
    assert not signed_in(client)
    assert not SocialAccount.objects.filter(uid="opettaja-rusko").exists()

    # Untouched, the same round trip signs in.
    client = Client()
    callback(client, provider_round_trip(client, "seutu", "opettaja-rusko"))
    assert signed_in(client)

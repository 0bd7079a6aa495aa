"""The sign-in pages in a real browser at 390 px: axe-clean, and a passkey through chromium."""

import pytest
from allauth.mfa.models import Authenticator

from guides.tests.factories import site_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "demo-toimittaja-2026"


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def sign_in_with_password(page, next_url):
    page.goto(f"/fi/kirjaudu/?next={next_url}")
    page.fill("#id_login", "toimittaja")
    page.fill("#id_password", PASSWORD)
    page.locator("#sign-in-form button[type=submit]").click()


def test_passkey_enrolment_and_sign_in_on_a_phone(browser_page, axe, django_user_model, locales):
    site_tree()
    user = django_user_model.objects.create_user("toimittaja", password=PASSWORD)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    # chromium's virtual authenticator: a real WebAuthn ceremony, no mock of allauth.
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    page.goto("/fi/kirjaudu/")
    axe(page)
    assert fits(page)
    sign_in_with_password(page, "/fi/tili/")
    page.wait_for_url("**/fi/tili/")
    axe(page)
    assert fits(page)
    page.get_by_role("link", name="Toinen tunnistustapa").click()
    page.wait_for_url("**/fi/tili/tunnistautuminen/")
    axe(page)
    assert fits(page)

    page.goto("/fi/tili/tunnistautuminen/webauthn/add/")
    page.wait_for_url("**/reauthenticate/**")  # adding a factor asks for the password again
    axe(page)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/webauthn/add/")
    axe(page)
    assert fits(page)
    page.fill("#id_name", "Puhelin")
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count() == 1
    axe(page)  # where allauth goes next: the recovery codes

    page.context.clear_cookies()
    sign_in_with_password(page, "/fi/tili/")
    page.wait_for_url("**/tunnistautuminen/authenticate/")
    axe(page)
    assert fits(page)
    page.locator("#mfa_webauthn_authenticate").click()
    page.wait_for_url("**/fi/tili/")
    assert page.locator("h1").inner_text() == "Omat asetukset"

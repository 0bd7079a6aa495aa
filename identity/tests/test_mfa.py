"""A second factor: enrolled on the account page, asked at every sign-in, required for editors."""

import datetime
import time

from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

pytestmark = pytest.mark.django_db
PASSWORD = "demo-toimittaja-2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def editor(django_user_model, locales):
    user = django_user_model.objects.create_user("toimittaja", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture(autouse=True)
def frozen():
    """A code belongs to a 30-second period: a slow request must not cross into the next.

    allauth remembers used codes in the cache (replay protection): start each test empty.
    """
    cache.clear()
    with time_machine.travel(
        datetime.datetime(2026, 9, 1, 8, 0, 5, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED = True


def url(name, language="fi"):
    with translation.override(language):
        return reverse(name)


def code(secret=SECRET, at=None):
    return format_hotp_value(hotp_value(secret, int(at or time.time()) // 30))


def password_step(client, next_url="/admin/"):
    return client.post(
        url("account_login"), {"login": "toimittaja", "password": PASSWORD, "next": next_url}
    )


def enrol(user):
    TOTP.activate(user, SECRET)
    return RecoveryCodes.activate(user)


def test_enrolment_of_an_authenticator_app_on_the_account_page(client, editor):
    password_step(client)
    # Adding a factor asks for the password again (allauth's reauthentication).
    ask = client.get(url("mfa_activate_totp"))
    assert ask.status_code == 302 and ask["Location"].startswith(url("account_reauthenticate"))
    client.post(ask["Location"], {"password": PASSWORD})
    page = client.get(url("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert 'src="data:image/svg+xml' in page.content.decode()  # the QR code, no outside request
    wrong = client.post(url("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=editor).exists()
    response = client.post(url("mfa_activate_totp"), {"code": code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    # Recovery codes come with it.
    codes = client.get(url("mfa_view_recovery_codes"))
    assert codes.status_code == 200
    assert len(codes.context["unused_codes"]) == 10


def test_sign_in_asks_for_the_code(client, editor):
    enrol(editor)
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == url("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not signed in after the password alone
    assert client.post(url("mfa_authenticate"), {"code": "123456"}).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(url("mfa_authenticate"), {"code": code()})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(editor.pk)
    methods = [r["method"] for r in client.session["account_authentication_methods"]]
    assert methods == ["password", "mfa"]


def test_sign_in_with_a_recovery_code_once(client, editor):
    recovery = enrol(editor)
    first = recovery.get_unused_codes()[0]
    password_step(client)
    response = client.post(url("mfa_authenticate"), {"code": first})
    assert response.status_code == 302
    client.post(url("account_logout"))
    password_step(client)
    assert client.post(url("mfa_authenticate"), {"code": first}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_required_second_factor_refused_by_every_path(client, editor, required):
    # Not enrolled: the site's sign-in, and the admin's (which is the same form).
    for start in ("/fi/kirjaudu/", "/admin/login/"):
        client.logout()
        response = client.get(start, follow=True)
        form = response.redirect_chain[-1][0] if response.redirect_chain else start
        client.post(form, {"login": "toimittaja", "password": PASSWORD, "next": "/admin/"})
        admin = client.get("/admin/")
        assert admin.status_code == 302, start
        assert admin["Location"] == url("mfa_index"), start
        assert client.get("/fi/").status_code == 302  # nowhere but to enrol
        assert client.get(url("mfa_index")).status_code == 200
    # Enrolled: a password-only session (one from before the setting changed, or made
    # by any other path) is ended and sent to sign in again.
    enrol(editor)
    client.logout()
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/kirjaudu/?next=%2Fadmin%2Fpages%2F"
    assert "_auth_user_id" not in client.session
    # With the code, the admin opens.
    password_step(client)
    client.post(url("mfa_authenticate"), {"code": code()})
    assert client.get("/admin/").status_code == 200


def test_people_who_cannot_reach_the_admin_need_no_second_factor(
    client, django_user_model, required, locales
):
    django_user_model.objects.create_user("opettaja", password="demo-opettaja-2026")
    client.post(url("account_login"), {"login": "opettaja", "password": "demo-opettaja-2026"})
    assert client.get(url("account")).status_code == 200


def test_required_by_default_outside_debug():
    import subprocess
    import sys

    script = (
        "import os; os.environ.pop('MFA_REQUIRED', None); os.environ['DJANGO_SECRET_KEY']='x'*50;"
        "os.environ['DJANGO_DEBUG']='{}';"
        "import kb.settings.base as s; print(s.MFA_REQUIRED)"
    )
    values = [
        subprocess.run(
            [sys.executable, "-c", script.format(debug)], capture_output=True, text=True, check=True
        ).stdout.strip()
        for debug in ("0", "1")
    ]
    assert values == ["True", "False"]


def test_a_code_is_used_once(client, editor):
    enrol(editor)
    password_step(client)
    client.post(url("mfa_authenticate"), {"code": code()})
    assert client.session["_auth_user_id"] == str(editor.pk)
    client.post(url("account_logout"))
    password_step(client)
    assert client.post(url("mfa_authenticate"), {"code": code()}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_organisations_sign_in_counts_as_the_second_factor(client, editor, required):
    """The provider's own policy decides its factors: an SSO session passes the rule."""
    client.force_login(editor)
    assert client.get("/admin/").status_code == 302
    session = client.session
    session["account_authentication_methods_user"] = str(editor.pk)
    session["account_authentication_methods"] = [
        {"method": "socialaccount", "at": time.time(), "provider": "seutu", "uid": "x"}
    ]
    session.save()
    assert client.get("/admin/").status_code == 200

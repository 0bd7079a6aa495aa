"""One sign-in: allauth's, at Finnish and Swedish addresses, for the site and the admin."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "demo-opettaja-2026"


@pytest.fixture
def teacher(django_user_model, locales):
    return django_user_model.objects.create_user(
        "opettaja", email="opettaja@rusko.example", password=PASSWORD
    )


def sign_in(client, login, password=PASSWORD, next_url="", address="192.0.2.10", lang="fi"):
    with translation.override(lang):
        path = reverse("account_login")
    data = {"login": login, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(path, data, REMOTE_ADDR=address)


def test_addresses_are_finnish_and_swedish():
    expected = {
        "fi": ["/fi/kirjaudu/", "/fi/kirjaudu-ulos/", "/fi/tili/", "/fi/tili/salasana/"],
        "sv": ["/sv/logga-in/", "/sv/logga-ut/", "/sv/konto/", "/sv/konto/losenord/"],
    }
    for language, paths in expected.items():
        with translation.override(language):
            names = ["account_login", "account_logout", "account", "account_change_password"]
            assert [reverse(name) for name in names] == paths
            assert reverse("account_reset_password").startswith(paths[2])
            assert reverse("mfa_index").startswith(paths[2])


def test_old_english_addresses_redirect_permanently(client):
    for old, new in [
        ("/fi/login/?next=/fi/x/", "/fi/kirjaudu/?next=/fi/x/"),
        ("/sv/login/", "/sv/logga-in/"),
        ("/fi/logout/", "/fi/kirjaudu-ulos/"),
        ("/sv/account/", "/sv/konto/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new


def test_admin_login_is_the_site_sign_in(client, teacher):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/kirjaudu/?next=%2Fadmin%2Fpages%2F"
    # Wagtail sends an anonymous visitor of the admin there too.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # Its front-end login form (page privacy) is gone as well.
    response = client.get("/fi/_util/login/?next=/fi/x/")
    assert response["Location"] == "/fi/kirjaudu/?next=%2Ffi%2Fx%2F"
    # Nothing signs in at the old form: a POST is only redirected.
    response = client.post("/admin/login/", {"username": "opettaja", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_admin_login_keeps_next_local(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/fi/kirjaudu/?next=%2Fadmin%2F"


def test_sign_in_and_out_in_swedish(client, teacher):
    page = client.get("/sv/logga-in/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="sv"' in html and "Logga in" in html
    assert 'name="login"' in html and 'autocomplete="current-password"' in html
    response = sign_in(client, "opettaja", next_url="/sv/konto/", lang="sv")
    assert response.status_code == 302 and response["Location"] == "/sv/konto/"
    assert client.get("/sv/konto/").status_code == 200
    response = client.post("/sv/logga-ut/")
    assert response.status_code == 302
    assert client.get("/sv/konto/").status_code == 302


def test_wrong_password_is_a_translated_400(client, teacher):
    response = sign_in(client, "opettaja", password="väärin")
    assert response.status_code == 400
    assert "Annettu käyttäjänimi tai salasana ei ole oikein." in response.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]
)
def test_next_stays_local(client, teacher, target):
    response = sign_in(client, "opettaja", next_url=target)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_next_within_the_site_is_followed(client, teacher):
    response = sign_in(client, "opettaja", next_url="/fi/vuosikello/")
    assert response["Location"] == "/fi/vuosikello/"


def test_signup_is_closed(client):
    with pytest.raises(NoReverseMatch):
        reverse("account_signup")
    assert client.get("/fi/tili/signup/").status_code == 404


def test_a_deactivated_account_loses_its_session(client, teacher):
    sign_in(client, "opettaja")
    assert client.get("/fi/tili/").status_code == 200
    teacher.is_active = False
    teacher.save()
    response = client.get("/fi/tili/")
    assert response.status_code == 302 and response["Location"].startswith("/fi/kirjaudu/")

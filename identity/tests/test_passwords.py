"""Self-service passwords: reset by e-mail from the sign-in page, change on the account page."""

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

pytestmark = pytest.mark.django_db
OLD, NEW = "demo-opettaja-2026", "uusi-Salasana-2027"


@pytest.fixture
def teacher(django_user_model, locales):
    return django_user_model.objects.create_user(
        "opettaja", email="opettaja@rusko.example", password=OLD
    )


def url(name, language="fi"):
    with translation.override(language):
        return reverse(name)


def request_reset(client, email, language="fi"):
    return client.post(url("account_reset_password", language), {"email": email})


def reset_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+/)", message.body).group(1)


def test_the_sign_in_page_links_to_the_reset(client):
    html = client.get(url("account_login")).content.decode()
    assert f'href="{url("account_reset_password")}"' in html


def test_a_reset_mail_in_swedish_and_no_hint_whether_the_address_exists(client, teacher):
    known = request_reset(client, "opettaja@rusko.example", "sv")
    unknown = request_reset(client, "nobody@rusko.example", "sv")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == url("account_reset_password_done", "sv")
    assert len(mail.outbox) == 1  # nothing at all to an unknown address
    message = mail.outbox[0]
    assert message.to == ["opettaja@rusko.example"]
    assert "lösenord" in (message.subject + message.body).lower()
    assert "/sv/konto/password/reset/key/" in message.body


def test_a_finnish_reset_link_works_once(client, teacher):
    request_reset(client, "opettaja@rusko.example")
    assert "salasana" in mail.outbox[0].body.lower()
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password = form.redirect_chain[-1][0]
    response = client.post(set_password, {"password1": NEW, "password2": NEW})
    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_from_key_done")
    teacher.refresh_from_db()
    assert teacher.check_password(NEW)
    # The same link again: refused, the password stays.
    again = client.get(link, follow=True)
    assert again.context["token_fail"] is True
    client.post(
        again.redirect_chain[-1][0] if again.redirect_chain else link,
        {"password1": "x-Toinen-2028", "password2": "x-Toinen-2028"},
    )
    teacher.refresh_from_db()
    assert teacher.check_password(NEW)


def test_a_reset_link_expires_within_the_hour(client, teacher, settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 3600
    start = datetime.datetime(2026, 9, 1, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        request_reset(client, "opettaja@rusko.example")
        link = reset_link(mail.outbox[0])
        clock.shift(datetime.timedelta(hours=1, minutes=1))
        response = client.get(link, follow=True)
        assert response.context["token_fail"] is True


def test_change_password_on_the_account_page(client, teacher):
    client.force_login(teacher)
    account = client.get(url("account")).content.decode()
    assert f'href="{url("account_change_password")}"' in account
    wrong = client.post(
        url("account_change_password"),
        {"oldpassword": "väärä", "password1": NEW, "password2": NEW},
    )
    assert wrong.status_code == 200
    response = client.post(
        url("account_change_password"),
        {"oldpassword": OLD, "password1": NEW, "password2": NEW},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.check_password(NEW)
    assert client.get(url("account")).status_code == 200  # still signed in

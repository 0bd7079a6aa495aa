"""Accessibility feedback (Act 306/2019): sent without an account, stored, shown to the
organisation's editors with its deadline, reminded before it exactly once, answered."""

import datetime

from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

from kb import feedback as feedback_module
from kb.models import AccessibilityFeedback, FeedbackReminder, Organisation
from kb.tests.factories import OrganisationFactory, staff_user

pytestmark = pytest.mark.django_db
ARRIVED = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def region(locales):
    region = OrganisationFactory(
        name="Tampereen seutu", slug="tampereen-seutu", kind=Organisation.Kind.REGION
    )
    OrganisationFactory(name="Ruskon kunta", slug="rusko", parent=region)
    return region


def editor(username, organisation, *, email=True):
    user = staff_user(
        username=username,
        organisation=organisation,
        email=f"{username}@example.fi" if email else "",
    )
    for codename in ("change_accessibilityfeedback", "access_admin"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@time_machine.travel(ARRIVED, tick=False)
def test_anyone_sends_feedback_anonymously_and_bad_input_is_explained(client, region):
    with translation.override("fi"):  # whatever language an earlier test left active
        url = reverse("accessibility_statement")
    html = client.get(url).content.decode()
    assert "4.12.2026" in html  # the statement's last review
    response = client.post(url, {"message": ""})
    assert response.status_code == 400 and "Tämä kenttä on pakollinen" in response.content.decode()
    response = client.post(url, {"message": "Vuosikellon ympyrät ovat pieniä.", "email": "x@"})
    assert response.status_code == 400 and not AccessibilityFeedback.objects.exists()
    response = client.post(url, {"message": "Vuosikellon ympyrät ovat pieniä."}, follow=True)
    assert "vastaamme viimeistään 15.12.2026" in response.content.decode().lower()
    stored = AccessibilityFeedback.objects.get()
    assert stored.organisation == region and stored.email == "" and stored.language == "fi"
    assert stored.due_on == datetime.date(2026, 12, 15)


def test_editors_are_reminded_once_three_days_before_the_deadline(region):
    rusko = Organisation.objects.get(slug="rusko")
    regional = editor("seutu", region)
    local = editor("rusko-editor", rusko)  # manages Rusko only, not the region's feedback
    editor("no-address", region, email=False)
    with time_machine.travel(ARRIVED, tick=False):
        item = AccessibilityFeedback.objects.create(
            organisation=region, language="fi", message="Valikko ei aukea."
        )
    with time_machine.travel(ARRIVED + datetime.timedelta(days=10), tick=False):
        assert feedback_module.send_due_reminders()["planned"] == 0  # due 15.12., today 11.12.
    with time_machine.travel(ARRIVED + datetime.timedelta(days=11), tick=False):
        summary = feedback_module.send_due_reminders()
        assert summary["planned"] == 1 and summary["sent"] == 1
        assert feedback_module.send_due_reminders()["sent"] == 0  # exactly once
    assert [message.to for message in mail.outbox] == [[regional.email]]
    assert "15.12.2026" in mail.outbox[0].subject and "Valikko ei aukea." in mail.outbox[0].body
    assert f"/admin/snippets/kb/accessibilityfeedback/edit/{item.pk}/" in mail.outbox[0].body
    assert not FeedbackReminder.objects.filter(recipient=local).exists()


def test_the_answer_from_the_admin_is_emailed_to_the_sender(client, region):
    user = editor("vastaaja", region)
    item = AccessibilityFeedback.objects.create(
        organisation=region, language="sv", message="Menyn öppnas inte.", email="anna@example.fi"
    )
    other = AccessibilityFeedback.objects.create(
        organisation=OrganisationFactory(name="Muu", slug="muu"), language="fi", message="x"
    )
    client.force_login(user)
    listing = client.get(reverse("wagtailsnippets_kb_accessibilityfeedback:list"))
    assert listing.status_code == 200
    assert "Menyn öppnas inte" in listing.content.decode()
    assert f"/edit/{other.pk}/" not in listing.content.decode()  # another organisation's
    edit = reverse("wagtailsnippets_kb_accessibilityfeedback:edit", args=[item.pk])
    response = client.post(edit, {"answer": "Tack, vi har rättat menyn."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answered_by == user and item.answer_sent_at is not None
    assert mail.outbox[-1].to == ["anna@example.fi"]
    assert "Tack, vi har rättat menyn." in mail.outbox[-1].body
    assert "Menyn öppnas inte." in mail.outbox[-1].body
    # Saving again sends nothing more; answered feedback is never reminded.
    client.post(edit, {"answer": "Tack, vi har rättat menyn."})
    assert len(mail.outbox) == 1
    assert client.get(
        reverse("wagtailsnippets_kb_accessibilityfeedback:edit", args=[other.pk])
    ).status_code in {302, 403}

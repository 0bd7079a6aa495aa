"""The user's own calendar page: private feed address, rotate, revoke, e-mail reminders.

Tokens are stored hashed, so the address can be shown only in the response that
creates it; later visits list the addresses by label and date, with revoke buttons.
The response that shows a token sends `Referrer-Policy: no-referrer`, is not
cached, and loads nothing from third parties.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kb.addresses import absolute_url, webcal
from yearclock.forms import FeedLabelForm, ReminderPreferenceForm
from yearclock.models import FeedToken, ReminderPreference

TOKEN_ID = re.compile(r"[0-9]{1,18}")


def personal_feed_url(raw_token, request=None):
    """Absolute address of a private feed (the route belongs to yearclock.urls_feeds)."""
    return absolute_url(reverse("yearclock_feeds:personal", kwargs={"token": raw_token}), request)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_calendar(request):
    preference = ReminderPreference.for_user(request.user)
    form = ReminderPreferenceForm(instance=preference)
    new_url = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "preferences":
            form = ReminderPreferenceForm(request.POST, instance=preference)
            if form.is_valid():
                form.save()
                messages.success(request, _("Your reminder settings were saved."))
                return redirect("yearclock:calendar")
            status = 400
        elif action in {"create", "rotate", "revoke"}:
            new_url, status = change_token(request, action)
            if status == 302:
                return redirect("yearclock:calendar")
        else:
            messages.error(request, _("Unknown action."))
            status = 400
    if new_url:
        return show_address_once(request, new_url)
    context = {
        "tokens": request.user.feed_tokens.filter(revoked_at__isnull=True),
        "form": form,
    }
    return render(request, "yearclock/my_calendar.html", context, status=status)


def show_address_once(request, url):
    """The one response that holds a token: no forms, no referrer, nothing third-party.

    It has no forms of its own because browsers send `Origin: null` from a
    no-referrer page, which Django's CSRF check rightly refuses.
    """
    context = {"new_url": url, "new_webcal": webcal(url)}
    response = render(request, "yearclock/feed_address.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response


def change_token(request, action):
    """(new address or "", status); the address is only ever in this one response."""
    if action == "create":
        form = FeedLabelForm(request.POST)
        if not form.is_valid():  # NUL bytes (PostgreSQL cannot store them), over 80 characters
            messages.error(request, " ".join(form.errors["label"]))
            return "", 400
        _token, raw = FeedToken.issue(request.user, form.cleaned_data["label"])
        messages.success(request, _("Your new calendar address is below. Copy it now."))
        return personal_feed_url(raw, request), 200
    raw_id = request.POST.get("token", "")
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    token = request.user.feed_tokens.filter(
        pk=int(raw_id) if TOKEN_ID.fullmatch(raw_id) else None,
        revoked_at__isnull=True,
    ).first()
    if token is None:
        messages.error(request, _("That calendar address no longer exists."))
        return "", 400
    if action == "revoke":
        token.revoke()
        messages.success(request, _("The calendar address was revoked. It no longer works."))
        return "", 302
    _token, raw = token.rotate()
    messages.success(request, _("The old address was revoked and a new one made. Copy it now."))
    return personal_feed_url(raw, request), 200

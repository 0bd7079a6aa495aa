"""Every request of a signed-in user is checked against the sign-in policy (identity.policy).

Checked per request, not only at sign-in, so that a session from before MFA_REQUIRED
was turned on, or one made by any other path, is held to the same rule.
"""

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from identity import policy
from identity.views import site_language

# Where a member of staff without a second factor may go: enrol one, or leave.
ENROLMENT = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_add_webauthn",
    "mfa_list_webauthn",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "account_logout",
    "javascript-catalog",
    "set_language",
}


class SignInPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated and SESSION_KEY in request.session:
            # The session's account was deactivated or has ended (identity.backends):
            # nothing of that session stays.
            request.session.flush()
        if not policy.needs_second_factor(user) or policy.signed_in_strongly(request, user):
            return self.get_response(request)
        if request.path_info.startswith(("/static/", "/media/")) or url_name(request) in ENROLMENT:
            return self.get_response(request)
        with translation.override(site_language(request)):
            if policy.has_second_factor(user):
                # Enrolled, but this session signed in without it: sign in again.
                logout(request)
                messages.info(request, _("Sign in again with your second factor."))
                target = reverse("account_login")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
            messages.info(
                request,
                _("Your account needs a second factor before you can continue. Add one here."),
            )
            return redirect("mfa_index")


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None

"""Who must use a second factor, and whether this session did."""

from django.conf import settings

from allauth.mfa.models import Authenticator

# allauth's record of how this session signed in (allauth.account.internal.flows.login).
METHODS_KEY = "account_authentication_methods"
METHODS_USER_KEY = "account_authentication_methods_user"
STRONG_METHODS = {"mfa", "socialaccount"}  # a provider's sign-in is the provider's job


def needs_second_factor(user):
    """Anyone who can reach Wagtail's admin, when MFA_REQUIRED is on."""
    if not settings.MFA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def signed_in_strongly(request, user):
    """Whether this session's sign-in used a second factor or an organisation's provider."""
    session = request.session
    if str(session.get(METHODS_USER_KEY)) != str(user.pk):
        return False
    records = session.get(METHODS_KEY)
    if not isinstance(records, list):
        return False
    return any(isinstance(r, dict) and r.get("method") in STRONG_METHODS for r in records)


def has_second_factor(user):
    return (
        Authenticator.objects.filter(user=user)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )

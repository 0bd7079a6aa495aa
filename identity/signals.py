"""Receivers of identity, connected in IdentityConfig.ready() with explicit senders."""

from django.contrib.auth import get_user_model

from allauth.account.signals import user_logged_in

from identity import claims
from identity.models import SignInProvider


def profile_from_claims(sender, request, user, sociallogin=None, **kwargs):
    """At every sign-in through an organisation's provider, its claims set the profile."""
    if sociallogin is None:
        return
    account = sociallogin.account
    provider = SignInProvider.objects.filter(slug=account.provider).first()
    if provider is None:
        return
    data = account.extra_data or {}
    found = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    claims.apply(provider, user, found)


def connect():
    user_logged_in.connect(
        profile_from_claims, sender=get_user_model(), dispatch_uid="identity-claims"
    )

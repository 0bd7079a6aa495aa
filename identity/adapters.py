"""How allauth signs people in here: closed signup, our throttle, organisations' providers."""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from identity import nonce, throttle
from kb.people import account_in_force

THROTTLED = "throttled"  # the error code the sign-in view answers with 429


def login_of(credentials):
    """What the person typed to say who they are (username or e-mail)."""
    return credentials.get("username") or credentials.get("email") or ""


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Staff accounts come from an administrator or an organisation's provider.
        return False

    def pre_authenticate(self, request, **credentials):
        wait = throttle.retry_after(request, login_of(credentials))
        if wait:
            minutes = throttle.minutes(wait)
            request.sign_in_retry_after = wait
            raise ValidationError(
                ngettext(
                    "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
                    "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code=THROTTLED,
            )

    def pre_login(self, request, user, **kwargs):
        # An organisation's provider may still vouch for someone whose account here has
        # ended: this is where allauth asks before any sign-in completes.
        if not account_in_force(user):
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def authentication_failed(self, request, **credentials):
        throttle.record_failure(request, login_of(credentials))

    def _rollback_login_failed_rl_usage(self):
        # allauth's own cache-based login limit is off (ACCOUNT_RATE_LIMITS); ours counts
        # only failures, so a success has nothing to give back.
        return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """allauth's apps plus one `openid_connect` app per organisation's provider."""
        from identity.models import SignInProvider

        apps = super().list_apps(request, provider=provider, client_id=client_id)
        for row in SignInProvider.objects.enabled():
            app = row.social_app()
            if provider and provider not in (app.provider, app.provider_id):
                continue
            if client_id and client_id != app.client_id:
                continue
            apps.append(app)
        return apps

    def is_open_for_signup(self, request, sociallogin):
        return True

    def get_provider(self, request, provider, client_id=None):
        return nonce.with_nonce(super().get_provider(request, provider, client_id=client_id))

    def pre_social_login(self, request, sociallogin):
        nonce.check(sociallogin)
        super().pre_social_login(request, sociallogin)

"""The OpenID Connect `nonce`: an ID token is accepted only for the request that asked for it.

allauth's openid_connect provider (65.x) sends `state` and PKCE but no `nonce`, and
does not compare one. `state` already binds the callback to the browser that started
the sign-in; the nonce binds the *ID token* to it too, so a token issued for another
sign-in (captured, or injected by a provider mix-up) is refused even with a valid
code (OpenID Connect Core 1.0, 3.1.2.1 and 3.1.3.7 step 11).

`NonceProvider` puts a fresh random nonce in the authorisation request and in the
stashed state (the session); `check` compares it with the ID token's claim when the
callback completes (the social account adapter's `pre_social_login`).
"""

import hmac
import secrets

from django.core.exceptions import PermissionDenied

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

STATE_KEY = "oidc_nonce"


class NonceProvider(OpenIDConnectProvider):
    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        nonce = secrets.token_urlsafe(32)
        auth_params = {**auth_params, "nonce": nonce}
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, **{STATE_KEY: nonce}
        )


def with_nonce(provider):
    """`provider` as a NonceProvider when it is allauth's OpenID Connect provider."""
    if type(provider) is OpenIDConnectProvider:
        return NonceProvider(provider.request, app=provider.app)
    return provider


def check(sociallogin):
    """Refuse an OpenID Connect sign-in whose ID token does not carry our nonce."""
    if not isinstance(getattr(sociallogin, "provider", None), OpenIDConnectProvider):
        return
    expected = (sociallogin.state or {}).get(STATE_KEY)
    id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
    received = id_token.get("nonce") if isinstance(id_token, dict) else None
    if not (
        isinstance(expected, str)
        and isinstance(received, str)
        and hmac.compare_digest(expected.encode(), received.encode())
    ):
        raise PermissionDenied("The ID token's nonce does not match this sign-in.")

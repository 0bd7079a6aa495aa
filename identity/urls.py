"""allauth's pages at Finnish and Swedish addresses (inside i18n_patterns: /fi/…, /sv/…).

The routes are translatable strings (fi: /fi/kirjaudu/, /fi/tili/salasana/; sv:
/sv/logga-in/, /sv/konto/losenord/); the URL names stay allauth's, so allauth's own
redirects and templates find them. The old English addresses redirect permanently.
"""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from allauth.account import urls as account_urls
from allauth.account import views as account_views
from allauth.mfa import urls as mfa_urls
from allauth.socialaccount import urls as socialaccount_urls

from identity import views

# allauth's URL name -> our route for the pages people see and link to.
ROUTES = {
    "account_login": (_("sign-in/"), views.LoginView.as_view()),
    "account_logout": (_("sign-out/"), account_views.logout),
    "account_change_password": (_("account/password/"), account_views.password_change),
    "account_reset_password": (_("account/password/forgotten/"), account_views.password_reset),
    "account_reset_password_done": (
        _("account/password/forgotten/sent/"),
        account_views.password_reset_done,
    ),
    "account_reset_password_from_key_done": (
        _("account/password/forgotten/changed/"),
        account_views.password_reset_from_key_done,
    ),
}
# Signup is closed: accounts come from an administrator or an organisation's provider.
LEFT_OUT = {"account_signup"}


def _rest_of(patterns):
    return [
        pattern
        for pattern in patterns
        if pattern.name not in ROUTES and pattern.name not in LEFT_OUT
    ]


def moved(name):
    return RedirectView.as_view(pattern_name=name, permanent=True, query_string=True)


urlpatterns = [
    *(path(route, view, name=name) for name, (route, view) in ROUTES.items()),
    path(_("account/"), include(_rest_of(account_urls.urlpatterns))),
    path(_("account/second-factor/"), include(mfa_urls)),
    path(_("account/organisation/"), include(socialaccount_urls)),
    # Wagtail's front-end login form would skip the second factor.
    path("_util/login/", views.wagtail_frontend_login),
    # The English addresses of before.
    path("login/", moved("account_login")),
    path("logout/", moved("account_logout")),
    path("account/", moved("account")),
]

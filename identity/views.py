"""The sign-in pages: allauth's views, answered in the site's way."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from allauth.account.views import LoginView as AllauthLoginView

from identity.adapters import THROTTLED
from identity.models import SignInProvider


class LoginView(AllauthLoginView):
    """allauth's sign-in, with 429 for a throttled attempt and the organisations' buttons."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        codes = {error.code for error in form.non_field_errors().as_data()}
        if THROTTLED in codes:
            response.status_code = 429
            wait = getattr(self.request, "sign_in_retry_after", 0)
            if wait:
                response["Retry-After"] = str(int(wait))
        elif form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sign_in_providers"] = list(SignInProvider.objects.enabled())
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # A provider's button posts here, and we redirect to the provider: browsers hold
        # that redirect to the page's form-action, so the providers' origins join it.
        origins = sorted({p.origin for p in context.get("sign_in_providers", [])})
        if origins:
            response._csp_update = {"form-action": origins}
        return response


def site_language(request):
    language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language() or ""
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def local_next(request, default="/admin/"):
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def admin_login(request):
    """Wagtail's admin login: the site's sign-in, so no form skips the second factor."""
    with translation.override(site_language(request)):
        login = reverse("account_login")
    return redirect(f"{login}?{urlencode({'next': local_next(request)})}")


def wagtail_frontend_login(request):
    """Wagtail's own front-end login form (/_util/login/): the site's sign-in instead."""
    return redirect(f"{reverse('account_login')}?{urlencode({'next': local_next(request, '/')})}")

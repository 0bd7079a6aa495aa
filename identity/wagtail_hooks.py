"""Admin: the organisations' sign-in providers; the sign-in part of the account page."""

from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from identity import policy
from identity.models import SignInProvider


class SignInProviderViewSet(SnippetViewSet):
    model = SignInProvider
    icon = "key"
    menu_order = 260
    add_to_admin_menu = False
    list_display = ["slug", "organisation", "issuer", "enabled"]
    list_filter = ["enabled"]


register_snippet(SignInProviderViewSet)


@hooks.register("account_sections")
def sign_in_account_section(request):
    """Password and second factor, on the reader's own account page (kb.views_account)."""
    user = request.user
    context = {
        "has_password": user.has_usable_password(),
        "has_second_factor": policy.has_second_factor(user),
        "second_factor_required": policy.needs_second_factor(user),
        "provider_accounts": list(user.socialaccount_set.values_list("provider", flat=True)),
    }
    return render_to_string("identity/account_section.html", context, request=request)

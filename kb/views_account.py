from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wagtail import hooks

from kb.forms import ProfileLanguageForm
from kb.models import StaffProfile


class AccountView(LoginRequiredMixin, View):
    """A signed-in user's own page: who they are here, and their language."""

    template_name = "kb/account.html"

    def get(self, request):
        profile = StaffProfile.for_user(request.user)
        return self.render(request, profile, ProfileLanguageForm(instance=profile))

    def post(self, request):
        profile = StaffProfile.for_user(request.user)
        form = ProfileLanguageForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your settings were saved."))
            return redirect("account")
        return self.render(request, profile, form, status=400)

    def render(self, request, profile, form, status=200):
        context = {
            "profile": profile,
            "roles": [role.localized for role in profile.roles.all()],
            "schools": [school.localized for school in profile.schools.all()],
            "form": form,
            "sections": account_sections(request),
        }
        return render(request, self.template_name, context, status=status)


def account_sections(request):
    """HTML of the sections other apps add to the account page.

    An app registers `@hooks.register("account_sections")` with a function of the
    request that returns safe HTML (or "" to add nothing), so kb never names them.
    """
    return [html for fn in hooks.get_hooks("account_sections") if (html := fn(request))]

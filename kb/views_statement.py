"""The accessibility statement with its feedback form (Act 306/2019)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kb.feedback import FeedbackForm


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility_statement(request):
    """The statement in the page's language, with the feedback form: no account needed,
    contact details optional; a bad form is answered with its errors (400)."""
    language = translation.get_language()
    form = FeedbackForm(request.POST or None, language=language)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            feedback = form.save()
            messages.success(
                request,
                _("Thank you. We answer by %(date)s.")
                % {"date": feedback.due_on.strftime("%-d.%-m.%Y")},
            )
            return redirect("accessibility_statement")
        status = 400
    context = {"form": form, "reviewed_on": settings.ACCESSIBILITY_STATEMENT_REVIEWED_ON}
    return render(request, "kb/accessibility_statement.html", context, status=status)

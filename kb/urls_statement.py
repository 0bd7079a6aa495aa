"""The accessibility statement: /fi/saavutettavuus/, /sv/tillganglighet/ (the old
English /…/accessibility/ redirects permanently)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView

from kb import views_statement

urlpatterns = [
    path(
        format_lazy("{}/", pgettext_lazy("URL path", "accessibility")),
        views_statement.accessibility_statement,
        name="accessibility_statement",
    ),
    path(
        "accessibility/",
        RedirectView.as_view(pattern_name="accessibility_statement", permanent=True),
    ),
]

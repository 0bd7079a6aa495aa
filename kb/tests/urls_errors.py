"""The site's URLs plus views that fail on purpose, to show every error page."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from kb.urls import handler400, handler403, handler404, handler500  # noqa: F401
from kb.urls import urlpatterns as site_urlpatterns

FAILURES = {400: SuspiciousOperation, 403: PermissionDenied, 500: RuntimeError}


def fail(request, language, status):
    raise FAILURES[status](f"a {status} on purpose")


urlpatterns = [
    path("<str:language>/test-errors/<int:status>/", fail),
    *site_urlpatterns,
]

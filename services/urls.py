"""Reader-facing register URLs (language-prefixed, translated path words).

/fi/palvelut/…, /sv/tjanster/…: the list, each service and its privacy notice, the
request form, the review queue, the start-of-year check, export and import.
"""

from django.urls import path
from django.utils.text import format_lazy

from services.paths import CHECK, IMPORT, PRIVACY_NOTICE, REQUEST, REQUESTS, SERVICES, route
from services.views import check, exchange, register, requests

app_name = "services"

urlpatterns = [
    path(route(SERVICES), register.service_list, name="list"),
    path(format_lazy("{}/export.csv", SERVICES), exchange.export_csv, name="export_csv"),
    path(format_lazy("{}/export.xlsx", SERVICES), exchange.export_xlsx, name="export_xlsx"),
    path(route(SERVICES, IMPORT), exchange.import_view, name="import"),
    path(route(SERVICES, REQUEST), requests.request_form, name="request"),
    path(route(SERVICES, REQUESTS), requests.queue, name="queue"),
    path(
        format_lazy("{}/{}/<int:pk>/", SERVICES, REQUESTS),
        requests.request_page,
        name="request_page",
    ),
    path(route(SERVICES, CHECK), check.checklist, name="check"),
    path(format_lazy("{}/<slug:slug>/", SERVICES), register.service_page, name="service"),
    path(
        format_lazy("{}/<slug:slug>/{}/", SERVICES, PRIVACY_NOTICE),
        register.privacy_notice,
        name="privacy_notice",
    ),
]

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView

from search import views

# /fi/haku/, /sv/sok/: the word is translated; the old English /…/search/ redirects.
SEARCH = pgettext_lazy("URL path", "search")

urlpatterns = [
    path(format_lazy("{}/", SEARCH), views.search, name="search"),
    path(format_lazy("{}/suggest/", SEARCH), views.suggest, name="search_suggest"),
    path(
        "search/",
        RedirectView.as_view(pattern_name="search", permanent=True, query_string=True),
        name="search_old",
    ),
    path(
        "search/suggest/",
        RedirectView.as_view(pattern_name="search_suggest", permanent=True, query_string=True),
    ),
]

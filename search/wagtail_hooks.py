"""Synonym groups in the Wagtail admin, where editors keep them."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = False
    list_display = ["variants", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["variants"]
    ordering = ["language", "variants"]


register_snippet(SynonymGroupViewSet)

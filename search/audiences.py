"""Who may see an entry and which entries a reader may search: the one place search asks.

The rule itself is kb.access (the visibility rule used by every surface). An entry keeps
the *scopes* of its audience; a reader's searches filter on "entry scopes ∩ reader
scopes ≠ ∅", with no filter for readers who see everything.

PROVISIONAL until kb/access.py is on main: the two functions below carry a stand-in for
kb.access.audience_of() and kb.access.reader_for(); the switch is their bodies only.
"""

from wagtail.models import Page, PageViewRestriction

PUBLIC = "public"
SIGNED_IN = "signed_in"


def scopes_of(obj):
    """The scopes of `obj`'s audience (a page, task or any registered model)."""
    # TODO(kb.access): return kb.access.audience_of(obj).scopes
    if isinstance(obj, Page):
        return _page_scopes(obj)
    if getattr(obj, "visibility", None) == "public":
        return frozenset({PUBLIC})
    return frozenset({SIGNED_IN})


def reader_scopes(user):
    """The scopes a user's searches filter on, or None for "no filter"."""
    # TODO(kb.access): return kb.access.Reader.for_user(user).search_scopes()
    if user.is_superuser and user.is_active:
        return None
    if not user.is_authenticated:
        return frozenset({PUBLIC})
    groups = {f"group_{pk}" for pk in user.groups.values_list("pk", flat=True)}
    return frozenset({PUBLIC, SIGNED_IN, *groups})


def _page_scopes(page):
    restrictions = list(
        PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True))
        .select_related("page")
        .prefetch_related("groups")
        .order_by("-page__depth")
    )
    if not restrictions:
        return frozenset({PUBLIC})
    nearest = restrictions[0]
    if nearest.restriction_type == PageViewRestriction.LOGIN:
        return frozenset({SIGNED_IN})
    if nearest.restriction_type == PageViewRestriction.GROUPS:
        return frozenset(f"group_{group.pk}" for group in nearest.groups.all())
    return frozenset()  # password: nobody through search but superusers

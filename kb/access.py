"""Who may see what: the one rule every surface uses.

A thing has an *audience*: a set of scopes, any one of which lets a reader see it.
A *reader* holds scopes too; a reader may see a thing when the two sets meet
(superusers see everything). Pages, documents and images are described here,
other models register how their audience is made (`register`), so the decision
itself — `Reader.may_see` — exists once, and querysets, search filters and
serving views all derive from the same scopes.

Scopes are plain ASCII tokens, usable as keywords in every search engine:

- ``public``: anyone, signed in or not;
- ``signed_in``: any active signed-in user (Wagtail's "login" page privacy);
- ``org_<hex>``: staff of an organisation (its ``translation_key``) or of an
  organisation inside it (a municipality's staff also read their region's);
- ``group_<id>``: members of a Django group (Wagtail's "groups" page privacy).

An empty audience means nobody but superusers: a page behind a shared password
is never listed, searched or linked; only Wagtail's password form opens it.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from kb.translation import in_language

PUBLIC = "public"
SIGNED_IN = "signed_in"
MAX_ORGANISATION_DEPTH = 10  # a region of regions is plenty; guards against a cycle


def staff_of(organisation):
    """Staff of an organisation and of the organisations inside it."""
    return Audience.of(organisation_scope(organisation.translation_key))


def organisation_scope(translation_key):
    return f"org_{translation_key.hex}"


def group_scope(group_id):
    return f"group_{int(group_id)}"


@dataclass(frozen=True)
class Audience:
    """Who may see a thing: anyone holding one of `scopes`."""

    scopes: frozenset = field(default_factory=frozenset)

    @classmethod
    def of(cls, *scopes):
        return cls(frozenset(scopes))

    def __or__(self, other):
        return Audience(self.scopes | other.scopes)

    @property
    def is_public(self):
        return PUBLIC in self.scopes


EVERYONE = Audience.of(PUBLIC)
NOBODY = Audience()


@dataclass(frozen=True)
class Reader:
    """Someone reading the site, described by the scopes they hold."""

    scopes: frozenset
    sees_everything: bool = False
    user_id: int | None = None

    @classmethod
    def anonymous(cls):
        return cls(frozenset({PUBLIC}))

    @classmethod
    def for_user(cls, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return cls.anonymous()
        scopes = {PUBLIC, SIGNED_IN}
        scopes.update(group_scope(pk) for pk in user.groups.values_list("pk", flat=True))
        scopes.update(organisation_scope(key) for key in organisation_keys_of(user))
        return cls(frozenset(scopes), sees_everything=user.is_superuser, user_id=user.pk)

    @property
    def is_anonymous(self):
        return self.user_id is None

    @property
    def organisation_keys(self):
        """Hex translation keys of the organisations whose staff this reader counts as."""
        return {scope[len("org_") :] for scope in self.scopes if scope.startswith("org_")}

    def may_see(self, audience):
        """The decision: the audience and the reader share a scope."""
        return self.sees_everything or bool(audience.scopes & self.scopes)

    def search_scopes(self):
        """Scopes a search must match, or None when nothing is filtered out."""
        return None if self.sees_everything else self.scopes


def organisation_keys_of(user):
    """The user's organisation and every organisation above it (a region), as UUIDs."""
    from kb.models import StaffProfile

    profile = StaffProfile.objects.filter(user=user).select_related("organisation__parent").first()
    return lineage_keys(profile.organisation if profile else None)


def lineage_keys(organisation):
    """Translation keys of `organisation` and of every organisation above it, nearest first."""
    keys = []
    while organisation is not None and len(keys) < MAX_ORGANISATION_DEPTH:
        if organisation.translation_key in keys:
            break
        keys.append(organisation.translation_key)
        organisation = organisation.parent
    return keys


def member_keys(organisation):
    """Translation keys of `organisation` and of every organisation inside it, at any depth."""
    from kb.models import Organisation

    parents = {}
    for key, parent_key in Organisation.objects.values_list(
        "translation_key", "parent__translation_key"
    ):
        if parent_key is not None:
            parents.setdefault(parent_key, set()).add(key)
    found, frontier = {organisation.translation_key}, [organisation.translation_key]
    while frontier and len(found) < 10_000:
        children = parents.get(frontier.pop(), set()) - found
        found |= children
        frontier.extend(children)
    return found


def reader_for(request):
    """The reader behind a request, computed once per request."""
    reader = getattr(request, "_kb_reader", None)
    if reader is None:
        reader = Reader.for_user(getattr(request, "user", None))
        request._kb_reader = reader
    return reader


# -- pages -----------------------------------------------------------------------------


def restriction_audience(restriction):
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return Audience.of(SIGNED_IN)
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return Audience(frozenset(group_scope(g.pk) for g in restriction.groups.all()))
    if restriction.restriction_type == PageViewRestriction.NONE:
        return EVERYONE
    return NOBODY  # a shared password: never listed or linked


def narrow(audience, restriction):
    """The audience that passes both `audience` and one more restriction.

    Scopes are alternatives, so an exact intersection is not always expressible;
    where it is not, the narrower side wins — never a wider audience than Wagtail's
    own check lets through.
    """
    other = restriction_audience(restriction)
    if audience.is_public:
        return other
    if other.is_public or other.scopes == {SIGNED_IN}:
        return audience  # everyone holding these scopes is signed in already
    if audience.scopes == {SIGNED_IN}:
        return other
    return Audience(audience.scopes & other.scopes)


def page_audience(page):
    """Who may see a live page: every view restriction on it and its ancestors applies."""
    if not page.live:
        return NOBODY
    audience = EVERYONE
    for restriction in page.get_view_restrictions().prefetch_related("groups"):
        audience = narrow(audience, restriction)
    return audience


def hidden_sections(reader):
    """Pages whose view restriction the reader does not pass (their subtrees are hidden)."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return [r.page for r in restrictions if not reader.may_see(restriction_audience(r))]


def visible_pages(reader, queryset=None):
    """Live pages of `queryset` (all pages by default) that `reader` may see."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    if reader.sees_everything:
        return queryset
    hidden = Q()
    for section in hidden_sections(reader):
        hidden |= Q(path__startswith=section.path)
    return queryset.exclude(hidden) if hidden else queryset


def readable_pages(reader, pages, language):
    """`pages` as the reader should meet them in links: in `language` where a live
    translation exists, else as they are; those the reader may not see are dropped,
    order kept, duplicates removed."""
    pages = [page for page in pages if page is not None]
    keys = {page.translation_key for page in pages}
    candidates = visible_pages(reader, Page.objects.filter(translation_key__in=keys))
    by_key = {
        page.translation_key: page
        for page in in_language(candidates.select_related("locale").specific(), language)
    }
    chosen, seen = [], set()
    for page in pages:
        picked = by_key.get(page.translation_key)
        # The reader's language or the linked page's own; not a version in another one.
        if picked is None or picked.locale.language_code not in (
            language,
            page.locale.language_code,
        ):
            continue
        if picked.pk not in seen:
            seen.add(picked.pk)
            chosen.append(picked)
    return chosen


# -- documents and images: as visible as the content that uses them ------------------


def referrer_audience(obj):
    """The union of the audiences of everything that uses `obj` (Wagtail's reference
    index: live page content, registered snippets). Unused means nobody."""
    audience = NOBODY
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "content_type_id", "object_id"
    )
    page_ids, others = set(), set()
    for base_type_id, type_id, object_id in references:
        if base_type_id == page_type.pk:
            page_ids.add(int(object_id))
        else:
            others.add((type_id, object_id))
    for page in Page.objects.filter(pk__in=page_ids).live():
        audience |= page_audience(page)
        if audience.is_public:
            return audience
    for type_id, object_id in others:
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model in _registry:
            item = model._default_manager.filter(pk=object_id).first()
            if item is not None:
                audience |= audience_of(item)
    return audience


# -- the registry ------------------------------------------------------------------------

_registry = {}


def register(model, audience_function):
    """Declare how the audience of `model` instances is made (called in AppConfig.ready)."""
    _registry[model] = audience_function


def audience_of(obj):
    """The audience of a page, document, image or registered model instance."""
    if isinstance(obj, Page):
        return page_audience(obj)
    for model in type(obj).__mro__:
        if model in _registry:
            return _registry[model](obj)
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if isinstance(obj, get_document_model() | get_image_model()):
        return referrer_audience(obj)
    raise TypeError(f"No audience is defined for {type(obj).__name__}")


def may_see(reader, obj):
    return reader.may_see(audience_of(obj))

"""Page types of the knowledge base: home, sections and four kinds of content."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from guides.blocks import BodyBlock, StepsBlock
from guides.verification import PageVerification, review_state_for  # noqa: F401 (a model of this app)
from kb.access import reader_for, visible_pages
from kb.people import display_name, people_choices
from kb.translation import localize_related
from search.sources import generic_page_document, labelled

CONTENT_PAGE_TYPES = [
    "guides.GuidePage",
    "guides.ProcessPage",
    "guides.SkillPage",
    "guides.MemoPage",
]


class HomePage(Page):
    """The root of the site in one language (one per locale)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guides.SectionPage", *CONTENT_PAGE_TYPES]
    template = "guides/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = visible_children(self, request)
        return context


class SectionPage(Page):
    """A section listing its children, e.g. "Huoltajille" or "Henkilöstölle".

    Staff sections are protected with Wagtail's page privacy ("login required").
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["guides.HomePage", "guides.SectionPage"]
    subpage_types = ["guides.SectionPage", *CONTENT_PAGE_TYPES]
    template = "guides/section_page.html"

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = visible_children(self, request)
        return context


def visible_children(page, request):
    """Live children the reader may see (kb.access)."""
    return visible_pages(reader_for(request), page.get_children()).specific()


class ContentPageForm(WagtailAdminPageForm):
    """Choosers list roles, schools and guides in the page's own language only, and
    people by name."""

    LOCALIZED_CHOOSERS = ("audiences", "schools", "responsible_roles", "related_guides")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or self.parent_page.locale_id
        for name in self.LOCALIZED_CHOOSERS:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale_id=locale_id)
        if "content_owner" in self.fields:
            field = self.fields["content_owner"]
            field.queryset = people_choices(field.queryset)
            field.label_from_instance = display_name


class ContentPage(Page):
    """What guides, processes, skill descriptions and memos share.

    Site search indexes what `search_document()` returns and shows `review_state()`.
    """

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    audiences = ParentalManyToManyField(
        "kb.Role", verbose_name=_("audiences"), blank=True, related_name="+"
    )
    schools = ParentalManyToManyField(
        "kb.School",
        verbose_name=_("schools"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty when the page concerns every school."),
    )
    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Responsible for verifying the page every school year."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    audience_panels = [
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("schools", widget=forms.CheckboxSelectMultiple),
                FieldPanel("content_owner"),
            ],
            heading=_("Audience and ownership"),
        )
    ]
    parent_page_types = ["guides.HomePage", "guides.SectionPage"]
    subpage_types = []
    base_form_class = ContentPageForm

    # Who a page is for is the same in every language; wagtail-localize copies it and
    # `save` points each relation at the page's own language. The owner is no text
    # to translate (and no raw id to show a translator).
    LOCALIZED_RELATIONS = ("audiences", "schools")
    override_translatable_fields = [
        SynchronizedField("audiences", overridable=False),
        SynchronizedField("schools", overridable=False),
        SynchronizedField("content_owner", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        abstract = True

    @property
    def type_label(self):
        return self._meta.verbose_name

    def save(self, *args, **kwargs):
        self.localize_relations()
        return super().save(*args, **kwargs)

    def localize_relations(self):
        """Roles, schools and guides of this page in its own language (by translation key)."""
        if self.pk is None:
            return  # a first save (a new page or copy): its next save does it
        for name in self.LOCALIZED_RELATIONS:
            current = list(getattr(self, name).all())
            localized = localize_related(current, self.locale)
            if [o.pk for o in localized] != [o.pk for o in current]:
                setattr(self, name, localized)

    def search_document(self):
        """Site search: the generic page text, the intro as summary, audiences and schools."""
        lang = self.locale.language_code
        facets = {
            "audience": labelled(self.audiences.all(), lang),
            "school": labelled(self.schools.all(), lang),
        }
        return generic_page_document(self, summary=self.intro, facets=facets)

    def review_state(self):
        """Verified / due / overdue for the current school year (see guides.review)."""
        if not hasattr(self, "_review_state"):
            self._review_state = review_state_for(self)
        return self._review_state


class GuidePage(ContentPage):
    """Ohje / anvisning: how to do something."""

    content_panels = ContentPage.content_panels + ContentPage.audience_panels
    template = "guides/guide_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")


class ProcessPage(ContentPage):
    """Prosessikuvaus / processbeskrivning: steps, who is responsible, related guides."""

    steps = StreamField([("steps", StepsBlock())], verbose_name=_("steps"), blank=True, max_num=1)
    responsible_roles = ParentalManyToManyField(
        "kb.Role", verbose_name=_("responsible roles"), blank=True, related_name="+"
    )
    related_guides = ParentalManyToManyField(
        "guides.GuidePage", verbose_name=_("related guides"), blank=True, related_name="+"
    )

    content_panels = (
        ContentPage.content_panels
        + [
            FieldPanel("steps"),
            FieldPanel("responsible_roles", widget=forms.CheckboxSelectMultiple),
            FieldPanel("related_guides"),
        ]
        + ContentPage.audience_panels
    )
    template = "guides/process_page.html"
    LOCALIZED_RELATIONS = (*ContentPage.LOCALIZED_RELATIONS, "responsible_roles", "related_guides")
    override_translatable_fields = [
        *ContentPage.override_translatable_fields,
        SynchronizedField("responsible_roles", overridable=False),
        SynchronizedField("related_guides", overridable=False),
    ]

    class Meta:
        verbose_name = _("process description")
        verbose_name_plural = _("process descriptions")


GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


class SkillPage(ContentPage):
    """Taitokuvaus / osaamiskuvaus: what pupils of some grades learn, with a badge."""

    grade_min = models.PositiveSmallIntegerField(_("from grade"), validators=GRADE_VALIDATORS)
    grade_max = models.PositiveSmallIntegerField(_("to grade"), validators=GRADE_VALIDATORS)
    badge_name = models.CharField(_("competence badge"), max_length=120, blank=True)
    badge_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("badge image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    learning_goals = StreamField(
        [("goal", blocks.CharBlock(label=capfirst(_("learning goal")), max_length=300))],
        verbose_name=_("learning goals"),
        blank=True,
    )
    self_assessment = StreamField(
        [
            (
                "question",
                blocks.CharBlock(label=capfirst(_("self-assessment question")), max_length=300),
            )
        ],
        verbose_name=_("self-assessment"),
        blank=True,
        help_text=_("Questions pupils answer before the badge is granted."),
    )

    content_panels = (
        ContentPage.content_panels
        + [
            MultiFieldPanel(
                [FieldPanel("grade_min"), FieldPanel("grade_max")], heading=_("Grades")
            ),
            FieldPanel("badge_name"),
            FieldPanel("badge_image"),
            FieldPanel("learning_goals"),
            FieldPanel("self_assessment"),
        ]
        + ContentPage.audience_panels
    )
    template = "guides/skill_page.html"

    class Meta:
        verbose_name = _("skill description")
        verbose_name_plural = _("skill descriptions")

    @property
    def grade_range(self):
        if self.grade_min == self.grade_max:
            return str(self.grade_min)
        return f"{self.grade_min}–{self.grade_max}"

    def clean(self):
        super().clean()
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            raise ValidationError(
                {
                    "grade_max": _(
                        "The last grade (%(max)s) cannot be lower than the first grade (%(min)s)."
                    )
                    % {"min": self.grade_min, "max": self.grade_max}
                }
            )


class MemoPage(ContentPage):
    """Muistio / minnesanteckningar: a meeting, its date, participants and decisions."""

    meeting_name = models.CharField(_("meeting"), max_length=160)
    meeting_date = models.DateField(_("meeting date"))
    participants = models.TextField(_("participants"), blank=True)
    decisions = StreamField(
        [
            (
                "decision",
                blocks.RichTextBlock(label=capfirst(_("decision")), features=["bold", "link"]),
            )
        ],
        verbose_name=_("decisions"),
        blank=True,
    )

    content_panels = (
        ContentPage.content_panels[:1]
        + [FieldPanel("meeting_name"), FieldPanel("meeting_date"), FieldPanel("participants")]
        + ContentPage.content_panels[1:]
        + [FieldPanel("decisions")]
        + ContentPage.audience_panels
    )
    template = "guides/memo_page.html"

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")

    def clean(self):
        super().clean()
        if self.meeting_date is None:
            raise ValidationError({"meeting_date": _("Enter the date of the meeting.")})

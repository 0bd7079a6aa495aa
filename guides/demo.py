"""Demo page tree: a Finnish home page with sections and content, each translated to Swedish.

Idempotent: pages are found by parent and slug and only created when missing;
verifications are only recorded when the page has none for that school year.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test.utils import override_settings

from wagtail.models import Page, PageViewRestriction, Site

from guides import demo_content as content
from guides.models import (
    GuidePage,
    HomePage,
    MemoPage,
    PageVerification,
    ProcessPage,
    SectionPage,
    SkillPage,
)
from guides.review import verify_page
from kb.demo import locales
from kb.models import Role, School, SchoolYear

SECTION_OWNERS = {
    "huoltajat": "digiasiantuntija",
    "osaaminen": "tvt-vastaava",
    "henkilosto": "rehtori",
    "prosessit": "digiasiantuntija",
    "muistiot": "rehtori",
}
PAGE_MODELS = {"guide": GuidePage, "process": ProcessPage, "skill": SkillPage, "memo": MemoPage}


class Loader:
    def __init__(self):
        self.fi, self.sv = locales()
        self.created = 0
        self.roles = {r.slug: r for r in Role.objects.filter(locale=self.fi)}
        self.schools = {s.slug: s for s in School.objects.filter(locale=self.fi)}
        self.users = {u.username: u for u in get_user_model().objects.all()}
        self.pages = {}  # key -> (fi page, sv page)

    # ---------------------------------------------------------------- helpers
    def publish(self, page):
        page.save_revision(user=self.users.get("admin"), log_action=True).publish()
        self.created += 1
        return page

    def child(self, parent, page):
        existing = parent.get_children().filter(slug=page.slug, locale=self.fi).first()
        if existing is not None:
            return existing.specific, False
        page.locale = self.fi
        parent.add_child(instance=page)
        self.publish(page)
        return page, True

    def translate(self, page, fields):
        existing = page.get_translations().filter(locale=self.sv).first()
        if existing is not None:
            return existing.specific
        translation = page.copy_for_translation(self.sv)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        return self.publish(translation)

    def body(self, items):
        blocks = []
        for item in items:
            kind = item[0]
            if kind == "p":
                blocks.append({"type": "paragraph", "value": item[1]})
            elif kind == "h":
                blocks.append({"type": "heading", "value": {"text": item[1], "level": "h2"}})
            elif kind in ("info", "warning"):
                blocks.append(
                    {"type": "callout", "value": {"kind": kind, "title": item[1], "text": item[2]}}
                )
            elif kind == "steps":
                blocks.append({"type": "steps", "value": self.steps_value(item[1])})
            elif kind == "table":
                blocks.append(
                    {
                        "type": "table",
                        "value": {
                            "data": item[1],
                            "first_row_is_table_header": True,
                            "first_col_is_header": False,
                            "table_caption": "",
                        },
                    }
                )
        return json.dumps(blocks)

    def steps_value(self, steps):
        return [
            {
                "title": title,
                "text": text,
                "responsible": self.roles[role].pk if role else None,
            }
            for title, text, role in steps
        ]

    # ---------------------------------------------------------------- tree
    def home(self):
        home = HomePage.objects.filter(locale=self.fi).first()
        title, slug, intro = content.HOME["fi"]
        if home is None:
            home = HomePage(title=title, slug=slug, intro=intro, locale=self.fi)
            Page.get_first_root_node().add_child(instance=home)
            self.publish(home)
        self.use_as_site_root(home)
        title, slug, intro = content.HOME["sv"]
        self.translate(home, {"title": title, "slug": slug, "intro": intro})
        return home

    def use_as_site_root(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Vuosikello",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        # Wagtail's placeholder "Welcome" page is not needed once the site points here.
        Page.objects.filter(
            depth=2, content_type=ContentType.objects.get_for_model(Page), numchild=0
        ).exclude(sites_rooted_here__isnull=False).delete()

    def sections(self, home):
        sections = {}
        for key, (public, t_fi, s_fi, t_sv, s_sv, i_fi, i_sv) in content.SECTIONS.items():
            fi_page, _ = self.child(
                home,
                SectionPage(title=t_fi, slug=s_fi, intro=f"<p>{i_fi}</p>", show_in_menus=True),
            )
            sv_page = self.translate(
                fi_page, {"title": t_sv, "slug": s_sv, "intro": f"<p>{i_sv}</p>"}
            )
            if not public:
                for page in (fi_page, sv_page):
                    PageViewRestriction.objects.get_or_create(
                        page=page, restriction_type=PageViewRestriction.LOGIN
                    )
            sections[key] = fi_page
        return sections

    def content_page(self, spec, parent):
        model = PAGE_MODELS[spec["type"]]
        fi_text, sv_text = spec["fi"], spec["sv"]
        page = model(
            title=fi_text["title"],
            slug=fi_text["slug"],
            **self.fields(spec, fi_text),
        )
        page.audiences = [self.roles[slug] for slug in spec["audiences"]]
        page.schools = [self.schools[slug] for slug in spec["schools"]]
        page.content_owner = self.users.get(SECTION_OWNERS[spec["section"]])
        if spec["type"] == "process":
            page.responsible_roles = [self.roles[slug] for slug in spec["responsible"]]
            page.related_guides = [
                self.pages[key][0] for key in spec["related"] if key in self.pages
            ]
        fi_page, _ = self.child(parent, page)
        sv_page = self.translate(
            fi_page,
            {"title": sv_text["title"], "slug": sv_text["slug"], **self.fields(spec, sv_text)},
        )
        self.pages[spec["key"]] = (fi_page, sv_page)

    def fields(self, spec, text):
        fields = {"intro": text["intro"], "body": self.body(text["body"])}
        kind = spec["type"]
        if kind == "process":
            fields["steps"] = json.dumps(
                [{"type": "steps", "value": self.steps_value(text["steps"])}]
            )
        elif kind == "skill":
            fields["grade_min"], fields["grade_max"] = spec["grades"]
            fields["badge_name"] = text["badge"]
            fields["learning_goals"] = json.dumps(
                [{"type": "goal", "value": goal} for goal in text["goals"]]
            )
            fields["self_assessment"] = json.dumps(
                [{"type": "question", "value": q} for q in text["questions"]]
            )
        elif kind == "memo":
            fields["meeting_name"] = text["meeting"]
            fields["meeting_date"] = datetime.date(*spec["date"])
            fields["participants"] = text["participants"]
            fields["decisions"] = json.dumps(
                [{"type": "decision", "value": d} for d in text["decisions"]]
            )
        return fields

    # ---------------------------------------------------------------- review
    def verifications(self):
        current = SchoolYear.objects.current()
        if current is None:
            return
        previous = SchoolYear.objects.filter(start_year=current.start_year - 1).first()
        for key, pages in self.pages.items():
            year = previous if key in content.LEFT_DUE else current
            if year is None:
                continue
            for page in pages:
                if not PageVerification.objects.filter(page=page, school_year=year).exists():
                    verify_page(page, page.content_owner, year)
                    self.created += 1


# Translations are copied with the Finnish slug and then renamed; without this,
# Wagtail would create a redirect from every Finnish-slug path under /sv/.
@override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False)
def load(stdout=None):
    with transaction.atomic():
        loader = Loader()
        home = loader.home()
        sections = loader.sections(home)
        for spec in content.PAGES:
            loader.content_page(spec, sections[spec["section"]])
        loader.verifications()
    if stdout is not None:
        stdout.write(f"guides: {loader.created} pages, revisions and verifications created")
    return loader.created

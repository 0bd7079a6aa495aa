"""Demo page tree, loaded from data: one JSON file per page under guides/demo_pages/.

The folders are the site tree (`koti.json` is the home page, `koti/huoltajille.json`
a section, `koti/huoltajille/oppilaan-laite.json` a guide in it). Each file holds:

- `type`: the page model, e.g. "guides.GuidePage"; `position` among its siblings;
- `fi` and `sv`: the page's fields in each language, StreamFields in Wagtail's own
  JSON (`[{"type": "paragraph", "value": "<p>…</p>"}]`) with the same structure in
  both; block ids are given by the loader;
- language-neutral facts: `audiences`, `schools`, `responsible_roles` (role and
  school slugs), `related_guides` (paths of earlier files), `content_owner`
  (a username), `grade_min`/`grade_max`, `meeting_date`, `show_in_menus`,
  `login_required` (the staff sections), `review` ("due" leaves the page awaiting
  review; otherwise it is verified for the current school year), `site_root`;
- who edits the page and everything under it, in both languages: `rights` (group
  name: page permissions, e.g. ["add", "change", "publish"]) and `workflow` (a
  moderation workflow: its name, its approval task and the task's groups).

The Finnish page is created and published; the Swedish page arrives as its
wagtail-localize translation (kb.translation.translate), the texts paired by place
and its links to its own addresses (`/sv/tjanster/`, not `/fi/palvelut/`) kept as
wagtail-localize overrides.
Unknown keys, fields, block types and references are errors, never dropped.
Idempotent: a page found by parent and slug is left as it is.
"""

import datetime
import json
import uuid
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test.utils import override_settings

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import StreamField
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from guides.models import ContentPage
from guides.review import verify_page
from guides.verification import PageVerification
from kb.models import Role, School, SchoolYear
from kb.translation import overrides_from_pair, po_from_pair, translate

PAGES_DIR = Path(__file__).resolve().parent / "demo_pages"
ID_NAMESPACE = uuid.UUID("5d6f0c1e-2f33-4f4e-9a55-6b0d6e0f7a11")
FACTS = {
    "type",
    "position",
    "site_root",
    "show_in_menus",
    "login_required",
    "review",
    "audiences",
    "schools",
    "responsible_roles",
    "related_guides",
    "content_owner",
    "grade_min",
    "grade_max",
    "meeting_date",
    "rights",
    "workflow",
    "fi",
    "sv",
}
PAGE_PERMISSIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
RELATIONS = {"audiences": Role, "schools": School, "responsible_roles": Role}


REGION_NAME = "Tampereen seutu"


class DemoContentError(ImproperlyConfigured):
    """A demo file that does not describe a page the models can hold."""


def page_files(directory=PAGES_DIR):
    """(file, parent file or None) in tree order: parents first, siblings by position."""

    def children(folder):
        files = [(json.loads(f.read_text()), f) for f in folder.glob("*.json")]
        return [f for _data, f in sorted(files, key=lambda d: (d[0].get("position", 0), d[1]))]

    ordered = []

    def walk(folder, parent):
        for file in children(folder):
            ordered.append((file, parent))
            if file.with_suffix("").is_dir():
                walk(file.with_suffix(""), file)

    walk(directory, None)
    return ordered


class StreamData:
    """Checks raw StreamField JSON against the block definitions and fills in ids
    and references. Wagtail's own `to_python` drops what it does not know; this
    raises instead."""

    def __init__(self, where, locale):
        self.where = where
        self.locale = locale

    def stream(self, block, raw, path):
        if not isinstance(raw, list):
            raise self.error(path, "a list of blocks")
        items = []
        for index, item in enumerate(raw):
            here = f"{path}[{index}]"
            if not isinstance(item, dict) or set(item) - {"type", "value", "id"}:
                raise self.error(here, 'an object with "type" and "value"')
            child = block.child_blocks.get(item.get("type"))
            if child is None:
                raise self.error(here, f"one of the blocks {sorted(block.child_blocks)}")
            items.append(
                {
                    "type": item["type"],
                    "value": self.value(child, item.get("value"), f"{here}.{item['type']}"),
                    "id": item.get("id") or self.block_id(here),
                }
            )
        return items

    def value(self, block, raw, path):
        if isinstance(block, blocks.StreamBlock):
            return self.stream(block, raw, path)
        if isinstance(block, blocks.ListBlock):
            if not isinstance(raw, list):
                raise self.error(path, "a list")
            return [
                {
                    "type": "item",
                    "value": self.value(block.child_block, item, f"{path}[{i}]"),
                    "id": self.block_id(f"{path}[{i}]"),
                }
                for i, item in enumerate(raw)
            ]
        if isinstance(block, blocks.StructBlock):
            if not isinstance(raw, dict) or set(raw) - set(block.child_blocks):
                raise self.error(path, f"an object with keys from {sorted(block.child_blocks)}")
            return {
                name: self.value(child, raw.get(name), f"{path}.{name}")
                for name, child in block.child_blocks.items()
            }
        if isinstance(block, blocks.ChooserBlock):
            return self.reference(block, raw, path)
        if isinstance(block, blocks.ChoiceBlock):
            if raw not in dict(block.field.choices):
                raise self.error(path, f"one of {sorted(k for k, _v in block.field.choices if k)}")
            return raw
        if isinstance(block, TableBlock | blocks.FieldBlock):
            return raw
        raise self.error(path, f"a block the loader knows (not {type(block).__name__})")

    def reference(self, block, raw, path):
        if raw is None:
            return None
        if block.target_model is Role:
            role = Role.objects.filter(slug=raw, locale=self.locale).first()
            if role is None:
                raise self.error(path, f"a role slug (no role {raw!r})")
            return role.pk
        raise self.error(path, f"no reference to {block.target_model.__name__}")

    def block_id(self, path):
        # The same ids in both languages: wagtail-localize pairs texts by them.
        return str(uuid.uuid5(ID_NAMESPACE, f"{self.where}:{path}"))

    def error(self, path, expected):
        return DemoContentError(f"{self.where}: {path}: expected {expected}")


class Loader:
    def __init__(self):
        self.fi = Locale.objects.get(language_code="fi")
        self.sv = Locale.objects.get(language_code="sv")
        self.created = 0
        self.users = {u.username: u for u in get_user_model().objects.all()}
        self.admin = self.users.get("admin")
        self.pages = {}  # file -> Finnish page
        self.reviews = []  # (Finnish page, Swedish page, "due" or None)

    def load(self, directory=PAGES_DIR):
        # Wagtail puts a "Moderators approval" workflow on the root for an empty
        # Moderators group: every editor's change would wait for a superuser. The
        # demo's pages name their own workflows (`workflow`) instead.
        WorkflowPage.objects.filter(page=Page.get_first_root_node()).delete()
        for file, parent in page_files(directory):
            self.page(file, directory, self.pages.get(parent))
        self.verifications()

    def page(self, file, directory, parent):
        where = str(file.relative_to(directory))
        data = json.loads(file.read_text())
        unknown = set(data) - FACTS
        if unknown:
            raise DemoContentError(f"{where}: unknown keys {sorted(unknown)}")
        model = apps.get_model(data["type"])
        if not issubclass(model, Page):
            raise DemoContentError(f"{where}: {data['type']} is not a page type")
        fi_page = self.finnish(model, data, where, parent)
        self.pages[file] = fi_page
        sv_page = fi_page.get_translations().filter(locale=self.sv).first()
        if sv_page is None:
            sv_page = self.swedish(fi_page, model, data, where)
        if data.get("login_required"):
            for page in (fi_page, sv_page):
                PageViewRestriction.objects.get_or_create(
                    page=page, restriction_type=PageViewRestriction.LOGIN
                )
        if issubclass(model, ContentPage):
            self.reviews.append((fi_page, sv_page.specific, data.get("review")))
        self.rights(data, (fi_page, sv_page), where)

    def rights(self, data, pages, where):
        for name, actions in data.get("rights", {}).items():
            group = self.group(name, where)
            unknown = set(actions) - PAGE_PERMISSIONS
            if unknown:
                raise DemoContentError(f"{where}: unknown page permissions {sorted(unknown)}")
            for page in pages:
                for action in actions:
                    GroupPagePermission.objects.get_or_create(
                        group=group,
                        page=page,
                        permission=Permission.objects.get(
                            content_type__app_label="wagtailcore", codename=f"{action}_page"
                        ),
                    )
        if "workflow" in data:
            spec = data["workflow"]
            if set(spec) != {"name", "task", "groups"}:
                raise DemoContentError(f"{where}: a workflow has a name, a task and groups")
            workflow, _created = Workflow.objects.get_or_create(name=spec["name"])
            task, _created = GroupApprovalTask.objects.get_or_create(name=spec["task"])
            task.groups.set([self.group(name, where) for name in spec["groups"]])
            WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
            for page in pages:
                WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})

    def group(self, name, where):
        group = Group.objects.filter(name=name).first()
        if group is None:
            raise DemoContentError(f"{where}: no group {name!r}")
        return group

    def finnish(self, model, data, where, parent):
        slug = data["fi"]["slug"]
        siblings = parent.get_children() if parent else Page.get_first_root_node().get_children()
        existing = siblings.filter(slug=slug, locale=self.fi).first()
        if existing is not None:
            return existing.specific
        page = self.build(model, data, "fi", where, self.fi)
        if parent is None:
            Page.get_first_root_node().add_child(instance=page)
        else:
            parent.add_child(instance=page)
        page.save_revision(user=self.admin, log_action=True).publish(user=self.admin)
        self.created += 1
        if data.get("site_root"):
            self.use_as_site_root(page)
        return page

    def swedish(self, fi_page, model, data, where):
        texts = self.build(model, data, "sv", where, self.sv)
        texts.translation_key = fi_page.translation_key
        sv_page = translate(
            fi_page,
            self.sv,
            po_from_pair(fi_page, texts),
            user=self.admin,
            publish=True,
            overrides=overrides_from_pair(fi_page, texts),
        )
        self.created += 1
        return sv_page

    def build(self, model, data, language, where, locale):
        """An unsaved page of `model` in `language` (for Swedish: the texts to pair)."""
        fields = data.get(language)
        if not isinstance(fields, dict) or "title" not in fields or "slug" not in fields:
            raise DemoContentError(f"{where}: {language!r} needs at least a title and a slug")
        page = model(locale=locale, owner=self.admin)
        for name, value in fields.items():
            field = self.field(model, name, where)
            if isinstance(field, StreamField):
                value = json.dumps(
                    StreamData(where, locale).stream(field.stream_block, value, name)
                )
            setattr(page, name, value)
        page.show_in_menus = data.get("show_in_menus", False)
        for name in ("grade_min", "grade_max"):
            if name in data:
                setattr(page, name, data[name])
        if "meeting_date" in data:
            page.meeting_date = datetime.date.fromisoformat(data["meeting_date"])
        if "content_owner" in data:
            page.content_owner = self.user(data["content_owner"], where)
        for name, related in RELATIONS.items():
            if name in data:
                self.field(model, name, where)
                setattr(page, name, self.related(related, data[name], locale, where))
        if "related_guides" in data:
            self.field(model, "related_guides", where)
            page.related_guides = [self.earlier(path, where) for path in data["related_guides"]]
        return page

    def field(self, model, name, where):
        try:
            return model._meta.get_field(name)
        except Exception as error:
            raise DemoContentError(f"{where}: {model.__name__} has no field {name!r}") from error

    def related(self, model, slugs, locale, where):
        found = {o.slug: o for o in model.objects.filter(slug__in=slugs, locale=locale)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise DemoContentError(f"{where}: no {model.__name__} {missing}")
        return [found[slug] for slug in slugs]

    def earlier(self, path, where):
        matches = [
            page
            for file, page in self.pages.items()
            if file.with_suffix("").as_posix().endswith(f"/{path}")
        ]
        if len(matches) != 1:
            raise DemoContentError(f"{where}: {path!r} is not a page loaded before this one")
        return matches[0]

    def user(self, username, where):
        if username not in self.users:
            raise DemoContentError(f"{where}: no user {username!r}")
        return self.users[username]

    def use_as_site_root(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=REGION_NAME,
            )
        elif site.root_page_id != home.pk or site.site_name == "Vuosikello":
            site.root_page = home
            site.site_name = REGION_NAME
            site.save()
        # The tree's root is shown to editors in the page chooser ("Browsing: …"):
        # the demo names it for the region it holds (guides 0005 names it for the service).
        Page.objects.filter(depth=1).update(title=REGION_NAME, draft_title=REGION_NAME)
        # Wagtail's placeholder "Welcome" page is not needed once the site points here.
        Page.objects.filter(
            depth=2, content_type=ContentType.objects.get_for_model(Page), numchild=0
        ).exclude(sites_rooted_here__isnull=False).delete()

    def verifications(self):
        """Verified for the current school year, or (review "due") for the one before."""
        current = SchoolYear.objects.current()
        if current is None:
            return
        previous = SchoolYear.objects.filter(start_year=current.start_year - 1).first()
        for fi_page, sv_page, review in self.reviews:
            year = previous if review == "due" else current
            if year is None:
                continue
            for page in (fi_page, sv_page):
                if not PageVerification.objects.filter(page=page, school_year=year).exists():
                    verify_page(page, page.content_owner, year)
                    self.created += 1


# Translations are saved under the Finnish slug first; without this, Wagtail would
# create a redirect from every Finnish-slug path under /sv/.
@override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False)
def load(stdout=None, directory=PAGES_DIR):
    with transaction.atomic():
        loader = Loader()
        loader.load(directory)
    if stdout is not None:
        stdout.write(f"guides: {loader.created} pages, translations and verifications created")
    return loader.created

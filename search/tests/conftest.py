"""Every search test runs on both engines: the embedded one and a real Elasticsearch."""

import json
import os
import uuid

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from conftest import require_service
from search import engines

ES_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "")


def elasticsearch_reachable(url):
    if not url:
        return False
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch(url, request_timeout=3, max_retries=0).cluster.health(timeout="2s")
    except Exception:
        return False
    return True


EMBEDDED = {"ENGINE": "search.engines.embedded.for_connection"}


def use_elasticsearch(settings, url):
    """Configure the embedded engine plus Elasticsearch at `url` with a fresh index prefix."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_ENGINES = {
        "embedded": EMBEDDED,
        "elasticsearch": {
            "ENGINE": "search.engines.elasticsearch.ElasticsearchEngine",
            "URL": url,
            "INDEX_PREFIX": prefix,
            "FORCE_REFRESH": True,
        },
    }
    settings.SEARCH_DEFAULT_ENGINE = "elasticsearch"
    engines.reset()
    return prefix


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request, settings):
    """The engine alias under test; Elasticsearch gets its own index prefix and refreshes."""
    prefix = None
    if request.param == "elasticsearch":
        if not elasticsearch_reachable(ES_URL):
            require_service("Elasticsearch at ELASTICSEARCH_TEST_URL")
        prefix = use_elasticsearch(settings, ES_URL)
    else:
        settings.SEARCH_ENGINES = {"embedded": EMBEDDED}
        settings.SEARCH_DEFAULT_ENGINE = "embedded"
    engines.reset()
    # A transactional test (the browser) flushes the entry rows but not SQLite's FTS5
    # tables: start every test from an empty index.
    engines.get_engine("embedded").clear("site")
    yield request.param
    if prefix:
        from elasticsearch import Elasticsearch

        Elasticsearch(ES_URL).indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
    engines.reset()


def body(*items):
    blocks = []
    for kind, text in items:
        if kind == "h":
            blocks.append({"type": "heading", "value": {"text": text, "level": "h2"}})
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
    return json.dumps(blocks)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def site_tree(locales):
    """A Finnish home page as the site root with one section."""
    from guides.models import HomePage, SectionPage

    # Transactional tests (the browser) flush the root page that migrations created.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["fi"])
    )
    home = HomePage(title="Etusivu", slug="koti", locale=locales["fi"])
    root.add_child(instance=home)
    publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "KB"},
    )
    section = SectionPage(title="Ohjeet", slug="ohjeet", locale=locales["fi"])
    home.add_child(instance=section)
    publish(section)
    return {"home": home, "section": section, "locales": locales}


def add_guide(parent, title, slug, *items, intro="", locale=None):
    from guides.models import GuidePage

    page = GuidePage(title=title, slug=slug, intro=intro, body=body(*items))
    page.locale = locale or parent.locale
    parent.add_child(instance=page)
    return publish(page)


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type="login")

"""A fresh install names Wagtail's root page and collection for the service, not "Root"."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Collection, Page

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
MIGRATION = ("guides", "0005_name_the_root")
BEFORE = [("guides", "0004_capitalised_block_labels")]


def test_the_migration_names_the_root_page_and_collection():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[0]).apps
    old.get_model("wagtailcore", "Page").objects.filter(depth=1).update(title="Root")
    old.get_model("wagtailcore", "Collection").objects.filter(depth=1).update(name="Root")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    root, collection = Page.get_first_root_node(), Collection.get_first_root_node()
    assert "Root" not in (root.title, root.draft_title, collection.name)
    assert root.title.startswith("Ohjepankki ja vuosikello") and "Kunskapsbank" in root.title
    assert collection.name == root.title

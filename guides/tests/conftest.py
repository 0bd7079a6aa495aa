import pytest

from guides.tests.factories import site_tree


@pytest.fixture
def tree(db):
    return site_tree()

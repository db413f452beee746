"""Shared fixtures: two areas and one user per role (the role × URL matrix uses all of them)."""

import pytest
from django.utils import translation

from ihk.models import Role
from tests.factories import AreaFactory, AreaRoleFactory, UserFactory

# The longest modules run first, so that pytest-xdist (--dist loadfile) hands the short ones to
# whichever worker is free at the end, instead of one worker finishing a long module alone.
LONG_MODULES = (
    "tests/test_crawled_demo.py",
    "tests/reports/test_large_demo.py",
    "tests/browser/",
)


def _weight(item) -> int:
    path = str(item.fspath).replace("\\", "/")
    for rank, module in enumerate(LONG_MODULES):
        if module in path:
            return rank
    return len(LONG_MODULES)


def pytest_collection_modifyitems(items):
    items.sort(key=_weight)  # stable: the order within a module stays


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def german_by_default():
    """Every test starts in the site's first language, whatever an earlier test activated."""
    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Views render on every request (query counts, data changes inside one test transaction);
    tests/ihk/test_caching.py switches the page cache on, test_public_fragments the fragments."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = False


@pytest.fixture
def area(db):
    return AreaFactory(name="Gartenstadt-Nord", slug="gartenstadt-nord")


@pytest.fixture
def other_area(db):
    return AreaFactory(name="Altstadt-Ost", slug="altstadt-ost")


@pytest.fixture
def manager(area):
    return AreaRoleFactory(area=area, role=Role.MANAGER, user__email="qm@example.org").user


@pytest.fixture
def reader(area):
    return AreaRoleFactory(area=area, role=Role.READER, user__email="stadt@example.org").user


@pytest.fixture
def other_manager(other_area):
    return AreaRoleFactory(area=other_area, role=Role.MANAGER, user__email="qm2@example.org").user


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def users(manager, reader, other_manager, superuser):
    """Every role of the matrix by name; ``None`` is the anonymous visitor."""
    return {
        "anonymous": None,
        "reader": reader,
        "manager": manager,
        "other_manager": other_manager,
        "superuser": superuser,
    }


@pytest.fixture
def client_as(client, users):
    """Return a test client logged in as the named role (or anonymous)."""

    def _client_as(role):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return _client_as

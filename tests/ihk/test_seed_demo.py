"""The demo data command: idempotent, documented logins, refused in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from ihk.models import Area, AreaRole


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_creates_logins(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Area.objects.count(), get_user_model().objects.count(), AreaRole.objects.count())
    call_command("seed_demo")
    assert (Area.objects.count(), get_user_model().objects.count(), AreaRole.objects.count()) == (
        counts
    )
    out = capsys.readouterr().out
    assert "manager@example.org" in out and "ihk-demo" in out
    manager = get_user_model().objects.get(email="manager@example.org")
    assert manager.check_password("ihk-demo")
    assert manager.has_perm("ihk.manage_area", Area.objects.get(slug="gartenstadt-nord"))
    reader = get_user_model().objects.get(email="stadt@example.org")
    assert not reader.has_perm("ihk.manage_area", Area.objects.get(slug="gartenstadt-nord"))


@pytest.mark.django_db
def test_seed_demo_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()

"""Demo data: realistic size, committees with members, idempotent, large scale."""

from actors import demo
from actors.models import Actor, Committee, CommitteeMembership, ContactPerson


def test_seed_small_is_idempotent(area):
    demo.seed(area, scale="small")
    counts = (Actor.objects.count(), ContactPerson.objects.count(), Committee.objects.count())
    assert 35 <= counts[0] <= 45
    assert counts[1] >= counts[0]
    assert set(Committee.objects.values_list("kind", flat=True)) >= {
        "steering_group",
        "district_council",
        "fund_jury",
    }
    assert CommitteeMembership.objects.count() > 20
    assert not Actor.objects.filter(kind="resident", is_public=True).exists()
    for actor in Actor.objects.all():
        actor.full_clean()
    demo.seed(area, scale="small")
    assert (
        Actor.objects.count(),
        ContactPerson.objects.count(),
        Committee.objects.count(),
    ) == counts


def test_seed_large_gives_400_actors(area):
    demo.seed(area, scale="large")
    assert Actor.objects.filter(area=area).count() == 400

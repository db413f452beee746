"""The status report's section on consultations: contributions by group, decisions, share taken
into account — counts only, in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from participation import consultation_services as services
from participation.models import WeighingDecision
from reports.sections.consultation import consultation_section
from tests.factories import ActorFactory, CommentFactory

from .consultation_helpers import build

pytestmark = pytest.mark.django_db


def test_section_counts_groups_and_share_taken_into_account(area, django_assert_max_num_queries):
    setup = build(area)
    c = setup.consultation
    comments = [
        CommentFactory(area=area, measure=None, consultation=c, draft_part="vision")
        for _ in range(3)
    ]
    CommentFactory(area=area, measure=None, consultation=c, moderation="blocked")
    school = ActorFactory(area=area, kind="school")
    statement = services.statement_record(
        consultation=c, actor=school, channel="letter", received_on=timezone.localdate(), text="x"
    )
    for contribution, decision in zip(
        [*comments, statement],
        [
            WeighingDecision.TAKEN,
            WeighingDecision.PARTLY,
            WeighingDecision.NOT_TAKEN,
            WeighingDecision.NOTED,
        ],
        strict=True,
    ):
        services.weigh(consultation=c, contribution=contribution, decision=decision, reason="r")
    today = timezone.localdate()
    with django_assert_max_num_queries(4):
        rows = consultation_section(area, today - datetime.timedelta(days=30), today)
    [row] = rows
    groups = {g["label"]: g["count"] for g in row["groups"]}
    assert groups == {"Bewohnerschaft (Kommentare)": 3, "Schule oder Kita": 1}
    assert row["weighed"] == 4 and row["taken_share"] == 50
    # Outside the period: nothing.
    assert consultation_section(area, today.replace(year=2000), today.replace(year=2001)) == []

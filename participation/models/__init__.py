"""Models of the participation app: events (``events``) and residents' contributions
(``contributions``). Import them from here: ``from participation.models import Comment``."""

from .contributions import (
    Comment,
    CommentQuerySet,
    CommentReport,
    Idea,
    IdeaQuerySet,
    IdeaStatus,
    Moderation,
    SubmissionThrottle,
)
from .events import (
    Attendance,
    AttendanceQuerySet,
    Event,
    EventFormat,
    EventQuerySet,
    EventResult,
    HeadCount,
    HeadCountGroup,
    HeadCountQuerySet,
    Outcome,
    participation_gaps,
)
from .meeting_followup import FollowUpTask, InvitationState, MeetingInvitation
from .meetings import (
    AgendaItem,
    AttendanceStatus,
    Decision,
    DecisionOutcome,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
)
from .registrations import (
    Registration,
    RegistrationQuerySet,
    RegistrationSettings,
    RegistrationStatus,
)
from .subscriptions import Notice, NoticeScan, Rhythm, Subscription, SubscriptionQuerySet, Topic

__all__ = [
    "Attendance",
    "AttendanceQuerySet",
    "Comment",
    "CommentQuerySet",
    "CommentReport",
    "Event",
    "EventFormat",
    "EventQuerySet",
    "EventResult",
    "HeadCount",
    "HeadCountGroup",
    "HeadCountQuerySet",
    "Idea",
    "IdeaQuerySet",
    "IdeaStatus",
    "Moderation",
    "Outcome",
    "SubmissionThrottle",
    "participation_gaps",
    # committee meetings
    "AgendaItem",
    "AttendanceStatus",
    "Decision",
    "DecisionOutcome",
    "FollowUpTask",
    "InvitationState",
    "Meeting",
    "MeetingAttendance",
    "MeetingInvitation",
    "MeetingStatus",
    "Notice",
    "NoticeScan",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationSettings",
    "RegistrationStatus",
    "Rhythm",
    "Subscription",
    "SubscriptionQuerySet",
    "Topic",
]

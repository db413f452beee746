from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        # Changes to these rows invalidate the area's cached public pages (ihk/caching.py).
        from ihk.caching import watch_area_models

        watch_area_models(
            self,
            {
                "Event": "area_id",
                "EventResult": "event.area_id",
                "HeadCount": "event.area_id",
                "Attendance": "event.area_id",
                "Idea": "area_id",
                "Comment": "area_id",
                "CommentReport": "comment.area_id",
                "Consultation": "area_id",
                "Statement": "consultation.area_id",
                "Weighing": "consultation.area_id",
                # Committee meetings: the public list shows meetings, public items, outcomes.
                "Meeting": "area_id",
                "AgendaItem": "meeting.area_id",
                "Decision": "agenda_item.meeting.area_id",
                # The open follow-up tasks on the area dashboard (a cached card).
                "FollowUpTask": "meeting.area_id",
                # Free places on the public event page.
                "Registration": "event.area_id",
                "RegistrationSettings": "event.area_id",
            },
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actors"
    verbose_name = _("Actors")

    def ready(self):
        # Changes to these rows invalidate the area's cached public pages (ihk/caching.py).
        from ihk.caching import watch_area_models

        watch_area_models(
            self,
            {
                "Actor": "area_id",
                "Committee": "area_id",
                "CommitteeMembership": "committee.area_id",
            },
        )

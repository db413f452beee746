from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IhkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ihk"
    verbose_name = _("Areas and roles")

    def ready(self):
        from . import lookups

        lookups.register()

        # An area change invalidates every cached public page (ihk/caching.py).
        from .caching import watch_area_models

        watch_area_models(self, {"Area": "pk"})

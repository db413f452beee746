from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = pgettext_lazy("documents", "Reports")

    def ready(self):
        # Changes to these rows invalidate the area's cached public pages (ihk/caching.py).
        from ihk.caching import watch_area_models

        watch_area_models(self, {"StatusReport": "area_id"})

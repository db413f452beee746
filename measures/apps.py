from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "measures"
    verbose_name = _("Concept and measures")

    def ready(self):
        # Changes to these rows invalidate the area's cached public pages (ihk/caching.py).
        from ihk.caching import watch_area_models

        watch_area_models(
            self,
            {
                "ConceptVersion": "area_id",
                "ActionField": "version.area_id",
                "Goal": "action_field.version.area_id",
                "Indicator": "goal.action_field.version.area_id",
                "IndicatorValue": "indicator.goal.action_field.version.area_id",
                "Measure": "area_id",
                "Milestone": "measure.area_id",
                "FinancingRow": "measure.area_id",
                "ContinuationElement": "area_id",
            },
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "funds"
    verbose_name = _("Neighbourhood fund")

    def ready(self):
        # The public fund page shows the budget left and the funded projects, the dashboard card
        # the money left (payouts of closed projects count): a change to these rows invalidates
        # the area's cached pages and fragments (ihk/caching.py).
        from ihk.caching import watch_area_models

        watch_area_models(
            self,
            {
                "Fund": "area_id",
                "FundSource": "fund.area_id",
                "Application": "area_id",
                "Decision": "application.area_id",
                "Payout": "application.area_id",
            },
        )

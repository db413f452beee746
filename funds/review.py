"""The formal check of an application (what the quarter management confirms before the
committee sees it)."""

from django.utils.translation import gettext_lazy as _

CHECKLIST = [
    ("in_area", _("The project takes place in the area and benefits its residents.")),
    ("not_started", _("The project has not started before the decision.")),
    ("costs_plausible", _("The cost plan is plausible and complete.")),
    ("financing_complete", _("The financing is complete; own contributions are credible.")),
    ("no_double_funding", _("No other funding covers the same costs.")),
    ("non_profit", _("The project is non-profit and open to everyone.")),
]

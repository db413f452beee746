"""Project-wide wording that overrides Django's and other apps' catalogues.

The project catalogue (LOCALE_PATHS) takes precedence over every app's, so a generic word listed
here reads the same everywhere, including the admin (e.g. "Speichern" rather than the admin's
"Sichern").
"""

from django.utils.translation import gettext_noop

OVERRIDES = [
    gettext_noop("Save"),
]

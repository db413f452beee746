"""pytest plugin (``-p tests.debug_env`` in pyproject): tests run with DEBUG switched on.

DEBUG defaults to off (ihk/settings.py), which refuses the development SECRET_KEY and redirects
to HTTPS. pytest-django loads the settings before any conftest.py, so the switch lives in this
plugin, imported while pytest parses its options. An explicit DEBUG in the environment wins.
"""

import os

os.environ.setdefault("DEBUG", "true")

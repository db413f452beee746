"""Builds the data snapshot of a status report, section by section, from all other apps.

The snapshot is plain JSON (strings, numbers, lists, dicts; money as decimal strings, dates as
ISO strings, charts as finished SVG strings) so that an issued report can be rendered again and
again from it without touching live data. Every section is built with a fixed number of queries
(prefetches per section, never per measure), so a large area costs the same number of queries as
a small one.

Charts and figures come from the apps that own them (``measures.gantt``, ``measures.kuf`` with
its definition of plan / approved / paid, ``measures.comparison``, ``measures.indicators``,
``actors.stakeholder``, ``participation.charts``); these modules only turn their results into
JSON, one module per group of sections. Sections without data yield empty lists, which the
templates print as "Noch keine Daten".
"""

from .common import report_version
from .continuation import continuation_snapshot
from .snapshot import SNAPSHOT_SCHEMA, build_snapshot

__all__ = ["SNAPSHOT_SCHEMA", "build_snapshot", "continuation_snapshot", "report_version"]

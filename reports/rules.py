"""Who may do what with status reports, built from the area predicates of ihk.rules.

Reports, the concept document and the continuation concept are read by the area's managers and
city staff; only managers write and issue reports. Objects passed in have an ``area_id``.
"""

import rules

from ihk.rules import can_manage_area, can_view_area_internal

rules.add_perm("reports.view_report", can_view_area_internal)
rules.add_perm("reports.change_report", can_manage_area)
rules.add_perm("reports.issue_report", can_manage_area)
# Ad-hoc "current state" PDFs: city staff may request them as well as managers.
rules.add_perm("reports.request_current_state", can_view_area_internal)

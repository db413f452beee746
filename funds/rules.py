"""Permissions of the funds app, built on the area predicates of ``ihk.rules``.

Every permission takes an object with ``area_id`` (an Area, Fund or Application). Applicants
have no account: they reach their own application only through its private link.
"""

import rules

from ihk.rules import can_manage_area, can_view_area_internal

# Funds, applications, documents, decisions and payouts: city staff read everything.
rules.add_perm("funds.view_fund_internal", can_view_area_internal)
# Managers run the fund: calls, paper applications, checks, questions, decisions, payouts.
rules.add_perm("funds.manage_fund", can_manage_area)

"""Permissions of the participation app, built on the area predicates of ``ihk.rules``.

Every permission takes an object with ``area_id`` (an Area, Event, Comment, Idea …), so checking
many rows costs no query per row.
"""

import rules

from ihk.rules import can_manage_area, can_view_area_internal

# Events, attendance, minutes and results.
rules.add_perm("participation.view_event_internal", can_view_area_internal)
rules.add_perm("participation.manage_event", can_manage_area)
# The internal participation overview (charts and gaps).
rules.add_perm("participation.view_overview", can_view_area_internal)
# Moderation of comments and ideas, data protection requests.
rules.add_perm("participation.moderate", can_manage_area)
rules.add_perm("participation.view_contributions_internal", can_view_area_internal)
# Committee meetings: agenda, attendance, decisions, minutes and follow-up tasks.
rules.add_perm("participation.view_meetings", can_view_area_internal)
rules.add_perm("participation.manage_meetings", can_manage_area)
# Event registrations (names, needs: internal) and the subscription figures (no addresses).
rules.add_perm("participation.view_registrations", can_view_area_internal)
rules.add_perm("participation.manage_registrations", can_manage_area)
rules.add_perm("participation.view_subscriptions", can_view_area_internal)

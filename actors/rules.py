"""Who may do what in the actor register, built from the area predicates of ihk.rules.

Actor, Committee (``area_id``) and ContactPerson (``area_id`` through its actor) are all checked
against the area, so a check costs no query per row.
"""

import rules

from ihk.rules import can_manage_area, can_view_area_internal

# Reading the register, contact persons included, and exporting it: managers, city staff
# (reader role) and superusers.
rules.add_perm("actors.view_register", can_view_area_internal)
rules.add_perm("actors.export_register", can_view_area_internal)
# Creating and editing actors, contact persons, committees and imports: managers and superusers.
rules.add_perm("actors.change_register", can_manage_area)

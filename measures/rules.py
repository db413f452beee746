"""Who may do what with the concept and its measures, built from the area predicates of ihk.rules.

Every object passed in has an ``area_id`` (Area, ConceptVersion, Measure, ContinuationElement;
ActionField through its version), so checks cost no query per row.
"""

import rules

from ihk.rules import can_manage_area, can_view_area_internal

# Editing the concept structure and the measures of an area: managers and superusers.
rules.add_perm("measures.change_concept", can_manage_area)
# Reading internal concept data (non-public measures, internal notes, drafts): managers,
# city staff (reader role) and superusers.
rules.add_perm("measures.view_internal", can_view_area_internal)
# Funding administration: notices, draw-downs, stage amounts and due dates are read by everyone
# who reads the area internally (managers, city staff, city coordinators) and kept by managers.
rules.add_perm("measures.view_funding", can_view_area_internal)
rules.add_perm("measures.manage_funding", can_manage_area)

"""Who may do what in an area: django-rules predicates shared by every app.

Predicates accept an ``Area`` or any object with an ``area_id`` attribute, and read the user's
roles from a per-request cache (``User.area_roles``), so checking many rows costs no extra query.
"""

import rules

from .models import Area, Role


def area_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Area):
        return obj.pk
    return getattr(obj, "area_id", None)


def _role(user, obj) -> str | None:
    if not user.is_authenticated:
        return None
    return user.area_roles().get(area_id_of(obj))


@rules.predicate
def is_area_manager(user, obj) -> bool:
    return _role(user, obj) == Role.MANAGER


@rules.predicate
def is_area_reader(user, obj) -> bool:
    return _role(user, obj) == Role.READER


is_superuser = rules.is_superuser

can_manage_area = is_superuser | is_area_manager
can_view_area_internal = is_superuser | is_area_manager | is_area_reader

rules.add_perm("ihk.manage_area", can_manage_area)
rules.add_perm("ihk.view_area_internal", can_view_area_internal)

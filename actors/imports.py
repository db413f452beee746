"""Import of the actor register from XLSX or CSV, testable without HTTP.

Actors are matched on name + kind within the area, contact persons on their name within the
actor. Every row is validated first, without a query per row (the area's actors and contact
persons are read once); the writes then happen in one transaction through
``services.store_import`` (bulk operations), so an import stores nothing unless every row is
valid, and importing the same file twice changes nothing. Large files run as a background task
(``actors.tasks``); ``import_actors`` reports its progress through an optional callback.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import import_cells as cells_
from .exports import ACTOR_COLUMNS, CONTACT_COLUMNS, HEADER
from .import_cells import MAX_IMPORT_BYTES, ImportFileError, read_table
from .models import Actor, ActorStatus, ContactPerson

__all__ = ["MAX_IMPORT_BYTES", "MAX_IMPORT_ROWS", "ImportFileError", "import_actors", "read_rows"]

# The documented limit; more rows than a quarter has actors is a mistake.
MAX_IMPORT_ROWS = 5000
# At most this many row errors are listed; more would only hide the first ones.
MAX_ERRORS = 500
ACTOR_LABELS = {attr: column for column, attr in ACTOR_COLUMNS}
CONTACT_LABELS = {attr: column for column, attr in CONTACT_COLUMNS}
MULTILINE = {"Beschreibung", "Interne Notizen"}

Progress = Callable[[int, str], None]  # (percent 0–100, step key)


@dataclass
class ImportResult:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    created_actors: int = 0
    updated_actors: int = 0
    unchanged_actors: int = 0
    created_contacts: int = 0
    updated_contacts: int = 0
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportPlan:
    """What the file asks for: actors by (name, kind), contact persons by (actor key, name)."""

    actors: dict = field(default_factory=dict)  # key -> (instance or None, values, first row)
    contacts: dict = field(default_factory=dict)  # (key, name) -> (instance or None, values)


def changed(instance, values: dict) -> bool:
    return any(getattr(instance, key) != value for key, value in values.items())


# --- the table as a whole --------------------------------------------------------------------


def _header_error(header: list[str]) -> ImportFileError:
    missing = [column for column in HEADER if column not in header]
    unknown = [column for column in header if column not in HEADER]
    details = []
    if missing:
        details.append(_("missing: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        details.append(_("unknown: %(columns)s") % {"columns": ", ".join(unknown)[:500]})
    if not details:
        details.append(_("the columns are in a different order"))
    return ImportFileError(
        _(
            "The first row does not contain the expected column headings (%(details)s). "
            "Please use the layout of the export: %(header)s."
        )
        % {"details": "; ".join(details), "header": ", ".join(HEADER)}
    )


def read_rows(name: str, data: bytes) -> list[list]:
    """The data rows of the file (header checked and removed); ``ImportFileError`` if unusable."""
    table = read_table(name, data)
    # Trailing empty rows are an artefact of spreadsheet programs; empty rows in between are
    # reported, because they usually mean that something went wrong when editing.
    while table and not any(cells_.text(cell) for cell in table[-1]):
        table.pop()
    if not table:
        raise ImportFileError(_("The file contains no rows."))
    header = [cells_.text(cell) for cell in table[0]]
    while header and not header[-1]:
        header.pop()
    if header != HEADER:
        raise _header_error(header)
    if len(table) == 1:
        raise ImportFileError(_("The file contains column headings but no data rows."))
    if len(table) - 1 > MAX_IMPORT_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows. Please split it up.") % {"max": MAX_IMPORT_ROWS}
        )
    return table[1:]


# --- one row ---------------------------------------------------------------------------------


def _parse_row(cells: dict) -> tuple[dict, dict | None]:
    """(actor values, contact values or None) of one row; ``ValidationError`` lists all problems."""
    errors = []

    def collect(function, column, *args, **kwargs):
        try:
            return function(cells[column], *args, column, **kwargs)
        except ValidationError as error:
            errors.extend(error.messages)
            return None

    def text(column):
        return cells_.text(cells[column], multiline=column in MULTILINE)

    actor_values = {attr: text(column) for column, attr in ACTOR_COLUMNS}
    actor_values.update(
        kind=collect(cells_.choice, "Art", "kind"),
        is_public=collect(cells_.boolean, "Öffentlich"),
        interest=collect(cells_.integer, "Interesse", default=3),
        influence=collect(cells_.integer, "Einfluss", default=3),
        status=collect(cells_.choice, "Status", "status") if text("Status") else ActorStatus.ACTIVE,
        joined_on=collect(cells_.date, "Dabei seit", default=datetime.date.today()),
    )
    contact_values = None
    if any(text(column) for column, _attr in CONTACT_COLUMNS):
        contact_values = {attr: text(column) for column, attr in CONTACT_COLUMNS}
        contact_values.update(
            consent_on=collect(cells_.date, "Einwilligung am"),
            consent_method=(
                collect(cells_.choice, "Einwilligung wie", "method")
                if text("Einwilligung wie")
                else ""
            ),
        )
    if errors:
        raise ValidationError(errors)
    return actor_values, contact_values


def _messages(error: ValidationError, labels: dict[str, str]) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{labels.get(name, name)}: {message}" if name != "__all__" else str(message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [str(message) for message in error.messages]


def _check(model_instance, exclude: list[str]) -> None:
    """Field validation without queries: uniqueness is checked against the loaded rows."""
    model_instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


class _Planner:
    """Validates rows one by one against the area's actors and contact persons, read once."""

    def __init__(self, area):
        self.area = area
        self.plan = ImportPlan()
        self.existing = {(a.name, a.kind): a for a in Actor.objects.for_area(area)}
        self.persons = {
            (person.actor_id, person.name): person
            for person in ContactPerson.objects.filter(actor__area=area)
        }

    def add(self, raw: list) -> list[str]:
        """Plan one row; returns its error messages (empty when the row is fine)."""
        cells = dict(zip(HEADER, list(raw) + [None] * (len(HEADER) - len(raw)), strict=False))
        if not any(cells_.text(cell) for cell in raw):
            return [_("The row is empty. Please delete empty rows.")]
        try:
            actor_values, contact_values = _parse_row(cells)
        except ValidationError as error:
            return error.messages
        key = (actor_values["name"], actor_values["kind"])
        errors = self._add_actor(key, actor_values)
        if errors or contact_values is None:
            return errors
        return self._add_contact(key, contact_values)

    def _add_actor(self, key, values) -> list[str]:
        if key in self.plan.actors:
            _instance, first_values, first_row = self.plan.actors[key]
            if first_values != values:
                return [
                    _(
                        "The actor's details differ from row %(row)s for the same actor. "
                        "Please enter the same details in every row of an actor."
                    )
                    % {"row": first_row}
                ]
            return []
        instance = self.existing.get(key)
        try:
            _check(Actor(area=self.area, **values), exclude=["area"])
        except ValidationError as error:
            return _messages(error, ACTOR_LABELS)
        self.plan.actors[key] = (instance, values, self.row_number)
        return []

    def _add_contact(self, key, values) -> list[str]:
        contact_key = (key, values["name"])
        if contact_key in self.plan.contacts:
            return [
                _("The contact person “%(name)s” appears twice for this actor.")
                % {"name": values["name"]}
            ]
        actor = self.plan.actors[key][0]
        person = self.persons.get((actor.pk, values["name"])) if actor else None
        try:
            _check(ContactPerson(**values), exclude=["actor"])
        except ValidationError as error:
            return _messages(error, CONTACT_LABELS)
        self.plan.contacts[contact_key] = (person, values)
        return []


def plan_import(*, area, rows: list[list], progress: Progress | None = None):
    """Validate every row; returns ``(plan, errors)`` with errors as (row number, message)."""
    planner = _Planner(area)
    errors = []
    for index, raw in enumerate(rows, start=2):
        planner.row_number = index
        errors.extend((index, message) for message in planner.add(raw))
        if progress and index % 250 == 0:
            progress(int(index / len(rows) * 60), "check")
    return planner.plan, errors[:MAX_ERRORS]


def count(result: ImportResult, plan: ImportPlan) -> None:
    for instance, values, _row in plan.actors.values():
        if instance is None:
            result.created_actors += 1
        elif changed(instance, values):
            result.updated_actors += 1
        else:
            result.unchanged_actors += 1
    for person, values in plan.contacts.values():
        if person is None:
            result.created_contacts += 1
        elif changed(person, values):
            result.updated_contacts += 1


def import_actors(
    *,
    area,
    name: str,
    data: bytes,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row of the file; store actors and contact persons only if all are valid.

    Raises ``ImportFileError`` when the file as a whole is unusable.
    """
    from .services import store_import

    rows = read_rows(name, data)
    plan, errors = plan_import(area=area, rows=rows, progress=progress)
    result = ImportResult(errors=errors)
    if errors:
        return result
    count(result, plan)
    if not dry_run:
        store_import(area=area, plan=plan, user=user, progress=progress)
        result.saved = True
    return result

"""Import and export of the actor register (XLSX and CSV), testable without HTTP.

File format: one row per contact person, with the actor's columns repeated; an actor without
contact persons has one row with empty contact columns. The header is fixed German text, so a
file exported in either UI language can be imported again. Actors are matched on name + kind
within the area, contact persons on their name within the actor; an import stores nothing unless
every row is valid, and importing the same file twice changes nothing.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Actor, ActorKind, ActorStatus, ConsentMethod, ContactPerson

MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Every row is validated against the database; more rows than a quarter has actors is a mistake.
MAX_IMPORT_ROWS = 5000

# (column header, model attribute) — the header is part of the file format, never translated.
ACTOR_COLUMNS = [
    ("Name", "name"),
    ("Art", "kind"),
    ("Beschreibung", "description"),
    ("Adresse", "address"),
    ("Website", "website"),
    ("Öffentlich", "is_public"),
    ("Interesse", "interest"),
    ("Einfluss", "influence"),
    ("Status", "status"),
    ("Dabei seit", "joined_on"),
    ("Interne Notizen", "internal_notes"),
]
CONTACT_COLUMNS = [
    ("Ansprechperson", "name"),
    ("Funktion", "role"),
    ("E-Mail", "email"),
    ("Telefon", "phone"),
    ("Einwilligung am", "consent_on"),
    ("Einwilligung wie", "consent_method"),
    ("Einwilligung für", "consent_purpose"),
]
HEADER = [column for column, _attr in ACTOR_COLUMNS + CONTACT_COLUMNS]

TRUE_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
FALSE_WORDS = {"nein", "n", "no", "0", "false", "falsch", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, too large, wrong header)."""


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


# --- export ---------------------------------------------------------------------------------


def _choice_labels(choices) -> dict[str, str]:
    with translation.override("de"):
        return {value: str(label) for value, label in choices}


def export_rows(actors) -> list[list]:
    """The table for export: header first, then one row per contact person (or per actor)."""
    kinds, statuses = _choice_labels(ActorKind.choices), _choice_labels(ActorStatus.choices)
    methods = _choice_labels(ConsentMethod.choices)
    rows = [list(HEADER)]
    for actor in actors:
        actor_part = [
            actor.name,
            kinds[actor.kind],
            actor.description,
            actor.address,
            actor.website,
            "ja" if actor.is_public else "nein",
            actor.interest,
            actor.influence,
            statuses[actor.status],
            actor.joined_on,
            actor.internal_notes,
        ]
        contacts = list(actor.contact_persons.all())
        if not contacts:
            rows.append(actor_part + [""] * len(CONTACT_COLUMNS))
        for person in contacts:
            rows.append(
                actor_part
                + [
                    person.name,
                    person.role,
                    person.email,
                    person.phone,
                    person.consent_on,
                    methods[person.consent_method],
                    person.consent_purpose,
                ]
            )
    return rows


def export_queryset(area):
    return Actor.objects.for_area(area).prefetch_related("contact_persons").order_by("name", "kind")


# Cells starting with these characters are run as formulas by spreadsheet programs (CSV
# injection). The export writes them as text; the import strips the protective apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv(area) -> bytes:
    """CSV as Excel in Germany opens it: UTF-8 with BOM, semicolons, dates as DD.MM.YYYY."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in export_rows(export_queryset(area)):
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(area) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Akteure"
    for row in export_rows(export_queryset(area)):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column_cells in sheet.iter_cols(min_row=2, max_row=sheet.max_row):
        for cell in column_cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif cell.data_type == "f":
                cell.data_type = "s"  # user text, never a formula
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading files ---------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any damaged or foreign file is a user error
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from error
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list]:
    if b"\x00" in data:
        raise ImportFileError(_("The file is not a CSV table (it contains binary data)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in its ANSI code page.
        text = data.decode("cp1252", errors="replace")
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_table(name: str, data: bytes) -> list[list]:
    """Rows of the uploaded file as lists of cell values (strings, numbers, dates or None)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB. Please split it up."))
    if not data:
        raise ImportFileError(_("The file is empty."))
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ImportFileError(
        _("This is not a spreadsheet. Please upload an Excel file (.xlsx) or a CSV file.")
    )


# --- parsing cells ----------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _lookup(choices) -> dict[str, str]:
    """Accept the stored value, the German and the English label (case-insensitive)."""
    table = {}
    for language in ("en", "de"):
        with translation.override(language):
            for value, label in choices:
                table[str(label).casefold()] = value
    for value, _label in choices:
        table[value.casefold()] = value
    return table


def _choice(value, choices, column: str) -> str:
    text = _text(value)
    found = _lookup(choices).get(text.casefold())
    if found is None:
        raise ValidationError(
            _("Column “%(column)s”: “%(value)s” is not a valid entry.")
            % {"column": column, "value": text}
        )
    return found


def _bool(value, column: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValidationError(
        _("Column “%(column)s”: please write “ja” or “nein”, not “%(value)s”.")
        % {"column": column, "value": _text(value)}
    )


def _int(value, column: str, *, default: int) -> int:
    text = _text(value)
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            _("Column “%(column)s”: “%(value)s” is not a whole number.")
            % {"column": column, "value": text}
        ) from None


def _date(value, column: str, *, default=None):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return default
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _("Column “%(column)s”: “%(value)s” is not a date (DD.MM.YYYY).")
        % {"column": column, "value": text}
    )


def _messages(error: ValidationError, labels: dict[str, str]) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{labels.get(name, name)}: {message}" if name != "__all__" else str(message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [str(message) for message in error.messages]


# --- import ----------------------------------------------------------------------------------


@dataclass
class _ParsedRow:
    number: int
    actor_values: dict
    contact_values: dict | None


def _parse_row(number: int, cells: dict) -> _ParsedRow:
    errors = []

    def collect(function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ValidationError as error:
            errors.extend(error.messages)
            return None

    actor_values = {
        "name": _text(cells["Name"]),
        "kind": collect(_choice, cells["Art"], ActorKind.choices, "Art"),
        "description": _text(cells["Beschreibung"]),
        "address": _text(cells["Adresse"]),
        "website": _text(cells["Website"]),
        "is_public": collect(_bool, cells["Öffentlich"], "Öffentlich"),
        "interest": collect(_int, cells["Interesse"], "Interesse", default=3),
        "influence": collect(_int, cells["Einfluss"], "Einfluss", default=3),
        "status": (
            collect(_choice, cells["Status"], ActorStatus.choices, "Status")
            if _text(cells["Status"])
            else ActorStatus.ACTIVE
        ),
        "joined_on": collect(
            _date, cells["Dabei seit"], "Dabei seit", default=datetime.date.today()
        ),
        "internal_notes": _text(cells["Interne Notizen"]),
    }
    contact_values = None
    if any(_text(cells[column]) for column, _attr in CONTACT_COLUMNS):
        contact_values = {
            "name": _text(cells["Ansprechperson"]),
            "role": _text(cells["Funktion"]),
            "email": _text(cells["E-Mail"]),
            "phone": _text(cells["Telefon"]),
            "consent_on": collect(_date, cells["Einwilligung am"], "Einwilligung am"),
            "consent_method": (
                collect(
                    _choice, cells["Einwilligung wie"], ConsentMethod.choices, "Einwilligung wie"
                )
                if _text(cells["Einwilligung wie"])
                else ""
            ),
            "consent_purpose": _text(cells["Einwilligung für"]),
        }
    if errors:
        raise ValidationError(errors)
    return _ParsedRow(number, actor_values, contact_values)


def _labels(columns) -> dict[str, str]:
    return {attr: column for column, attr in columns}


def _changed(instance, values: dict) -> bool:
    return any(getattr(instance, key) != value for key, value in values.items())


def import_actors(*, area, name: str, data: bytes, dry_run: bool = False) -> ImportResult:
    """Validate every row of the file; store actors and contact persons only if all are valid.

    Raises ``ImportFileError`` when the file as a whole is unusable.
    """
    table = read_table(name, data)
    # Trailing empty rows are an artefact of spreadsheet programs; empty rows in between are
    # reported, because they usually mean that something went wrong when editing.
    while table and not any(_text(cell) for cell in table[-1]):
        table.pop()
    if not table:
        raise ImportFileError(_("The file contains no rows."))
    header = [_text(cell) for cell in table[0]]
    while header and not header[-1]:
        header.pop()
    if header != HEADER:
        missing = [column for column in HEADER if column not in header]
        unknown = [column for column in header if column not in HEADER]
        details = []
        if missing:
            details.append(_("missing: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            details.append(_("unknown: %(columns)s") % {"columns": ", ".join(unknown)})
        if not details:
            details.append(_("the columns are in a different order"))
        raise ImportFileError(
            _(
                "The first row does not contain the expected column headings (%(details)s). "
                "Please use the layout of the export: %(header)s."
            )
            % {"details": "; ".join(details), "header": ", ".join(HEADER)}
        )
    if len(table) == 1:
        raise ImportFileError(_("The file contains column headings but no data rows."))
    if len(table) - 1 > MAX_IMPORT_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows. Please split it up.") % {"max": MAX_IMPORT_ROWS}
        )

    result = ImportResult()
    existing = {(a.name, a.kind): a for a in Actor.objects.for_area(area)}
    contacts = {}
    for person in ContactPerson.objects.filter(actor__area=area):
        contacts[(person.actor_id, person.name)] = person

    actor_labels = _labels(ACTOR_COLUMNS)
    contact_labels = _labels(CONTACT_COLUMNS)
    planned_actors = {}  # (name, kind) -> (instance, values, first row number, created)
    planned_contacts = {}  # (actor key, contact name) -> (instance, values)
    for index, raw in enumerate(table[1:], start=2):
        cells = dict(zip(HEADER, list(raw) + [None] * (len(HEADER) - len(raw)), strict=False))
        if not any(_text(cell) for cell in raw):
            result.errors.append((index, _("The row is empty. Please delete empty rows.")))
            continue
        try:
            row = _parse_row(index, cells)
        except ValidationError as error:
            result.errors.extend((index, message) for message in error.messages)
            continue
        key = (row.actor_values["name"], row.actor_values["kind"])
        if key in planned_actors:
            instance, values, first_row, _created = planned_actors[key]
            if values != row.actor_values:
                result.errors.append(
                    (
                        index,
                        _(
                            "The actor's details differ from row %(row)s for the same actor. "
                            "Please enter the same details in every row of an actor."
                        )
                        % {"row": first_row},
                    )
                )
                continue
        else:
            instance = existing.get(key)
            created = instance is None
            if created:
                instance = Actor(area=area)
            try:
                candidate = Actor(pk=instance.pk, area=area, **row.actor_values)
                candidate._state.adding = created  # an existing actor is checked as itself
                candidate.full_clean()
            except ValidationError as error:
                result.errors.extend((index, message) for message in _messages(error, actor_labels))
                continue
            planned_actors[key] = (instance, row.actor_values, index, created)
        if row.contact_values is not None:
            contact_key = (key, row.contact_values["name"])
            if contact_key in planned_contacts:
                result.errors.append(
                    (
                        index,
                        _("The contact person “%(name)s” appears twice for this actor.")
                        % {"name": row.contact_values["name"]},
                    )
                )
                continue
            person = contacts.get((instance.pk, row.contact_values["name"]))
            try:
                candidate = ContactPerson(pk=getattr(person, "pk", None), **row.contact_values)
                candidate._state.adding = person is None
                candidate.full_clean(exclude=["actor"])
            except ValidationError as error:
                result.errors.extend(
                    (index, message) for message in _messages(error, contact_labels)
                )
                continue
            planned_contacts[contact_key] = (person, row.contact_values)

    if result.errors:
        return result
    if dry_run:
        _count(result, planned_actors, planned_contacts)
        return result
    with transaction.atomic():
        _count(result, planned_actors, planned_contacts)
        stored = {}
        for key, (instance, values, _row, created) in planned_actors.items():
            if created or _changed(instance, values):
                for attr, value in values.items():
                    setattr(instance, attr, value)
                instance.full_clean()
                instance.save()
            stored[key] = instance
        for (actor_key, _name), (person, values) in planned_contacts.items():
            if person is None:
                person = ContactPerson(actor=stored[actor_key], **values)
            elif _changed(person, values):
                for attr, value in values.items():
                    setattr(person, attr, value)
            else:
                continue
            person.full_clean()
            person.save()
        result.saved = True
    return result


def _count(result, planned_actors, planned_contacts):
    for instance, values, _row, created in planned_actors.values():
        if created:
            result.created_actors += 1
        elif _changed(instance, values):
            result.updated_actors += 1
        else:
            result.unchanged_actors += 1
    for person, values in planned_contacts.values():
        if person is None:
            result.created_contacts += 1
        elif _changed(person, values):
            result.updated_contacts += 1

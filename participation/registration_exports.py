"""The attendance list of an event as CSV and XLSX (internal: it holds names and needs)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ihk.spreadsheets import append_row, csv_bytes, workbook_bytes


def _rows(registrations):
    yield [
        _("No."),
        _("name"),
        _("e-mail"),
        _("status"),
        _("accessibility needs"),
        _("children needing childcare"),
        _("registered"),
        _("attended"),
    ]
    for number, registration in enumerate(registrations, start=1):
        attended = {True: _("yes"), False: _("no")}.get(registration.attended, "")
        yield [
            number,
            registration.name,
            registration.email,
            registration.get_status_display(),
            registration.accessibility_needs,
            registration.childcare_children,
            timezone.localtime(registration.created_at).replace(tzinfo=None),
            attended,
        ]


def registrations_csv(event, registrations) -> bytes:
    return csv_bytes(_rows(registrations.iterator()), date_format="%d.%m.%Y %H:%M")


def registrations_xlsx(event, registrations) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in _rows(registrations.iterator()):
        append_row(sheet, row)
    return workbook_bytes(workbook)

"""The continuation concept (Verstetigungskonzept) PDF as a stored file, typeset by the task
worker, never in a request: on the large demo data it takes seconds of CPU, at five times the
data twelve. As for the concept document (``reports.concept_pdf``), the download view serves
the stored file of the area's current state or queues it and shows a page that refreshes itself.

The fingerprint costs no query: the area's generation (``ihk.generations``, renewed by every
committed change of the area's measures, financing rows, continuation plans and actors) and
today's date (the document is dated). Older files of the area are removed by the worker.
"""

import hashlib

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone

from ihk.generations import EPOCH_KEY, area_key, generations
from ihk.models import Area

from .pdf import render_continuation_pdf
from .sections import continuation_snapshot
from .storage import remove_others, write_atomically

PENDING_TIMEOUT = 120  # seconds; a killed worker's request is queued again after it


def _folder(area) -> str:
    return f"reports/{area.slug}/continuation"


def continuation_pdf_name(area) -> str:
    parts = [area.pk, *generations([EPOCH_KEY, area_key(area.slug)]), timezone.localdate()]
    fingerprint = hashlib.sha256(repr(parts).encode()).hexdigest()[:20]
    return f"{_folder(area)}/{fingerprint}.pdf"


def stored_continuation_pdf(area) -> str | None:
    """The storage name of the up-to-date PDF, or None when it still has to be made."""
    name = continuation_pdf_name(area)
    return name if default_storage.exists(name) else None


def request_continuation_pdf(area) -> None:
    """Queue the PDF for the worker unless it was queued within the last two minutes."""
    from .tasks import generate_continuation_pdf_task

    if cache.add(f"reports:continuation-pdf:{area.pk}", 1, PENDING_TIMEOUT):
        generate_continuation_pdf_task.enqueue(area.pk)


def generate_continuation_pdf(*, area_id: int) -> str | None:
    """Typeset and store the PDF of the area's current state; remove its older files."""
    area = Area.objects.filter(pk=area_id).first()
    if area is None:
        return None
    name = continuation_pdf_name(area)
    if not default_storage.exists(name):
        data = continuation_snapshot(area)
        pdf = render_continuation_pdf(area=area, data=data, as_of=timezone.localdate())
        write_atomically(default_storage, name, pdf)
    remove_others(default_storage, _folder(area), keep=name)
    cache.delete(f"reports:continuation-pdf:{area.pk}")
    return name

"""The concept document PDF as a stored file, typeset by the task worker, never in a request.

Typesetting a large concept takes seconds of CPU; a public link must not let anyone start that
inside a web request. So the download view only looks for the stored file of the version's
current *fingerprint* and, when it is missing, queues ``generate_concept_pdf_task`` and shows a
page that refreshes itself until the file is there.

The fingerprint is cheap (a few aggregate queries, no rendering): the version's pk, the latest
change of the version and of what it contains (goals, measures, their financing rows and
milestones, via their history), a hash of the fields of action and indicators (which have no
history) and today's date (the Gantt chart marks today). Any change gives a new file name.

Stale files are not served: after a change the next request queues the new PDF and readers see
"Das PDF wird erstellt …" for the few seconds it takes; the worker then deletes the older files
of the same version and variant. All files go through ``default_storage``, so several app
servers sharing the media storage (a shared volume or S3) serve the same files.
"""

import hashlib
import logging

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import Count, Max
from django.utils import timezone

from measures.models import (
    ActionField,
    ConceptVersion,
    FinancingRow,
    Goal,
    Indicator,
    Measure,
    Milestone,
)

from .concept import concept_document
from .pdf import render_concept_pdf
from .storage import remove_others, write_atomically

logger = logging.getLogger(__name__)

# While a PDF is queued, further requests do not queue it again; after this many seconds
# (e.g. the worker was killed) the next request queues it anew.
PENDING_TIMEOUT = 120


def _variant(public: bool) -> str:
    return "public" if public else "internal"


def concept_fingerprint(version) -> str:
    """A short hash that changes whenever anything shown in the concept document changes."""
    measures = Measure.objects.in_version(version)
    measure_ids = measures.values("pk")
    parts = [
        version.pk,
        timezone.localdate(),
        ConceptVersion.history.filter(id=version.pk).aggregate(at=Max("history_date"))["at"],
        Goal.history.filter(action_field__version=version).aggregate(at=Max("history_date"))["at"],
        measures.aggregate(
            n=Count("pk"), at=Max("updated_at"), actor_at=Max("lead_actor__updated_at")
        ),
        FinancingRow.history.filter(measure_id__in=measure_ids).aggregate(at=Max("history_date"))[
            "at"
        ],
        Milestone.history.filter(measure_id__in=measure_ids).aggregate(at=Max("history_date"))[
            "at"
        ],
        list(
            ActionField.objects.filter(version=version)
            .order_by("pk")
            .values_list("pk", "title", "description", "order")
        ),
        list(
            Indicator.objects.filter(goal__action_field__version=version)
            .order_by("pk")
            .values_list("pk", "name", "unit", "baseline_value", "target_value", "target_on")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def _folder(version) -> str:
    return f"reports/{version.area.slug}/concept"


def concept_pdf_name(version, *, public: bool, fingerprint: str) -> str:
    return f"{_folder(version)}/{version.pk}-{_variant(public)}-{fingerprint}.pdf"


def stored_concept_pdf(version, *, public: bool) -> str | None:
    """The storage name of the up-to-date PDF, or None when it still has to be made."""
    name = concept_pdf_name(version, public=public, fingerprint=concept_fingerprint(version))
    return name if default_storage.exists(name) else None


def request_concept_pdf(version, *, public: bool) -> None:
    """Queue the PDF for the worker unless it was queued within the last two minutes."""
    from .tasks import generate_concept_pdf_task

    key = f"reports:concept-pdf:{version.pk}:{_variant(public)}"
    if cache.add(key, 1, PENDING_TIMEOUT):
        generate_concept_pdf_task.enqueue(version.pk, public)


def generate_concept_pdf(*, version_id: int, public: bool) -> str | None:
    """Typeset and store the PDF of the version's current state; remove older files of it."""
    version = ConceptVersion.objects.select_related("area").filter(pk=version_id).first()
    if version is None:
        return None
    name = concept_pdf_name(version, public=public, fingerprint=concept_fingerprint(version))
    if not default_storage.exists(name):
        data = concept_document(version, public=public)
        write_atomically(default_storage, name, render_concept_pdf(area=version.area, data=data))
    prefix = f"{version.pk}-{_variant(public)}-"
    remove_others(default_storage, _folder(version), keep=name, prefix=prefix)
    cache.delete(f"reports:concept-pdf:{version.pk}:{_variant(public)}")
    return name

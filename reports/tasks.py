"""Background tasks of the reports app (django-tasks; the worker is ``manage.py db_worker``).

Tasks take primary keys, never objects.
"""

from django.utils import translation
from django_tasks import task

from . import concept_pdf, continuation_pdf, services


@task()
def generate_report_task(report_id: int, user_id: int | None) -> None:
    """Build the snapshot and the PDF of one report."""
    services.generate_report(report_id=report_id, user_id=user_id)


@task()
def generate_concept_pdf_task(version_id: int, public: bool) -> None:
    """Typeset and store the concept document PDF of one version (public or internal)."""
    with translation.override("de"):
        concept_pdf.generate_concept_pdf(version_id=version_id, public=public)


@task()
def generate_continuation_pdf_task(area_id: int) -> None:
    """Typeset and store the continuation concept PDF of one area."""
    with translation.override("de"):
        continuation_pdf.generate_continuation_pdf(area_id=area_id)

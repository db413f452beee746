"""A form sent twice stores one row: rows a visitor submits carry a unique ``submission_key``
(a UUID in the form), and the second of two parallel requests gets the first one's row."""

from django.db import IntegrityError, transaction


def save_once(row, submission_key) -> tuple[object, bool]:
    """Save ``row`` and return ``(row, True)``; if a parallel request with the same
    ``submission_key`` stored its row first (the unique key refuses ours), return
    ``(that row, False)``. Without a key, an integrity error is not ours to explain: raised."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        existing = None
        if submission_key:
            existing = type(row).objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    return row, True

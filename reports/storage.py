"""Writing generated PDFs so that a stored name never points to a half-written file."""

import os
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage


def write_atomically(storage, name: str, data: bytes) -> str:
    """Store ``data`` under ``name``: on disk via a temporary file and a rename; elsewhere
    (e.g. S3) by replacing the object, which such storages do atomically."""
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(data))


def remove_others(storage, folder: str, *, keep: str, prefix: str = "") -> None:
    """Delete the files of ``folder`` whose names start with ``prefix``, except ``keep`` (a full
    storage name): the older generated files of one document."""
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:  # pragma: no cover - just written
        return
    for other in files:
        if other.startswith(prefix) and f"{folder}/{other}" != keep:
            storage.delete(f"{folder}/{other}")

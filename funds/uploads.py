"""Checks of uploaded documents by their content: PDF, JPEG or PNG, at most ``MAX_BYTES``.

The browser's file name and content type are not trusted. The first bytes decide the type, and
the end of the file must be the end of that format: a JPEG or PNG with something appended (a ZIP,
a script: a polyglot) or a PDF with HTML or a script inside is refused. Images must also open
with Pillow. Files are served only as downloads (``Content-Disposition: attachment``, ``nosniff``).
"""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 30
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SUFFIX = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
_MARKUP = (b"<html", b"<script", b"<?php", b"<svg", b"<!doctype html", b"<body", b"<iframe")
_PNG_END = b"IEND\xaeB`\x82"


def sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _refuse(message):
    raise ValidationError(message, code="invalid_file")


def _check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-1024:]:
        _refuse(_("The PDF file is incomplete or damaged."))
    lowered = data.lower()
    if any(marker in lowered for marker in _MARKUP):
        _refuse(_("The PDF file contains web page code and is refused."))


def _check_image(data: bytes, kind: str) -> None:
    end_ok = data.rstrip(b"\x00").endswith(b"\xff\xd9") if kind == JPEG else data.endswith(_PNG_END)
    if not end_ok:
        _refuse(_("The image has data appended to it and is refused."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _refuse(_("The image cannot be read."))


def check_upload(upload) -> tuple[bytes, str]:
    """Read ``upload`` (at most ``MAX_BYTES``) and return (content, content type) or raise."""
    if upload.size is not None and upload.size > MAX_BYTES:
        _refuse(_("The file is larger than 10 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _refuse(_("The file is larger than 10 MB."))
    if not data:
        _refuse(_("The file is empty."))
    kind = sniff(data)
    if kind is None:
        _refuse(_("Only PDF, JPEG and PNG files can be uploaded."))
    if kind == PDF:
        _check_pdf(data)
    else:
        _check_image(data, kind)
    return data, kind

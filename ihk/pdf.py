"""Turns HTML into PDF bytes with WeasyPrint (tagged PDF/UA-1, local fonts only), for every app:
status reports, the concept PDF, meeting minutes, letters.

Nothing is fetched from the network: the URL fetcher serves ``data:`` URLs and files from the
project's static folders and refuses everything else. Fonts are the machine's DejaVu fonts
(fontconfig), named in the print stylesheet.
"""

import mimetypes
from collections.abc import Callable
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
STATIC_PREFIX = "file:///static/"


class LocalOnlyURLFetcher(URLFetcher):
    """Serves data: URLs and static files from disk; refuses every other URL."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_PREFIX):
            relative = url[len(STATIC_PREFIX) :].split("?")[0]
            found = finders.find(relative)
            if found:
                path = Path(found)
                mime, _encoding = mimetypes.guess_type(path.name)
                return URLFetcherResponse(
                    url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
                )
        raise ValueError(f"External resources are not loaded into PDFs: {url}")


def html_to_pdf(html: str, *, progress: Callable[[int, str], None] | None = None) -> bytes:
    """Lay out and write the PDF; ``progress`` hears of the two long steps (layout, writing)."""
    if progress:
        progress(90, "pdf")
    document = HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=LocalOnlyURLFetcher())
    rendered = document.render(pdf_variant=PDF_VARIANT, pdf_tags=True)
    if progress:
        progress(97, "pdf_write")
    return rendered.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)

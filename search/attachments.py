"""Text of attached documents: PDF through pypdf, DOCX through python-docx."""

import logging
from pathlib import PurePath

logger = logging.getLogger(__name__)

MAX_CHARS = 60_000
MAX_PDF_PAGES = 50


def _pdf_text(handle):
    from pypdf import PdfReader

    reader = PdfReader(handle)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES])


def _docx_text(handle):
    import docx

    document = docx.Document(handle)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


READERS = {".pdf": _pdf_text, ".docx": _docx_text}


def document_text(document):
    """Plain text of a Wagtail document, or '' for other formats and unreadable files."""
    reader = READERS.get(PurePath(document.file.name).suffix.lower())
    if reader is None:
        return ""
    try:
        with document.file.open("rb") as handle:
            return reader(handle)[:MAX_CHARS]
    except Exception:  # a broken attachment must not stop indexing
        logger.warning("search: cannot read text of document %s", document.pk, exc_info=True)
        return ""

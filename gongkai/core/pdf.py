"""PDF rendering (WeasyPrint) one document at a time per process.

`gongkai serve` answers requests in threads (gunicorn's gthread worker). WeasyPrint is not made to
be thread-safe — its authors run it in separate processes — and the Pango, HarfBuzz and fontconfig
state under it is shared by the whole process, so two letters rendered at once in one worker could
corrupt each other or crash it. Renderings in one process take turns; other worker processes (and
the archive's process pool) still render side by side.
"""

import threading

_lock = threading.Lock()


def write_pdf(document, **options) -> bytes:
    """``document.write_pdf(**options)`` (a ``weasyprint.HTML``), holding the process's lock."""
    with _lock:
        return document.write_pdf(**options)

import logging

from .request_context import _request


class RequestContextFilter(logging.Filter):
    """Adds the request id to every log line written while a request is being served."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = _request.get()
        record.request_id = getattr(request, "gongkai_request_id", "") if request else ""
        return True

import logging
import time

from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader

from .params import request_problem
from .request_context import enter_request, leave_request

logger = logging.getLogger("gongkai.request")


class RequestContextMiddleware:
    """Makes the request the audit log's source of "who", and logs one JSON line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        token = enter_request(request)
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request.gongkai_request_id
            return response
        finally:
            user = getattr(request, "user", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            leave_request(token)


class SecurityHeadersMiddleware:
    """Security headers that Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Staff pages carry personal data: never keep them in shared caches.
            response["Cache-Control"] = "private, no-store"
        return response


class InputGuardMiddleware:
    """Refuses, before anything reads them, requests whose path, query, cookies or body hold a
    NUL or an unpaired surrogate (``params.request_problem``): 400 with a Chinese message, as
    JSON under /api/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = request_problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": problem}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        page = loader.get_template("errors/400.html").render({"text": problem})
        return HttpResponseBadRequest(page)


class HeadAsGetMiddleware:
    """Every page that answers GET answers HEAD (uptime monitors and link checkers use it):
    the view runs as for GET, and the body is dropped while the headers, Content-Length
    included, stay those of GET."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            # The file behind a FileResponse stays registered and is closed, with the request's
            # end signal, when the server closes the response.
            length = response.get("Content-Length")
            response.streaming_content = []
            if length is not None:
                response["Content-Length"] = length
        else:
            response.setdefault("Content-Length", str(len(response.content)))
            response.content = b""
        return response

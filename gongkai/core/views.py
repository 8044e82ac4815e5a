"""Error pages in Chinese that never show a stack trace, whatever DEBUG says."""

from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors that could fail again: a plain render of a static template.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def bad_request(request, exception=None):
    """400: a ``BadRequest`` raised with a Chinese message shows it (JSON under /api/)."""
    from django.core.exceptions import BadRequest
    from django.http import JsonResponse

    text = str(exception) if isinstance(exception, BadRequest) and exception.args else ""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": text or "请求有误。"}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "errors/400.html", {"text": text}, status=400)


def csrf_failure(request, reason=""):
    return render(request, "errors/csrf.html", status=403)


def healthz(request):
    """Liveness probe for load balancers: no database, no templates."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")

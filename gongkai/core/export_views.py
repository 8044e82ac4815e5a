from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from .models import Export


def _own(request, pk) -> Export:
    export = Export.objects.filter(pk=pk, requested_by=request.user).first()
    if export is None:
        raise Http404
    return export


@login_required
def export_detail(request, pk):
    export = _own(request, pk)
    return render(request, "core/export.html", {"export": export})


@login_required
def export_download(request, pk):
    export = _own(request, pk)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404
    try:
        opened = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(opened, as_attachment=True, filename=export.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response

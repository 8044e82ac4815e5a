from django.urls import include, path


def boom(request):
    raise RuntimeError("secret-detail")


urlpatterns = [path("boom/", boom), path("", include("gongkai.urls"))]
handler500 = "gongkai.core.views.server_error"

from django.conf import settings


def site(request):
    return {"platform_name": settings.GONGKAI_SITE_NAME}

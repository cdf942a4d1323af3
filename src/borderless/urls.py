from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from borderless.api.root import api

admin.site.site_header = "Borderless operations"
admin.site.site_title = "Borderless admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("borderless.web.urls")),
    # Uploaded media. Behind a CDN or object store in production; served here for the embedded default.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from alerts import urls as alerts_urls
from exchange import urls as exchange_urls
from portal import views
from readership import urls as readership_urls
from research.admin_access import chooser_urlpatterns, report_urlpatterns
from research.views import serve_document
from search import urls as search_urls

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    *chooser_urlpatterns,
    *report_urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    # Ahead of Wagtail's own route, so every download goes through the access policy.
    path(
        "documents/<int:document_id>/<str:document_filename>",
        serve_document,
        name="research_document",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(search_urls.api_urlpatterns)),
    path("", include(exchange_urls.root_urlpatterns)),
    path("", include(alerts_urls.api_urlpatterns)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.views.static import serve as serve_media

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents are never served from MEDIA_URL, which would bypass access checks.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path(
        _("sign-in/"),
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path(_("sign-out/"), auth_views.LogoutView.as_view(), name="logout"),
    path("", include(search_urls.page_urlpatterns)),
    path("", include(exchange_urls.page_urlpatterns)),
    path("", include(alerts_urls.page_urlpatterns)),
    path("", include(readership_urls.page_urlpatterns)),
    path("", include(wagtail_urls)),
)

"""URLs: standard API paths outside the language prefix, pages German at / and English at /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.accounts import views as accounts_views
from portal.api import v1_router, wagtail_api_router
from portal.cms import views as cms_views
from portal.cms.api.views import ProjectGeoJsonApi
from portal.cms.sitemaps import PortalSitemap
from portal.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/ready", core_views.healthz_ready, name="healthz-ready"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("", include("opendata.catalogue.urls")),
    path("", include("opendata.datastore.urls")),
    path("", include("opendata.sensors.urls")),
    path("", include("opendata.sensors.sta.urls")),
    path("", include("opendata.catalogue.public.root_urls")),
    path("open311/", include("participation.defects.open311.urls")),
    path("api/v1/projects/", ProjectGeoJsonApi.as_view(), name="api-projects"),
    path("api/v1/", include(v1_router.urls)),
    path("api/v2/", wagtail_api_router.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Every login goes through the account login (allauth: MFA, rate limits); these login
    # pages of Wagtail and Django's admin take no password, they lead there.
    path("admin/login/", accounts_views.wagtail_admin_login),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/login/", accounts_views.django_admin_login),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path(_("contact/"), core_views.contact, name="contact"),
    path(_("search/"), cms_views.search, name="search"),
    path(_("data/"), include("opendata.catalogue.public.urls")),
    path(_("sensors/"), include("opendata.sensors.public.urls")),
    path(_("defects/"), include("participation.defects.public.urls")),
    path(_("participation/"), include("participation.core.public.urls")),
    path("accounts/", include("allauth.urls")),
    path("_util/login/", accounts_views.frontend_login),  # Wagtail's own, for private pages
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.core.errors.bad_request"
handler403 = "portal.core.errors.permission_denied"
handler404 = "portal.core.errors.page_not_found"
handler500 = "portal.core.errors.server_error"

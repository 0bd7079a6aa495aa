from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from guides.sitemaps import PublicPagesSitemap
from identity import views as identity_views
from kb import views as kb_views
from services.sitemaps import ServicesSitemap

# Error pages in the site frame, in the URL's language (kb.errors).
handler400 = "kb.errors.bad_request"
handler403 = "kb.errors.permission_denied"
handler404 = "kb.errors.page_not_found"
handler500 = "kb.errors.server_error"

# Language-neutral URLs: admin, documents, machine-readable endpoints.
urlpatterns = [
    # The admin's script catalogues with ours merged in: Finnish and Swedish for the
    # library strings Wagtail and wagtail-localize lack (kb/locale/*/djangojs.po).
    path("admin/jsi18n/", kb_views.admin_js_catalog, name="wagtailadmin_javascript_catalog"),
    path("admin/localize/jsi18n/", kb_views.localize_js_catalog),
    # Wagtail's login form would skip the second factor: the site's sign-in instead.
    path("admin/login/", identity_views.admin_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every language's tree, public pages only (guides.sitemaps).
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PublicPagesSitemap, "services": ServicesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", kb_views.robots_txt, name="robots_txt"),
    path("favicon.ico", kb_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", kb_views.healthz, name="healthz"),
    # Uploaded images through the visibility rule (kb.access); never a plain file server.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", kb_views.media, name="media"),
    path("", include("yearclock.urls_feeds")),
    path("", include("services.api")),
    # Organisations' OpenID Connect providers return here: one address per provider,
    # the same in every language (registered at the provider).
    path("sso/", include("allauth.socialaccount.providers.openid_connect.urls")),
]

# Reader-facing URLs carry the language: /fi/…, /sv/….
urlpatterns += i18n_patterns(
    path("", include("identity.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("manifest.webmanifest", kb_views.web_manifest, name="web_manifest"),
    path("", include("kb.urls_account")),
    path("", include("kb.urls_statement")),
    path("", include("yearclock.urls")),
    path("", include("search.urls")),
    path("", include("services.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

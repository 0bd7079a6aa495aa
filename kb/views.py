from mimetypes import guess_type

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.i18n import JavaScriptCatalog

from wagtail.admin.localization import get_localized_response
from wagtail.images import get_image_model

from kb import access


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /feeds/",
        f"Sitemap: {settings.SITE_BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for on every page whatever the <link> says."""
    return FileResponse(
        (settings.BASE_DIR / "static" / "icons" / "favicon.ico").open("rb"),
        content_type="image/x-icon",
    )


@require_GET
@cache_control(max_age=3600, public=True)
def web_manifest(request):
    """The web app manifest in the page's language (an added home-screen icon opens it)."""
    language = get_language()
    manifest = {
        "name": gettext("Knowledge base and year clock"),
        "short_name": gettext("Year clock"),
        "lang": language,
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {
                "src": static(f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in (192, 512)
        ]
        + [{"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_safe
def media(request, path):
    """Uploaded images, each only to readers who may see a page that uses it (kb.access).

    Documents are never served from here: Wagtail's /documents/ view serves them,
    through the same rule (kb.wagtail_hooks). Only files the database knows are
    served, by their stored name, so no path can reach anything else.
    """
    image = image_for_file(path)
    if image is None or not access.reader_for(request).may_see(access.audience_of(image)):
        raise Http404
    storage = default_storage
    if not storage.exists(path):
        raise Http404
    response = FileResponse(storage.open(path, "rb"), content_type=guess_type(path)[0])
    public = access.audience_of(image).is_public
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=600"
    response["Vary"] = "Cookie"
    return response


def image_for_file(path):
    Image = get_image_model()
    if path.startswith("original_images/"):
        return Image.objects.filter(file=path).first()
    if path.startswith("images/"):
        rendition = Image.get_rendition_model().objects.filter(file=path)
        return Image.objects.filter(renditions__in=rendition).first()
    return None


_admin_js_catalog = JavaScriptCatalog.as_view(packages=["wagtail.admin", "kb"])
_localize_js_catalog = JavaScriptCatalog.as_view(packages=["wagtail_localize", "kb"])


def admin_js_catalog(request, *args, **kwargs):
    """Wagtail's admin catalogue, in the editor's admin language, with kb's entries added."""
    return get_localized_response(_admin_js_catalog, request, *args, **kwargs)


def localize_js_catalog(request, *args, **kwargs):
    """wagtail-localize's editor catalogue, the same way (its own follows the browser)."""
    return get_localized_response(_localize_js_catalog, request, *args, **kwargs)

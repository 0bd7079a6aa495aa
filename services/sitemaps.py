"""The register's public pages in the sitemap: each service in Finnish and Swedish."""

from django.contrib.sitemaps import Sitemap

from services.models import DigitalService


class ServicesSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "monthly"

    def items(self):
        # Every service with a decision is listed publicly; its pages show public fields only.
        return DigitalService.objects.filter(decisions__isnull=False).distinct().order_by("slug")

    def lastmod(self, service):
        return service.updated_at

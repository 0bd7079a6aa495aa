"""The public register: the list, each service's page and its privacy notice."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kb.access import readable_pages, reader_for
from services.bilingual import LANGUAGES
from services.forms import ListFilterForm
from services.selectors import (
    decisions_in_force,
    entries_of_service,
    filter_decisions,
    group_by_service,
    history,
    organisations_with_services,
    schools_with_services,
    service_by_slug,
)

PER_PAGE = 50


def filter_form(request):
    """The list's filter form, bound to the query string (also used by the exports)."""
    return ListFilterForm(
        request.GET or None,
        organisations=organisations_with_services(),
        schools=schools_with_services(),
        language=get_language(),
    )


@require_safe
def service_list(request):
    form = filter_form(request)
    valid = form.is_valid() if form.is_bound else True
    decisions = filter_decisions(decisions_in_force(), **form.filters())
    services = group_by_service(decisions)
    page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "services": page.object_list,
        "has_filters": any(value not in (None, "") for value in form.filters().values()),
        "query": query.urlencode(),
    }
    # A filter that is not one of the choices: the list without it, and a 400 saying so.
    return render(request, "services/list.html", context, status=200 if valid else 400)


def find_service(slug):
    service = service_by_slug(slug)
    if service is None:
        raise Http404(_("No such service in the register."))
    return service


def in_other_language(service, slug, view_name):
    """A redirect to the address in the page's language when `slug` is the other one's."""
    if slug == service.slug_in():
        return None
    return redirect(view_name, slug=service.slug_in(), permanent=True)


@require_safe
def service_page(request, slug):
    service = find_service(slug)
    if moved := in_other_language(service, slug, "services:service"):
        return moved
    reader = reader_for(request)
    entries = entries_of_service(service, reader)
    context = {
        "service": service,
        "entries": [(entry, history(entry)) for entry in entries],
        "guides": readable_pages(reader, service.guides.all(), get_language()),
    }
    return render(request, "services/service.html", context)


@require_safe
def privacy_notice(request, slug):
    service = find_service(slug)
    if moved := in_other_language(service, slug, "services:privacy_notice"):
        return moved
    if not service.has_privacy_notice:
        raise Http404(_("This service has no privacy notice in the register."))
    # The reader's language where written, else the other; the page marks it with
    # lang="…" (WCAG 3.1.2).
    written_in = next(
        code
        for code in [get_language(), *LANGUAGES]
        if code in LANGUAGES and getattr(service, f"privacy_notice_{code}")
    )
    decisions = decisions_in_force().filter(service=service).order_by("organisation__name")
    context = {
        "service": service,
        "written_in": written_in,
        "notice": getattr(service, f"privacy_notice_{written_in}"),
        "decisions": decisions,
    }
    return render(request, "services/privacy_notice.html", context)

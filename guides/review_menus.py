"""Menu items of page review: verify in a page's header and listing, the new school year."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from guides.review import can_verify, may_review


class VerifyPageMenuItem(PageMenuItem):
    icon_name = "tick-inverse"
    url_name = "review_verify_page"
    priority = 64

    def __init__(self, *, page, user, next_url=None, school_year=None):
        label = _("Verify for %(label)s") % {"label": school_year} if school_year else ""
        super().__init__(label=label, page=page, next_url=next_url)
        self.user = user
        self.school_year = school_year

    def is_shown(self, user):
        return self.school_year is not None and can_verify(self.page, user)


class NewSchoolYearMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)

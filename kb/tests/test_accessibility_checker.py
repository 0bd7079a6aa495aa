"""The editor's accessibility checker runs the WCAG 2.1 AA rules the law requires."""

from django.test import RequestFactory

from wagtail.admin.userbar import ContentCheckerItem, apply_userbar_hooks


def test_content_checker_runs_wcag_21_aa_rules():
    request = RequestFactory().get("/")
    items = [ContentCheckerItem()]
    apply_userbar_hooks(request, items, None)
    run_only = items[0].get_axe_run_only(request)
    assert {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"} <= set(run_only)
    # Wagtail's own content rules (alt text quality) still run alongside.
    rule_ids = {rule["id"] for rule in items[0].get_axe_custom_rules(request)}
    assert "alt-text-quality" in rule_ids

"""System checks for what the reminder guarantees rest on (registered in YearclockConfig.ready)."""

from django.conf import settings
from django.core.checks import Error


def email_timeout(app_configs, **kwargs):
    """A live worker refreshes its claim before each message; a message may not take
    longer than a quarter of the stale-claim limit, or another worker would take
    over a send still in progress (a duplicate)."""
    from yearclock.reminders import STALE_CLAIM

    if settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
        return []
    limit = STALE_CLAIM.total_seconds() / 4
    timeout = settings.EMAIL_TIMEOUT
    if timeout is None or timeout > limit:
        return [
            Error(
                f"EMAIL_TIMEOUT must be set and at most {limit:.0f} seconds for reminders.",
                hint="Set the EMAIL_TIMEOUT environment variable (default 20).",
                id="yearclock.E001",
            )
        ]
    return []

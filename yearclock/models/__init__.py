"""The year clock's models, by concern: clocks and tasks, completions, feeds, reminders."""

from .clocks import (
    CLOCK_POLICY,
    DEFAULT_REMINDER_DAYS,
    Task,
    TaskQuerySet,
    YearClock,
    YearClockQuerySet,
    occurrence_key,
    parse_reminder_days,
    staff_audience,
)
from .completions import Completion
from .feeds import FeedToken, FeedVersion, hash_token
from .reminders import ReminderDelivery, ReminderPreference

__all__ = [
    "CLOCK_POLICY",
    "DEFAULT_REMINDER_DAYS",
    "Completion",
    "FeedToken",
    "FeedVersion",
    "ReminderDelivery",
    "ReminderPreference",
    "Task",
    "TaskQuerySet",
    "YearClock",
    "YearClockQuerySet",
    "hash_token",
    "occurrence_key",
    "parse_reminder_days",
    "staff_audience",
]

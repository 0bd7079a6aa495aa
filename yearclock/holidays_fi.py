"""Finnish public holidays and working days (the `holidays` package, fi/sv names)."""

import datetime
from functools import lru_cache

import holidays

# The package names Swedish in Finland "sv_FI".
HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI"}


@lru_cache(maxsize=64)
def public_holidays(year, language="fi"):
    """{date: name} of Finnish public holidays in `year`, named in `language`.

    Includes Christmas Eve and Midsummer Eve, which offices and schools keep closed.
    """
    names = holidays.Finland(years=year, language=HOLIDAY_LANGUAGES.get(language, "fi"))
    return dict(names.items())


def is_working_day(day):
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day):
    """`day` itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day

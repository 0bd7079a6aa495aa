import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
import time_machine

from kb.models import SchoolYear


def make_year(start_year, **overrides):
    fields = {
        "start_year": start_year,
        "autumn_term_start": datetime.date(start_year, 8, 12),
        "autumn_term_end": datetime.date(start_year, 12, 20),
        "spring_term_start": datetime.date(start_year + 1, 1, 7),
        "spring_term_end": datetime.date(start_year + 1, 5, 30),
    }
    fields.update(overrides)
    return SchoolYear(**fields)


def test_label_uses_en_dash_and_spans_august_to_july():
    year = make_year(2026)
    assert year.label == "2026–2027"
    assert year.start_date == datetime.date(2026, 8, 1)
    assert year.end_date == datetime.date(2027, 7, 31)


@pytest.mark.django_db
def test_current_school_year_changes_on_first_of_august():
    make_year(2025).save()
    make_year(2026).save()
    with time_machine.travel(datetime.datetime(2026, 7, 31, 12, 0), tick=False):
        assert SchoolYear.objects.current().start_year == 2025
    with time_machine.travel(datetime.datetime(2026, 8, 1, 12, 0), tick=False):
        assert SchoolYear.objects.current().start_year == 2026


def test_term_dates_outside_the_school_year_are_rejected():
    year = make_year(2026, spring_term_end=datetime.date(2027, 8, 15))
    with pytest.raises(ValidationError) as error:
        year.clean()
    assert "spring_term_end" in error.value.message_dict


def test_terms_out_of_order_are_rejected():
    year = make_year(2026, autumn_term_end=datetime.date(2026, 8, 1))
    with pytest.raises(ValidationError) as error:
        year.clean()
    assert "autumn_term_end" in error.value.message_dict


@pytest.mark.parametrize("start_year", [1899, 2200, 9999])
def test_a_school_year_outside_the_computed_years_is_refused(start_year):
    year = SchoolYear(
        start_year=start_year,
        autumn_term_start=datetime.date(2026, 8, 12),
        autumn_term_end=datetime.date(2026, 12, 19),
        spring_term_start=datetime.date(2027, 1, 7),
        spring_term_end=datetime.date(2027, 5, 29),
    )
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        year.clean()
    assert error.value.message_dict["start_year"] == ["Ange ett startår mellan 1900 och 2199."]

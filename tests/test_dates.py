"""Dates resolved against the publication date, with ACLED's time precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.language.dates import days_after, find_dates

THURSDAY = "2024-11-28"


def one(text: str, published: str | None = THURSDAY):
    [found] = find_dates(text, published)
    return found.range.iso(), found.range.precision


@pytest.mark.parametrize(
    "text, first, last, precision",
    [
        ("am 27. November 2024", "2024-11-27", "2024-11-27", 1),
        ("am 16. September", "2024-09-16", "2024-09-16", 1),
        ("am 27.11.", "2024-11-27", "2024-11-27", 1),
        ("am 27.11.2023", "2023-11-27", "2023-11-27", 1),
        ("am Mittwoch", "2024-11-27", "2024-11-27", 1),
        ("am Donnerstag", "2024-11-28", "2024-11-28", 1),
        ("am vergangenen Donnerstag", "2024-11-21", "2024-11-21", 1),
        ("am Dienstag vergangener Woche", "2024-11-19", "2024-11-19", 1),
        ("am Freitag der vergangenen Woche", "2024-11-22", "2024-11-22", 1),
        ("am Montag der Vorwoche", "2024-11-18", "2024-11-18", 1),
        ("Mittwochabend", "2024-11-27", "2024-11-27", 1),
        ("in der Nacht zum Dienstag", "2024-11-26", "2024-11-26", 1),
        ("gestern", "2024-11-27", "2024-11-27", 1),
        ("heute", "2024-11-28", "2024-11-28", 1),
        ("vorgestern", "2024-11-26", "2024-11-26", 1),
        ("Am Vortag", "2024-11-27", "2024-11-27", 1),
        ("am Wochenende", "2024-11-23", "2024-11-24", 2),
        ("vergangene Woche", "2024-11-18", "2024-11-24", 2),
        ("seit Sonntag", "2024-11-24", "2024-11-28", 2),
        ("vom 25. bis 27. November", "2024-11-25", "2024-11-27", 2),
        ("Ende Oktober", "2024-10-21", "2024-10-31", 2),
        ("im Oktober", "2024-10-01", "2024-10-31", 3),
        ("im Jahr 2017", "2017-01-01", "2017-12-31", 3),
        ("im vergangenen Sommer", "2024-06-01", "2024-08-31", 3),
        ("im vergangenen Winter", "2023-12-01", "2024-02-29", 3),
        ("im Vorjahr", "2023-01-01", "2023-12-31", 3),
        ("im vergangenen Monat", "2024-10-01", "2024-10-31", 3),
    ],
)
def test_expressions_resolve(text, first, last, precision):
    assert one(text) == ((first, last), precision)


def test_a_december_day_in_a_january_report_is_last_year():
    assert one("am 28. Dezember", "2025-01-03") == (("2024-12-28", "2024-12-28"), 1)


def test_a_partial_publication_date_gives_month_precision_not_a_guess():
    assert one("am Mittwoch", "2024-11") == (("2024-11-01", "2024-11-30"), 3)
    assert one("am 27. November", "2024-11") == (("2024-11-27", "2024-11-27"), 1)


def test_without_a_publication_date_relative_dates_stay_unresolved():
    assert one("gestern", None) == ((None, None), 1)
    assert one("am 27. November 2024", None) == (("2024-11-27", "2024-11-27"), 1)


def test_bis_heute_is_no_date():
    assert find_dates("Die Gruppe kontrolliert die Stadt bis heute.", THURSDAY) == []


def test_spans_cover_the_expression():
    text = "Die Kämpfe begannen am Mittwoch und dauerten bis zum 30. November 2024."
    assert [d.text for d in find_dates(text, THURSDAY)] == ["am Mittwoch", "30. November 2024"]


WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.sampled_from(WEEKDAYS))
def test_a_weekday_is_the_latest_such_day_on_or_before_publication(published, weekday):
    [found] = find_dates(f"am {weekday}", published.isoformat())
    day = found.range.start
    assert day.weekday() == WEEKDAYS.index(weekday)
    assert 0 <= (published - day).days <= 6


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_an_explicit_date_with_its_year_is_that_date(day):
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
              "Oktober", "November", "Dezember"]  # fmt: skip
    text = f"am {day.day}. {months[day.month - 1]} {day.year}"
    assert one(text, "2031-01-01") == ((day.isoformat(), day.isoformat()), 1)


def test_past_words_without_a_season_are_no_date():
    [found] = find_dates("in der vergangenen Woche", THURSDAY)
    assert found.range.iso() == ("2024-11-18", "2024-11-24")
    assert find_dates("in den letzten Tagen", THURSDAY) == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßſıİÄÖÜ .0123456789", max_size=40))
def test_any_text_gives_dates_or_none_never_an_error(text):
    for found in find_dates(f"am {text}", "2024-06-10"):
        assert found.range.start is None or found.range.start <= found.range.end


def test_mistyped_letters_that_match_a_name_resolve_it():
    [found] = find_dates("Am Dıenſtag griffen sie an.", "2024-06-10")
    assert found.range.iso() == ("2024-06-04", "2024-06-04")


@pytest.mark.parametrize(
    ("text", "days"),
    [("Drei Tage später griffen sie erneut an.", 3), ("Am Tag darauf kam es zu Gefechten.", 1),
     ("tags darauf", 1), ("am selben Tag wie der Anschlag", 0), ("Drei Wochen später", None)],
)
def test_a_day_told_by_its_distance_from_the_event_before(text, days):
    found = days_after(text)
    assert [d for _, _, d in found] == ([] if days is None else [days])


def test_a_bare_year_before_a_noun_is_a_year_but_a_count_before_a_plural_is_not():
    assert [d.text for d in find_dates("Die Stadt war bis zu ihrer Einnahme 2017 Hochburg der Miliz.", THURSDAY)] == ["2017"]
    assert find_dates("Dabei wurden 2000 Menschen vertrieben, Schäden von 2000 Dollar entstanden.", THURSDAY) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Schon in den siebziger Jahren kämpften sie.", ("1970-01-01", "1979-12-31")),
        ("Anfang der 2000er Jahre", ("2000-01-01", "2003-12-31")),
        ("seit den 60ern", ("1960-01-01", "1969-12-31")),
        ("Ende der neunziger Jahre", ("1997-01-01", "1999-12-31")),
        ("in den 20er Jahren", ("2020-01-01", "2029-12-31")),
    ],
)
def test_a_decade_is_its_years(text, span):
    assert one(text) == (span, 3)


@pytest.mark.parametrize(
    ("text", "span", "precision"),
    [
        ("vor drei Tagen", ("2024-11-25", "2024-11-25"), 1),
        ("Vor zwei Wochen", ("2024-11-11", "2024-11-17"), 2),
        ("vor einem Monat", ("2024-10-01", "2024-10-31"), 3),
        ("vor zehn Jahren", ("2014-01-01", "2014-12-31"), 3),
        ("vor wenigen Tagen", ("2024-11-24", "2024-11-26"), 2),
    ],
)
def test_a_distance_back_from_the_report_is_a_date(text, span, precision):
    assert one(text) == (span, precision)


def test_a_distance_back_without_a_publication_date_stays_unresolved():
    assert one("vor drei Tagen", None) == ((None, None), 1)
    assert find_dates("vor dem Rathaus", THURSDAY) == []

"""German quantities as the ranges the annotation guidelines define."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.language.quantities import find_quantities, parse_quantity
from lagebild.records import Quantity


@pytest.mark.parametrize(
    "phrase, best, low, high",
    [
        ("3.500", 3500, 3500, 3500),
        ("1,5 Millionen", 1_500_000, 1_500_000, 1_500_000),
        ("vier", 4, 4, 4),
        ("zwölf", 12, 12, 12),
        ("dreiundzwanzig", 23, 23, 23),
        ("zwei Dutzend", 24, 24, 24),
        ("mehrere", 3, 2, 9),
        ("einige", 3, 2, 9),
        ("Dutzende", 12, 12, 99),
        ("Dutzenden", 12, 12, 99),
        ("mehrere Dutzend", 12, 12, 99),
        ("einige hundert", 100, 100, 999),
        ("Hunderte", 100, 100, 999),
        ("300 bis 400", 300, 300, 400),
        ("20-30", 20, 20, 30),
        ("zwischen 40 und 50", 40, 40, 50),
        ("fast 100", 90, 90, 100),
        ("rund 50", 50, 45, 55),
        ("etwa 200", 200, 180, 220),
        ("mehr als 40", 41, 41, None),
        ("über 40", 41, 41, None),
        ("mindestens 12", 12, 12, None),
        ("bis zu 30", 30, 1, 30),
    ],
)
def test_phrases_read_as_ranges(phrase, best, low, high):
    assert parse_quantity(phrase) == Quantity(best, low, high)


def test_spans_point_into_the_text():
    text = "Nach Angaben der Behörden starben mindestens 27 Menschen, darunter fünf Kinder."
    found = find_quantities(text)
    assert [(q.text, text[q.start : q.end]) for q in found] == [
        ("mindestens 27", "mindestens 27"),
        ("fünf", "fünf"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Am 27. November begann die Offensive.",
        "Die 25. Brigade rückte vor.",
        "Der Angriff begann um 14.30 Uhr.",
        "Das war am 27.11.2024.",
        "Seit 2011 herrscht Krieg.",
        "Im Jahr 2017 übernahm die Gruppe die Stadt.",
    ],
)
def test_ordinals_dates_times_and_years_are_no_quantities(text):
    assert find_quantities(text) == []


def test_an_article_counts_one_only_before_a_noun():
    assert [(q.text, q.kind) for q in find_quantities("Ein Soldat wurde getötet.")] == [("Ein", "article")]
    assert find_quantities("Es gab ein paar Schüsse.") == []


@given(st.integers(min_value=1, max_value=10**7))
def test_digits_with_german_thousands_separators_round_trip(n):
    written = f"{n:,}".replace(",", ".")
    assert parse_quantity(f"{written} Menschen") == Quantity(n, n, n)


@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["fast", "rund", "mehr als", "mindestens", "bis zu"]))
def test_a_modified_number_keeps_best_inside_its_range(n, modifier):
    q = parse_quantity(f"{modifier} {n}")
    assert q is not None and q.low <= q.best and (q.high is None or q.best <= q.high)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_gives_spans_that_match_it(text):
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text

"""Time: when a candidate happened relative to the report, and whether that makes it
background.

Reads: a candidate's date mention and the report's publication date. Writes: drops history
told as background (a month or year that ended well before publication, "seit ..."), marks
old exact days and bare months deep in a text without a date as context, and gives each
event its date and ACLED time precision.
"""

from __future__ import annotations

import datetime as dt

from ..language.mentions import Analysis
from .candidate import Candidate, Decision, replace
from .windows import BACKGROUND_DAYS

__all__ = ["COARSE_DATES", "date_and_precision", "dates_overlap", "in_time", "long_before", "reference_day"]


def reference_day(analysis: Analysis) -> dt.date | None:
    """The day the report speaks from: its publication date (a partial one: its first day),
    else the latest day it names with its year ("am 3. März 2024"), else the latest month
    and year it names. None when it names neither. (Several passes ask: worked out once.)"""
    return analysis.memo(("reference_day",), lambda: _reference_day(analysis))


def _reference_day(analysis: Analysis) -> dt.date | None:
    published = analysis.document.published
    if published:
        year, month, day = (published.split("-") + ["01", "01"])[:3]
        return dt.date(int(year), int(month), int(day))
    for kinds in (_DAYS_WITH_YEAR, ("month_year",)):
        ends = [d.value.end for d in analysis.of_kind("date") if d.detail.kind in kinds and d.value.end is not None]
        if ends:
            return max(ends)
    return None


# Date kinds that give a day together with its year.
_DAYS_WITH_YEAR = ("explicit", "explicit_range", "numeric", "iso")


def long_before(day: dt.date | None, reference: dt.date | None) -> bool:
    """Whether ``day`` lies so far before the day the report speaks from that it is background."""
    return day is not None and reference is not None and (reference - day).days > BACKGROUND_DAYS


def in_time(c: Candidate, reference: dt.date | None, trail: list[Decision]) -> Candidate | None:
    """The candidate as the report's time frame sees it: None for history told as
    background (a month or a year, "seit April 2023", "2012", that ended well before the
    day the report speaks from); marked context when it is an old exact day, or a bare month
    deep in a text without a day to measure against."""
    if c.date is None:
        return c
    if reference is None and c.sentence > 2 and c.date.detail.kind in ("month", "month_part", "past_season"):
        # No date to measure against: a bare month deep in the text ("Im Oktober wurden bei
        # einem Luftangriff ...") tells an earlier event than the lead's "am Dienstag".
        c = replace(c, salience="context")
    if c.date.value.end is None:
        return c
    if c.date.value.precision == 3 and c.date.text.lower().startswith("seit"):
        trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: a lasting state since {c.date.text!r}", "timing"))
        return None
    if c.date.detail.kind == "year" and (reference is None or reference.year != c.date.value.end.year):
        # "2009 spaltete sich die Miliz ab": news tells its events by the day; a year alone is history
        trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: history dated only by the year {c.date.text!r}", "timing"))
        return None
    if reference is None:
        return c
    old = long_before(c.date.value.end, reference)
    if old and c.date.value.precision >= 2:
        trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: background dated {c.date.text!r}", "timing"))
        return None
    return replace(c, salience="context") if old else c


# Dates the text gives only as a month, season or year (not a day known only coarsely).
COARSE_DATES = frozenset(("month", "month_year", "month_part", "past_season", "year"))


def dates_overlap(a, b) -> bool:
    if a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    return (a.start - b_end).days <= 1 and (b.start - a_end).days <= 1


def date_and_precision(day_range, published: str | None) -> tuple[str | None, int]:
    if day_range is not None and day_range.start is not None:
        return day_range.start.isoformat(), day_range.precision
    if published and len(published) == 10:
        return published, 2
    if published:
        return None, 3
    return None, 3

"""Dates in German news text, resolved against the report's publication date.

Reads: a text string and the document's publication date (YYYY, YYYY-MM, YYYY-MM-DD or
None). Writes: ``FoundDate`` records: the span, a ``DateRange`` (first and last day, and
ACLED's time_precision: 1 a day, 2 a span of days up to about a week or two, 3 a month
or longer) and a kind (``explicit``, ``weekday``, ``relative``, ``span``, ``month``,
``year``).

Explicit dates ("27. November 2024", "27.11.", "am 16. September") take the year the text
gives, else the publication's (the previous one if the day would lie more than a month
after publication). Weekdays ("am Mittwoch", "in der Nacht zum Dienstag",
"Mittwochabend") are the latest such day on or before publication; "vergangenen Mittwoch"
the latest before it. "gestern", "heute", "vorgestern", "am Wochenende", "vergangene
Woche", "seit Sonntag" (a range up to publication), "Anfang/Mitte/Ende November" are
understood too. Without a full publication date a relative expression is resolved only as
far as the publication allows: with YYYY-MM it spans that month (precision 3), with no
date at all it stays unresolved (``DateRange(None, None, ...)``).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..records import quick_init

__all__ = ["DateRange", "FoundDate", "days_after", "find_dates"]

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
            "sonnabend": 5, "sonntag": 6}  # fmt: skip
RELATIVE_DAYS = {"heute": 0, "gestern": 1, "vorgestern": 2, "vortag": 1, "heutigen": 0, "gestrigen": 1}

_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?i:" + "|".join(WEEKDAYS) + ")"
_PART_OF_DAY = r"(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht)"
_PATTERNS = [
    ("explicit_range", re.compile(
        rf"\b(?:vom\s+|zwischen\s+dem\s+)?(\d{{1,2}})\.(?:\s*(?:bis(?:\s+zum)?|und(?:\s+dem)?|-|–|/)\s*)(\d{{1,2}})\.\s*({_MONTH})\.?(?:\s+(\d{{4}}))?\b",
        re.IGNORECASE)),
    ("explicit", re.compile(rf"\b(?:[Aa]m\s+)?(\d{{1,2}})\.\s*({_MONTH})\.?(?:\s+(\d{{4}}))?(?!\w)", re.IGNORECASE)),
    ("numeric", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?!\d)")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month_part", re.compile(rf"\b(Anfang|Mitte|Ende)\s+({_MONTH})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:im|seit|Im|Seit)\s+({_MONTH})(?:\s+(\d{{4}}))?\b")),
    ("month_year", re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)),
    ("night", re.compile(rf"\b[Ii]n\s+der\s+Nacht\s+(?:zu[mr]?|auf)\s+(?:den\s+|dem\s+)?({_WEEKDAY})\b", re.IGNORECASE)),
    ("since_weekday", re.compile(rf"\b[Ss]eit\s+(?:dem\s+)?(?:vergangenen\s+|letzten\s+)?({_WEEKDAY})\b", re.IGNORECASE)),
    ("weekday", re.compile(
        rf"\b(?:(?:am|Am)\s+)?(?:(vergangenen|letzten|frühen|späten)\s+)?({_WEEKDAY})({_PART_OF_DAY})?s?\b"
        r"(\s+(?:der\s+)?(?:vergangenen|letzten)\s+Woche|\s+(?:vergangener|letzter)\s+Woche|\s+der\s+Vorwoche)?",
        re.IGNORECASE)),
    ("past_season", re.compile(
        r"\b(?:[Ii]m\s+)?(?:vergangenen|letzten)\s+(Frühjahr|Frühling|Sommer|Herbst|Winter|Jahr|Monat)\b"
        r"|\b(?:[Vv]ergangenes|[Ll]etztes)\s+(Frühjahr|Jahr)\b|\b[Ii]m\s+Vorjahr\b")),
    ("weekend", re.compile(r"\b(?:am|Am)\s+(vergangenen\s+|letzten\s+)?Wochenende\b")),
    ("last_week", re.compile(
        r"\b(?:(?:in\s+der\s+)?(?:vergangenen|letzten|Vergangenen|Letzten)\s+Woche|(?:vergangene|letzte|Vergangene|Letzte)\s+Woche)\b")),
    ("this_week", re.compile(r"\b(?:in\s+dieser\s+Woche|diese\s+Woche|In\s+dieser\s+Woche|Diese\s+Woche)\b")),
    ("relative", re.compile(
        r"\b(?:(?<!bis )(?<!Bis )[Hh]eute|[Gg]estern|[Vv]orgestern|[Aa]m\s+Vortag|[Dd]es\s+Vortags|[Hh]eutigen|[Gg]estrigen)"
        rf"(?:\s*{_PART_OF_DAY})?\b")),
    # "vor drei Tagen", "vor zwei Wochen", "vor einem Jahr": a distance back from the report
    ("ago", re.compile(
        r"\b[Vv]or\s+(einem|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|\d{1,3}|wenigen|einigen|mehreren)"
        r"\s+(Tag|Tagen|Woche|Wochen|Monat|Monaten|Jahr|Jahren)\b")),
    # "in den neunziger Jahren", "Ende der 1980er": a decade, or its first, middle or last years
    ("decade", re.compile(
        r"\b(?:[Ii]n\s+den|[Ss]eit\s+den|(Anfang|Mitte|Ende)\s+der)\s+(?:(19|20)?([0-9])0er(?:n\b|\s+Jahren?\b|\b)"
        r"|(zwanziger|dreißiger|dreissiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger)\s+Jahren?\b)")),
    ("year", re.compile(r"\b(?:im\s+Jahr(?:e)?|seit|Seit|Anfang|Mitte|Ende|bis|Im\s+Jahr(?:e)?)\s+((?:19|20)\d\d)\b")),
    # A bare year ("hatten 2012 die Kontrolle übernommen", "war bis 2016 Schauplatz"); not a count
    # ("2000 Menschen", "1500 Soldaten", "über 2000": a plural noun after it counts).
    ("year", re.compile(
        r"(?<![\d.,])(?<!mehr als )(?<!über )(?<!rund )(?<!etwa )(?<!fast )(?<!mindestens )"
        r"\b((?:19|20)\d\d)\b(?![.,\-/]\d)(?!\s+(?:Dollar|Euro|[A-ZÄÖÜ]\w*(?:en|er|e|n|s))\b)")),
]

# What every match of a pattern contains, checked before the pattern runs: most reports lack
# most of these words, and a literal is found many times faster than a pattern is tried at
# every position. A needle is a tuple of substrings (one must occur, case as written: the
# patterns spell their capitals out) or a compiled pattern (a part every match has).
# Patterns without a needle are tried on every report. Keys are the kinds of ``_PATTERNS``.
_NEEDLES: dict[str, tuple[str, ...] | re.Pattern[str]] = {
    "explicit_range": re.compile(r"\d\.\s*(?:bis|und|-|–|/)", re.IGNORECASE),  # "27. bis", "3.-"
    "numeric": re.compile(r"\d\.\d"),  # "27.11."
    "iso": re.compile(r"\d-\d\d-\d"),  # "2024-11-27"
    "past_season": ("ergangen", "etzt", "Vorjahr"),  # vergangenen, letzten, Vergangenes, Letztes, im Vorjahr
    "weekend": ("Wochenende",),  # weekend
    "last_week": ("Woche",),  # last_week
    "this_week": ("Woche",),  # this_week
    "relative": ("eute", "estern", "Vortag", "estrigen"),  # heute, (vor)gestern, Vortag(s), heutigen, gestrigen
}

@quick_init
@dataclass(slots=True, frozen=True)
class DateRange:
    """The first and last day a date expression allows; None where it cannot be resolved."""

    start: dt.date | None
    end: dt.date | None
    precision: int  # ACLED time_precision: 1 day, 2 days to a week or two, 3 a month or more

    def iso(self) -> tuple[str | None, str | None]:
        return (self.start.isoformat() if self.start else None, self.end.isoformat() if self.end else None)


@quick_init
@dataclass(slots=True, frozen=True)
class FoundDate:
    text: str
    start: int
    end: int
    range: DateRange
    kind: str


@dataclass(slots=True, frozen=True)
class _Anchor:
    """What the publication date lets us resolve."""

    year: int | None
    month: int | None
    day: dt.date | None

    @classmethod
    def of(cls, published: str | None) -> _Anchor:
        if not published:
            return cls(None, None, None)
        parts = [int(p) for p in published.split("-")]
        year = parts[0]
        month = parts[1] if len(parts) > 1 else None
        day = dt.date(year, month, parts[2]) if len(parts) > 2 and month else None
        return cls(year, month, day)

    def unresolved(self, precision: int) -> DateRange:
        """A relative date against a partial (or missing) publication date."""
        if self.year and self.month:
            return _month_range(self.year, self.month)
        if self.year:
            return DateRange(dt.date(self.year, 1, 1), dt.date(self.year, 12, 31), 3)
        return DateRange(None, None, precision)


def _name_key(word: str) -> str:
    """A day's or month's name as the tables spell it: the patterns match case-insensitively,
    which lets "ſ" and the dotless "ı" of mistyped text through ("Dıenſtag")."""
    return word.casefold().replace("ı", "i")


def find_dates(text: str, published: str | None) -> list[FoundDate]:
    """Every date expression in ``text``, resolved against ``published``.

    >>> [(d.text, d.range.iso(), d.range.precision) for d in find_dates(
    ...     "Am Mittwoch griffen Rebellen an; am 27. November 2024 fiel die Stadt.", "2024-11-30")]
    [('Am Mittwoch', ('2024-11-27', '2024-11-27'), 1), ('am 27. November 2024', ('2024-11-27', '2024-11-27'), 1)]
    >>> [(d.text, d.range.iso()) for d in find_dates("seit Sonntag, gestern", "2024-11-28")]
    [('seit Sonntag', ('2024-11-24', '2024-11-28')), ('gestern', ('2024-11-27', '2024-11-27'))]
    >>> find_dates("am Mittwoch", "2024-11")[0].range.iso()
    ('2024-11-01', '2024-11-30')
    >>> find_dates("am Mittwoch", None)[0].range.start is None
    True
    """
    anchor = _Anchor.of(published)
    taken = _Spans()
    found: list[FoundDate] = []
    openings = Openings(text)
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, text):
            continue
        for match in _matches(kind, pattern, text, openings):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            resolved = _resolve(kind, match, anchor)
            if resolved is None:
                continue
            date_range, label = resolved
            taken.add(start, end)
            found.append(FoundDate(match.group().strip(), start, end, date_range, label))
    found.sort(key=lambda d: d.start)
    return found


# Where a match of each pattern can begin: every pattern opens with a word boundary and then
# a digit or a word that starts with one of these openings, in every case its flags match:
# the word's first four letters, or the whole word where it is shorter ("0": any digit).
# ``_matches`` tries a pattern only at such words, which gives what ``finditer`` gives: the
# other positions cannot begin a match. The text's words are gathered by their openings once
# for every pattern (``Openings``): trying each pattern at every position, or scanning the
# text once per pattern, costs far more.
_OPENINGS: dict[str, tuple[str, ...]] = {
    kind: tuple(words.split())
    for kind, words in {
        "explicit_range": "vom zwis 0",  # vom, zwischen, a day
        "explicit": "am 0",  # am, a day
        "numeric": "0",
        "iso": "0",
        "month_part": "anfa mitt ende",  # Anfang, Mitte, Ende
        "month": "im seit",  # im, seit, Im, Seit
        "month_year": " ".join(sorted({m[:4] for m in MONTHS})),
        "night": "in",  # in der Nacht
        "since_weekday": "seit",  # seit
        # am, vergangenen, letzten, frühen, späten, a weekday
        "weekday": " ".join(["am", "verg", "letz", "früh", "spät", *sorted({w[:4] for w in WEEKDAYS})]),
        "past_season": "im verg letz",  # im, vergangenen, letzten, Vergangenes, Letztes, Im Vorjahr
        "weekend": "am",  # am
        "last_week": "in verg letz",  # in der, vergangene(n), letzte(n)
        "this_week": "in dies",  # in dieser, diese
        "relative": "heut gest vorg am des",  # heute, gestern, vorgestern, am Vortag, des Vortags
        "ago": "vor",  # vor
        "decade": "in seit anfa mitt ende",  # in den, seit den, Anfang/Mitte/Ende der
        "year": "im seit anfa mitt ende bis 0",  # im Jahr, seit, Anfang, Mitte, Ende, bis; a bare 19xx or 20xx
    }.items()
}
_WORD_OPENING = re.compile(r"\b\w{1,4}")
# What a case-insensitive pattern takes for a letter that lower() does not give: dotted and
# dotless i, long s (the Kelvin sign lower-cases to k).
_FOLD_EXTRA = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


_COUNTED_DAYS = {"einen": 1, "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7}
_DAYS_AFTER = re.compile(
    r"\b(?:(?P<n>einen|ein|zwei|drei|vier|fünf|sechs|sieben|\d{1,2})\s+Tage?n?\s+(?:später|danach|darauf)"
    r"|(?P<next>am\s+(?:folgenden|nächsten)\s+Tag|am\s+Tag\s+darauf|tags\s+darauf)"
    r"|(?P<same>am\s+(?:selben|gleichen)\s+Tag))\b", re.IGNORECASE)


def days_after(text: str) -> list[tuple[int, int, int]]:
    """ "Zwei Tage später", "am Tag darauf", "am selben Tag": a day told by its distance from the
    event told before, as (start, end, days after it) spans in ``text``."""
    found = []
    for m in _DAYS_AFTER.finditer(text):
        if m.group("n"):
            word = m.group("n").lower()
            days = int(word) if word.isdigit() else _COUNTED_DAYS[word]
        else:
            days = 1 if m.group("next") else 0
        found.append((m.start(), m.end(), days))
    return found


def fold_opening(word: str) -> str:
    """The opening of a word as ``_OPENINGS`` spells it.

    >>> [fold_opening(w) for w in ("Mont", "DIEN", "ſeit", "İm", "2024")]
    ['mont', 'dien', 'seit', 'im', '0']
    """
    return "0" if word[0].isdecimal() else word.translate(_FOLD_EXTRA).lower()


_ANY_OPENING = frozenset(opening for openings in _OPENINGS.values() for opening in openings)


@lru_cache(maxsize=65_536)  # the openings of news words repeat: each is folded once
def _pattern_opening(word: str) -> str | None:
    """``fold_opening(word)`` where a pattern may open with it, else None."""
    opening = fold_opening(word)
    return opening if opening in _ANY_OPENING else None


class Openings:
    """The start of every word of a text, by its opening (``fold_opening``).

    >>> Openings("Am 3. Mai, damals AM 4.").of(("am", "0"))
    [0, 3, 18, 21]
    """

    def __init__(self, text: str) -> None:
        self._starts: dict[str, list[int]] = {}
        for match in _WORD_OPENING.finditer(text):
            opening = _pattern_opening(match.group())
            if opening is not None:  # most words open no pattern: not kept
                self._starts.setdefault(opening, []).append(match.start())

    def of(self, openings: tuple[str, ...]) -> list[int]:
        """Where a word with one of these openings starts, in text order."""
        found = [at for opening in openings for at in self._starts.get(opening, ())]
        return sorted(found) if len(openings) > 1 else found


def _matches(kind: str, pattern: re.Pattern[str], text: str, openings: Openings | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the pattern tried only where ``_OPENINGS`` says a match may begin."""
    if kind not in _OPENINGS:
        yield from pattern.finditer(text)
        return
    end = 0
    for at in (openings or Openings(text)).of(_OPENINGS[kind]):
        if at < end:
            continue  # inside the match before, where finditer does not look either
        match = pattern.match(text, at)
        if match is not None:
            yield match
            end = match.end()


def _may_match(kind: str, text: str) -> bool:
    """Whether the needle of the pattern of ``kind`` is in ``text`` (no needle: it may match)."""
    needle = _NEEDLES.get(kind)
    if needle is None:
        return True
    if isinstance(needle, tuple):
        return any(part in text for part in needle)
    return needle.search(text) is not None


class _Spans:
    """Disjoint character spans, kept sorted, so that the overlap test is a bisection and
    finding dates stays linear in the length of a report (a scan of every span taken so far
    made a 4 MB report take minutes).

    >>> spans = _Spans()
    >>> spans.add(10, 20)
    >>> [spans.overlaps(*s) for s in ((0, 10), (5, 11), (19, 25), (20, 30), (12, 14))]
    [False, True, True, False, True]
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # Of the spans that open before ``end``, the last one also closes last (they are disjoint).
        k = bisect.bisect_left(self._starts, end) - 1
        return k >= 0 and self._ends[k] > start

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)


def _resolve(kind: str, m: re.Match[str], anchor: _Anchor) -> tuple[DateRange, str] | None:
    if kind == "explicit_range":
        month = MONTHS[_name_key(m.group(3))]
        first = _day(anchor, int(m.group(1)), month, m.group(4))
        last = _day(anchor, int(m.group(2)), month, m.group(4))
        if first is None or last is None:
            return (anchor.unresolved(2) if first is None and _valid_day(m.group(1), month) else None), "explicit"
        if last < first:
            return None
        return DateRange(first, last, 1 if first == last else 2), "span"
    if kind in ("explicit", "numeric", "iso"):
        if kind == "explicit":
            day, month, year = int(m.group(1)), MONTHS[_name_key(m.group(2))], m.group(3)
        elif kind == "numeric":
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
            if year and len(year) == 2:
                year = f"20{year}"
        else:
            year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        if not _valid_day(day, month):
            return None
        resolved = _day(anchor, day, month, year)
        if resolved is None:
            return DateRange(None, None, 1), "explicit"
        return DateRange(resolved, resolved, 1), "explicit"
    if kind == "month_part":
        month = MONTHS[_name_key(m.group(2))]
        year = _year_of_month(anchor, month, m.group(3))
        if year is None:
            return DateRange(None, None, 2), "month"
        last_day = calendar.monthrange(year, month)[1]
        first, last = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, last_day)}[_name_key(m.group(1))]
        return DateRange(dt.date(year, month, first), dt.date(year, month, last), 2), "month"
    if kind in ("month", "month_year"):
        month = MONTHS[_name_key(m.group(1))]
        year = _year_of_month(anchor, month, m.group(2))
        if year is None:
            return DateRange(None, None, 3), "month"
        return _month_range(year, month), "month"
    if kind == "decade":
        return _decade(m), "year"
    if kind == "year":
        year = int(m.group(1))
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), 3), "year"
    # Relative expressions need a full publication date.
    if anchor.day is None:
        if kind == "ago":
            return anchor.unresolved(_AGO_PRECISION[_name_key(m.group(2))]), _AGO_KIND[_name_key(m.group(2))]
        return anchor.unresolved(1 if kind in ("night", "weekday", "relative") else 2), "relative"
    today = anchor.day
    if kind in ("night", "weekday"):
        weekday = WEEKDAYS[_name_key(m.group(1 if kind == "night" else 2))]
        strictly_before = kind == "weekday" and (m.group(1) or "").lower() in ("vergangenen", "letzten")
        day = _latest_weekday(today, weekday, strictly_before)
        if kind == "weekday" and m.group(4):
            # "am Dienstag vergangener Woche": that day of the calendar week before
            day = today - dt.timedelta(days=today.weekday() + 7) + dt.timedelta(days=weekday)
        return DateRange(day, day, 1), "weekday"
    if kind == "ago":
        return _ago(today, m), _AGO_KIND[_name_key(m.group(2))]
    if kind == "since_weekday":
        day = _latest_weekday(today, WEEKDAYS[_name_key(m.group(1))], True)
        return DateRange(day, today, 2), "span"
    if kind == "past_season":
        return _past_season(today, (m.group(1) or m.group(2) or "jahr").lower()), "span"
    if kind == "weekend":
        sunday = _latest_weekday(today, 6, False)
        if today.weekday() == 5:  # published on a Saturday: this weekend has begun
            sunday = today + dt.timedelta(days=1)
        return DateRange(sunday - dt.timedelta(days=1), min(sunday, today), 2), "span"
    if kind == "last_week":
        monday = today - dt.timedelta(days=today.weekday() + 7)
        return DateRange(monday, monday + dt.timedelta(days=6), 2), "span"
    if kind == "this_week":
        return DateRange(today - dt.timedelta(days=today.weekday()), today, 2), "span"
    if kind == "relative":
        word = m.group().split()[-1].lower() if m.group().lower().startswith(("am", "des")) else m.group().split()[0].lower()
        word = re.sub(rf"{_PART_OF_DAY}$", "", word) or word
        offset = RELATIVE_DAYS.get(word.removesuffix("s"), RELATIVE_DAYS.get(word, 0))
        day = today - dt.timedelta(days=offset)
        return DateRange(day, day, 1), "relative"
    return None


_AGO_COUNTS = {"einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
               "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12}  # fmt: skip
_VAGUE_AGO = {"wenigen": (2, 4), "einigen": (2, 6), "mehreren": (2, 9)}  # the fewest and most it allows
_AGO_UNIT = {"tag": "day", "tagen": "day", "woche": "week", "wochen": "week", "monat": "month", "monaten": "month",
             "jahr": "year", "jahren": "year"}  # fmt: skip
_AGO_KIND = {word: {"day": "relative", "week": "span", "month": "month", "year": "year"}[unit] for word, unit in _AGO_UNIT.items()}
_AGO_PRECISION = {word: {"day": 1, "week": 2, "month": 3, "year": 3}[unit] for word, unit in _AGO_UNIT.items()}


def _ago(today: dt.date, m: re.Match[str]) -> DateRange:
    """ "vor drei Tagen" that day; "vor zwei Wochen" the days around it; "vor einem Monat" that
    month; "vor zwei Jahren" that year; "vor wenigen Tagen" the days the vague count allows."""
    count, unit = _name_key(m.group(1)), _AGO_UNIT[_name_key(m.group(2))]
    fewest, most = _VAGUE_AGO.get(count) or ((int(count),) * 2 if count.isdigit() else (_AGO_COUNTS[count],) * 2)
    if unit == "day":
        return DateRange(today - dt.timedelta(days=most), today - dt.timedelta(days=fewest), 1 if fewest == most else 2)
    if unit == "week":
        return DateRange(today - dt.timedelta(days=7 * most + 3), today - dt.timedelta(days=7 * fewest - 3), 2)
    if unit == "month":
        return DateRange(_months_back(today, most).start, _months_back(today, fewest).end, 3)
    return DateRange(dt.date(today.year - most, 1, 1), dt.date(today.year - fewest, 12, 31), 3)


def _months_back(today: dt.date, months: int) -> DateRange:
    """The calendar month ``months`` before today's."""
    month = today.year * 12 + today.month - 1 - months
    return _month_range(month // 12, month % 12 + 1)


_DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "dreissiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
                 "siebziger": 7, "achtziger": 8, "neunziger": 9}  # fmt: skip
_PART_OF_DECADE = {None: (0, 9), "Anfang": (0, 3), "Mitte": (4, 6), "Ende": (7, 9)}


def _decade(m: re.Match[str]) -> DateRange:
    """ "in den neunziger Jahren" the 1990s; "die 2010er" the 2010s, a "20er" without its
    century the 2020s, and "80er" the 1980s (a report looks back at most a lifetime)."""
    part, century, digit, word = m.group(1), m.group(2), m.group(3), m.group(4)
    if word is not None:
        decade = 1900 + 10 * _DECADE_WORDS[word]
    else:
        tens = int(digit)
        decade = (int(century) * 100 if century else (2000 if tens <= 2 else 1900)) + 10 * tens
    first, last = _PART_OF_DECADE[part]
    return DateRange(dt.date(decade + first, 1, 1), dt.date(decade + last, 12, 31), 3)


def _valid_day(day: int | str, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= int(day) <= 31


def _day(anchor: _Anchor, day: int, month: int, year: str | None) -> dt.date | None:
    if year:
        try:
            return dt.date(int(year), month, day)
        except ValueError:
            return None
    if anchor.year is None:
        return None
    try:
        candidate = dt.date(anchor.year, month, day)
    except ValueError:
        return None
    reference = anchor.day or dt.date(anchor.year, anchor.month or 12, calendar.monthrange(anchor.year, anchor.month or 12)[1])
    if (candidate - reference).days > 31:
        try:
            candidate = dt.date(anchor.year - 1, month, day)  # "am 28. Dezember" in a January report
        except ValueError:
            return None
    return candidate


def _year_of_month(anchor: _Anchor, month: int, year: str | None) -> int | None:
    if year:
        return int(year)
    if anchor.year is None:
        return None
    if anchor.month is not None and month > anchor.month + 1:
        return anchor.year - 1
    return anchor.year


def _month_range(year: int, month: int) -> DateRange:
    return DateRange(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), 3)


def _latest_weekday(today: dt.date, weekday: int, strictly_before: bool) -> dt.date:
    back = (today.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return today - dt.timedelta(days=back)


_SEASONS = {"frühjahr": (3, 5), "frühling": (3, 5), "sommer": (6, 8), "herbst": (9, 11), "winter": (12, 2)}


def _past_season(today: dt.date, word: str) -> DateRange:
    """ "im vergangenen Sommer": the latest summer that ended before ``today``; "im
    vergangenen Monat": the calendar month before; "im vergangenen Jahr", "im Vorjahr": the
    calendar year before."""
    if word == "monat":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return DateRange(last.replace(day=1), last, 3)
    if word not in _SEASONS:
        return DateRange(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), 3)
    first, last = _SEASONS[word]
    for year in (today.year, today.year - 1, today.year - 2):
        start = dt.date(year - 1 if first > last else year, first, 1)
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
        if end < today:
            return DateRange(start, end, 3)
    return DateRange(None, None, 3)

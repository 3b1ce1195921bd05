"""Digests: one report that gathers several countries' news, each item under a line of its own.

German outlets print world roundups ("Nachrichten kompakt", "Der Überblick", a news ticker)
as short items, each opened by a subheading "Land: Schlagzeile" ("Mali: Dorf überfallen") on a
line of its own. Every item is a story of its own, in its own country: read as one report, the
country named most would set the focus of every item, and the Somali army would fight in Iraq.

Reads a ``Document`` and the country names of the ``Lexicon``. Writes ``Section`` records:
the items of a digest, each as a report of its own whose title is its subheading, with the
offset at which it starts in the digest's ``full_text``; any other report is one section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from typing import TYPE_CHECKING

from ..records import Document, Event, Evidence, Span
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..geo import Gazetteer

__all__ = ["Section", "digest_sections", "moved"]

# "Irak: Soldaten sterben bei Sprengstoffanschlag": a name of one to four words, a colon, and
# a headline on the rest of the line, which ends without a full stop (a sentence is no heading).
_SUBHEADING = re.compile(r"^[ \t]*(?P<name>[^\W\d][\w.\-]*(?:[ \t]+[\w.\-]+){0,3}):[ \t]+(?P<headline>[^\n]{3,160}?)[ \t]*$",
                         re.MULTILINE)  # fmt: skip
_SENTENCE_END = (".", ";", ",", ":")
# A digest names at least this many countries in its subheadings; one "Syrien: ..." line in a
# report is a heading of that report, not a digest.
DIGEST_COUNTRIES = 2
# A ticker heads its items with cities too ("Tiflis: ...", "Paris: ..."): a city that size is
# known by its name alone.
CITY_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class Section:
    offset: int  # where the section starts in the digest's full_text
    document: Document  # the section as a report of its own; its full_text is a slice of the digest's
    item: bool = False  # an item titled by its subheading ("Irak: ..."), not the digest's lead


def digest_sections(document: Document, lexicon: Lexicon, gazetteer: Gazetteer | None = None) -> list[Section]:
    """The items of a digest as reports of their own, in text order, each titled by its
    subheading; the text before the first item is one more if it says more than the title.
    Any other report is one section, the document itself. Subheadings name a country, or
    (with a ``gazetteer``) a city."""
    text = document.full_text
    title_end = len(document.title.strip()) if document.title and text.startswith(document.title.strip()) else 0
    headings, countries = [], set()
    for m in _SUBHEADING.finditer(text):
        if m.start() < title_end or m.group("headline").endswith(_SENTENCE_END):
            continue
        country = _country_named(m.group("name"), lexicon, gazetteer)
        if country is not None:
            headings.append((m.start(), m.group(0).strip()))
            countries.add(country)
    if len(countries) < DIGEST_COUNTRIES:
        return [Section(0, document)]
    sections = []
    lead = text[: headings[0][0]]
    if lead[title_end:].strip():  # a lead before the first item tells something of its own
        sections.append(Section(0, _part(document, lead, document.title)))
    ends = [start for start, _ in headings[1:]] + [len(text)]
    for (start, heading), end in zip(headings, ends):
        sections.append(Section(start, _part(document, text[start:end], heading), item=True))
    return sections


def moved(events: list[Event], offset: int) -> list[Event]:
    """A section's events with their evidence spans counted from the start of the digest."""
    if not offset:
        return events
    return [replace(e, evidence=_moved_evidence(e.evidence, offset)) for e in events]


def _moved_evidence(evidence: Evidence | None, offset: int) -> Evidence | None:
    if evidence is None:
        return None
    spans = {f.name: getattr(evidence, f.name) for f in fields(Evidence)}
    return Evidence(**{name: None if span is None else Span(span.start + offset, span.end + offset, span.text)
                       for name, span in spans.items()})  # fmt: skip


def _part(document: Document, text: str, title: str) -> Document:
    # the title begins the text, so the part's full_text is the slice itself: offsets carry over
    return replace(document, text=text, title=title)


def _country_named(name: str, lexicon: Lexicon, gazetteer: Gazetteer | None) -> str | None:
    country = lexicon.country_of_name(name, words=4)
    if country is None and gazetteer is not None:
        cities = [c for c in gazetteer.exact(name) if c.feature_class == "P" and c.population >= CITY_POPULATION]
        country = max(cities, key=lambda c: c.population).country_code if cities else None
    return country

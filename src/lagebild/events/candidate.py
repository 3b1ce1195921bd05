"""The records event assembly passes between its passes: a ``Candidate`` event and the
``Decision`` lines of the explanation trail, with the two comparisons every pass needs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

from ..language.lexicon import Actor
from ..records import Mention, Place, Quantity

__all__ = ["Candidate", "Decision", "is_country", "replace", "same_actor"]

T = TypeVar("T")


@dataclass
class Decision:
    """One line of the explanation trail."""

    sentence: int
    what: str  # fired | dropped | merged | role
    detail: str
    by: str = ""  # the pass that decided: clauses, candidates, grounding, tolls, timing, merging


@dataclass(frozen=True)
class Candidate:
    """An event as the passes see it before it is coded: the trigger that proposed it, the
    mentions that fill its roles, and what the passes decided. Passes never change a
    candidate; they make a new one with ``replace``."""

    trigger: Mention
    sentence: int
    actors: tuple[tuple[Actor, Mention], ...] = ()  # every actor the sentence names in a part of its own
    actor1: tuple[Actor, Mention] | None = None
    actor2: tuple[Actor, Mention] | None = None
    places: tuple[Mention, ...] = ()  # the sentence's places that may be the event's
    place: Place | None = None
    place_mention: Mention | None = None
    date: Mention | None = None
    deaths: tuple[tuple[Quantity, Mention], ...] = ()
    sentences: tuple[int, ...] = ()  # every sentence that tells of it, in text order
    certainty: str = "reported"
    source: tuple[str, Mention] | None = None
    salience: str = "core"
    event_type: str = ""
    sub_event_type: str = ""
    country_only: Mention | None = None
    part_of_last: str | None = None  # why this mention belongs to the candidate before it
    another: bool = False  # "ein zweiter Anschlag", "bei einem weiteren Angriff": not the one told before
    headline: bool = False  # told in the report's title, which sums up the body
    share: tuple[int, int] = (0, 1)  # this event's part of a toll told for several places (index, count)

    @property
    def own_date(self) -> Mention | None:
        """The day the candidate's own sentences give, not one carried over from a sentence before."""
        return self.date if self.date is not None and self.date.sentence in self.sentences else None

    @property
    def history(self) -> bool:
        """Told as background on a day its own sentence gives ("Im Oktober wurden bei einem Luftangriff ...")."""
        return self.salience == "context" and self.date is not None and self.date.sentence == self.sentence


_CANDIDATE_FIELDS = frozenset(f.name for f in dataclasses.fields(Candidate))


def replace(record: T, /, **changes: Any) -> T:
    """``dataclasses.replace``, several times faster for a ``Candidate``, which the passes
    copy some thirty times a report: its fields' values are copied as they are, without a
    call of its generated ``__init__`` (it has no ``__post_init__`` and keeps nothing but its
    fields, so the copy is the one ``__init__`` would make)."""
    if type(record) is not Candidate:
        return dataclasses.replace(record, **changes)
    if not changes.keys() <= _CANDIDATE_FIELDS:
        raise TypeError(f"Candidate has no field {min(changes.keys() - _CANDIDATE_FIELDS)!r}")
    copy = object.__new__(Candidate)
    values = copy.__dict__  # a frozen dataclass refuses setattr, not its instance dictionary
    values.update(record.__dict__)
    values.update(changes)
    return copy


def same_actor(a: Actor, b: Actor) -> bool:
    """One actor under two entries: "Islamic State" and its branch "Islamic State (Syria)"."""
    return a.id == b.id or a.name.split(" (")[0] == b.name.split(" (")[0]


def is_country(place: Place | None) -> bool:
    return place is not None and (place.feature or "").startswith("A.PCL")

"""The store's merge over reports held in memory, one block at a time, for engines that
spread the blocks over many machines (``lagebild merge``).

Reads: ``Told`` records — one event as one report tells it, with that report (a row of the
shards ``lagebild extract --engine ray`` writes). Writes: ``Merged`` records — a merged
event, why its reports were merged, and the reports behind it.

The decisions are the store's: a block is ``merging``'s (type family and country, taken the
way ``merging.insert_members`` takes them), the clusters are ``dedup.cluster``'s and the
merged event is ``reconcile.canonical``'s. A block is cut further only where nothing can
cross the cut: at a day that no member's date window spans, with every window before it
ending earlier (``segment_starts``). Two members merge only when their windows share a day
(``dedup``'s blocking), and the pass over the days never reaches back across such a gap, so
the pieces merged one by one give exactly the clusters of the whole block.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..records import Event
from . import dedup
from .merging import event_json
from .pairs import LEAD_CHARS, date_window, family
from .reconcile import canonical

__all__ = ["Block", "Merged", "Told", "block_of", "merge_block", "segment_of", "segment_starts"]


@dataclass(frozen=True, slots=True)
class Block:
    """Where a report's event is merged: its type family ("" without a date window: such an
    event is never merged) and country; ``window`` its date window as day ordinals."""

    family: str
    iso: str | None
    window: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Told:
    """One event as one report tells it, with that report."""

    event: Event
    doc_key: str  # the report's identity (``store.document_key``: a hash of title and text)
    doc_id: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    text: str = ""  # the report's full text: the evidence offsets index into it

    @property
    def member_id(self) -> str:
        # As the store names an event its extractor gave no id.
        return self.event.event_id_cnty or f"XXX{self.doc_key[:16]}"

    def member(self) -> dedup.Member:
        event = self.event if self.event.event_id_cnty == self.member_id else replace(self.event, event_id_cnty=self.member_id)
        return dedup.Member.of(event, self.doc_key, doc_id=self.doc_id, title=self.title, outlet=self.outlet,
                               published=self.published, lead=self.text[:LEAD_CHARS])  # fmt: skip

    def event_json(self) -> str:
        return event_json(self.event)


@dataclass(frozen=True, slots=True)
class Merged:
    """A merged event (its id is its first report's event id in the store's pass), the
    reasons its reports were merged, and those reports in the pass's order."""

    event: Event
    reasons: tuple[str, ...]
    reports: tuple[Told, ...]

    @property
    def n_sources(self) -> int:
        return len({t.doc_key for t in self.reports})


def block_of(told: Told) -> Block:
    """The block of a report's event, as the store files it."""
    window = date_window(told.event, told.published)[0]
    if window is None:
        return Block("", told.event.iso, None)
    return Block(family(told.event.event_type, told.event.sub_event_type), told.event.iso, window)


def segment_starts(windows: Iterable[tuple[int, int]]) -> list[int]:
    """The first days of a block's pieces after the first: days on which a window starts
    that every window starting earlier ends before.

    >>> segment_starts([(10, 12), (1, 3), (3, 5), (11, 11), (20, 21)])
    [10, 20]
    """
    starts, reach = [], None
    for start, end in sorted(windows):
        if reach is not None and start > reach:
            starts.append(start)
        reach = end if reach is None else max(reach, end)
    return starts


def segment_of(starts: list[int], window: tuple[int, int] | None) -> int:
    """The piece of a block a window falls in, given the block's ``segment_starts``
    (0 for an event without a window: it is never merged).

    >>> segment_of([10, 20], (12, 14)), segment_of([10, 20], (3, 5)), segment_of([10, 20], (25, 25))
    (1, 0, 2)
    """
    return 0 if window is None else bisect.bisect_right(starts, window[0])


def merge_block(reports: Iterable[Told]) -> list[Merged]:
    """Merge the reports' events of one block (or one piece of it) as the store does;
    the merged events ordered by id."""
    told = {}
    for t in reports:
        told[(t.member_id, t.doc_key)] = t
    members = [t.member() for t in told.values()]
    decisions = dedup.Decisions()
    merged = []
    for cluster in dedup.cluster(members, decisions):
        event, reasons = canonical(cluster, decisions)
        merged.append(Merged(event, tuple(reasons), tuple(told[(m.member_id, m.doc_key)] for m in cluster.members)))
    return merged

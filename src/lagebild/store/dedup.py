"""Deduplication across reports: which events of different reports tell one happening.

Pure functions over records, no SQL (the store feeds them through a ``Source`` and keeps
the result). Reads: ``Member`` records — one ``Event`` as one report tells it, with that
report's identity, title, outlet and publication date and the event's ``pairs.Profile``.
Writes: ``Cluster`` records (the members that tell one happening, under the id of their
first member) and an assignment of members to clusters.

**Blocking.** Members are compared only within a block: one country and one family of
event types (``pairs.family``), and only when their date windows (``pairs.date_window``:
the event's day widened by how uncertain the report's date is) overlap. A true pair cannot
fall outside: every pair the decision could merge shares country, family and a day.

**Clustering** is one pass over the days in order: each member is taken on the last day of
its window (``order_key``), together with every other member of that day. On each day the
day's members and the clusters still open (whose every member's window reaches the day)
are merged agglomeratively, strongest link first: two groups link when every pair between
them merges (``pairs.decide``: no veto, score at least ``pairs.MERGE_SCORE``) and comes
from different documents; a link's strength is its weakest pair, then the scores of all its
pairs summed (a report joins the event more reports agree on). Two clusters of earlier
days never merge with each other. So every member of a cluster agrees with every other
(complete linkage: a chain of battles on day 1 ~ day 2 ~ day 3 never becomes one event, and
a report naming only the attacker and one naming only the victims join, while a report
naming another attacker stays apart), and ties are broken by content (``order_key``),
never by arrival.

**Order independence and incremental merging.** The result is a function of the set of
members alone. When a report arrives (or a changed report replaces its old version),
``replay`` redoes the pass from the first day it touches, reusing the stored clusters of
earlier days, and stops as soon as no later member can see a difference: so a new report
can join an event, take a report away from one (a split), or start its own, and the store
ends up exactly as if every report had been there from the start.

>>> from lagebild.records import Event
>>> e = dict(event_type="Battles", sub_event_type="Armed clash", iso="UA", location="Charkiw",
...          actor1="Military Forces of Russia", event_date="2024-05-14", time_precision=1)
>>> a = Member.of(Event(event_id_cnty="UKRa", **e), "doc-a", published="2024-05-14")
>>> b = Member.of(Event(event_id_cnty="UKRb", **e), "doc-b", published="2024-05-15")
>>> [c.members for c in cluster([b, a])] == [(a, b)]
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..records import Event
from .pairs import PairDecision, Profile, decide, profile

__all__ = [
    "MAX_WINDOW_DAYS",
    "Cluster",
    "MemorySource",
    "Member",
    "Replayed",
    "Source",
    "cluster",
    "merge_day",
    "order_key",
    "replay",
]

# The longest date window (a month-precise date, or a report dated only by its month): a
# member can only join clusters whose members end at most this many days before it ends.
MAX_WINDOW_DAYS = 31


@dataclass(frozen=True, slots=True)
class Member:
    """One event as one report tells it."""

    event: Event
    doc_key: str  # the document's identity (content hash)
    doc_id: str = ""
    title: str = ""
    outlet: str | None = None
    published: str | None = None
    profile: Profile = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    @classmethod
    def of(
        cls, event: Event, doc_key: str, *, doc_id: str = "", title: str = "", outlet: str | None = None,
        published: str | None = None,
    ) -> Member:  # fmt: skip
        return cls(event, doc_key, doc_id, title, outlet, published, profile(event, title, published))

    @property
    def member_id(self) -> str:
        return self.event.event_id_cnty

    @property
    def window(self) -> tuple[int, int] | None:
        return self.profile.window


def order_key(member: Member) -> tuple[int, str, str, str]:
    """The member's place in the pass: the last day of its window, then its report's
    publication date (so a merged event, named after its first member, keeps its id when
    later reports join), its id and its document — content only, never arrival."""
    window = member.window
    return window[1] if window else 0, member.published or "", member.member_id, member.doc_key


@dataclass(frozen=True, slots=True)
class Cluster:
    """The members that tell one happening, in pass order; its id is its first member's."""

    cluster_id: str
    members: tuple[Member, ...]

    @property
    def doc_keys(self) -> frozenset[str]:
        return frozenset(m.doc_key for m in self.members)


# -- one day of the pass ---------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    old_id: str | None  # the id of the open cluster in it, if any
    members: list[Member]
    first: tuple = ()

    def __post_init__(self) -> None:
        self.first = min(map(order_key, self.members))


class _Links:
    """Pair decisions of one day, each taken once."""

    def __init__(self) -> None:
        self.decided: dict[tuple[str, str, str, str], PairDecision] = {}

    def pair(self, a: Member, b: Member) -> PairDecision:
        key = (a.member_id, a.doc_key, b.member_id, b.doc_key)
        found = self.decided.get(key)
        if found is None:
            found = self.decided[key] = decide(a.profile, b.profile)
        return found

    def link(self, g: _Group, h: _Group) -> tuple[int, int] | None:
        """How strongly two groups link: the weakest pair's score, then the scores summed
        (more reports agreeing is stronger); None if any pair does not merge."""
        if g.old_id is not None and h.old_id is not None:
            return None
        if {m.doc_key for m in g.members} & {m.doc_key for m in h.members}:
            return None
        scores = []
        for a in g.members:
            for b in h.members:
                decision = self.pair(a, b)
                if not decision.merges:
                    return None
                scores.append(decision.score)
        return min(scores), sum(scores)


def _reaches(cl: Cluster, member: Member) -> bool:
    """Whether every member's window of ``cl`` overlaps ``member``'s."""
    start, end = member.window  # type: ignore[misc]
    return all(m.window[1] >= start and m.window[0] <= end for m in cl.members)  # type: ignore[index]


_CELL_DEGREES = 0.2  # wider than pairs.MAX_KM in latitude, and in longitude below 60 degrees


def _cell(p: Profile) -> tuple[int, int] | None:
    if p.latitude is None or p.longitude is None:
        return None
    return int(p.latitude // _CELL_DEGREES), int(p.longitude // _CELL_DEGREES)


def _index_keys(p: Profile) -> set[tuple]:
    """What a member is found by: its admin1, its map cell, and whether it is a stand-in place
    or a whole country (which any other place may match)."""
    keys: set[tuple] = {("admin1", p.admin1)}
    cell = _cell(p)
    if cell is not None:
        keys.add(("cell", cell))
    if p.stand_in or (p.area and not p.admin1):
        keys.add(("anywhere",))
    return keys


def _query_keys(p: Profile) -> set[tuple] | None:
    """The index keys of every member whose place may match ``p``'s; None: any member."""
    if p.stand_in or (p.area and not p.admin1):
        return None
    keys: set[tuple] = {("admin1", p.admin1), ("admin1", None), ("anywhere",)}
    cell = _cell(p)
    if cell is not None:
        keys.update(("cell", (cell[0] + i, cell[1] + j)) for i in (-1, 0, 1) for j in (-1, 0, 1))
    return keys


def _candidates(groups: Sequence[_Group], fresh: set[int]) -> set[tuple[int, int]]:
    """Pairs of groups, one of them holding a member of the day, whose places may match
    (an index by admin1 and map cell, so a day of many reports is not compared all with all)."""
    index: dict[tuple, set[int]] = {}
    for i, g in enumerate(groups):
        for m in g.members:
            for key in _index_keys(m.profile):
                index.setdefault(key, set()).add(i)
    everything = set(range(len(groups)))
    pairs: set[tuple[int, int]] = set()
    for i in fresh:
        for m in groups[i].members:
            keys = _query_keys(m.profile)
            found = everything if keys is None else set().union(*(index.get(k, ()) for k in keys))
            pairs.update((min(i, j), max(i, j)) for j in found if j != i)
    return pairs


def merge_day(day: Sequence[Member], open_clusters: Iterable[Cluster]) -> list[Cluster]:
    """The clusters that hold the members of one day: open clusters they joined (same id) and
    new ones (the id of their first member). See the module doc."""
    day = sorted(day, key=order_key)
    reachable = [cl for cl in open_clusters if any(_reaches(cl, m) for m in day)]
    groups = [_Group(cl.cluster_id, list(cl.members)) for cl in reachable] + [_Group(None, [m]) for m in day]
    fresh = set(range(len(reachable), len(groups)))  # groups holding a member of the day
    links = _Links()
    scores: dict[tuple[int, int], tuple[int, int]] = {}
    for i, j in _candidates(groups, fresh):
        score = links.link(groups[i], groups[j])
        if score is not None:
            scores[(i, j)] = score
    alive = set(range(len(groups)))
    while scores:
        (i, j), _ = min(scores.items(), key=lambda item: (-item[1][0], -item[1][1], groups[item[0][0]].first,
                                                          groups[item[0][1]].first))  # fmt: skip
        merged = _Group(groups[i].old_id or groups[j].old_id, groups[i].members + groups[j].members)
        groups.append(merged)
        new = len(groups) - 1
        fresh.add(new)
        alive -= {i, j}
        for k in sorted(alive):
            before = [scores.get((min(k, x), max(k, x))) for x in (i, j)]
            if before[0] and before[1] and (groups[k].old_id is None or merged.old_id is None):
                scores[(k, new)] = (min(before[0][0], before[1][0]), before[0][1] + before[1][1])
        scores = {pair: s for pair, s in scores.items() if i not in pair and j not in pair}
        alive.add(new)
    result = []
    for index in sorted(alive & fresh):
        members = tuple(sorted(groups[index].members, key=order_key))
        result.append(Cluster(groups[index].old_id or members[0].member_id, members))
    return result


# -- the pass, redone from a day on ---------------------------------------------------------------


class Source(Protocol):
    """The stored members of one block (country and type family), as ``replay`` reads them.

    Members of days >= the replay's first day are redone; ``stored`` gives the cluster id
    each had before (None for a member that arrives now). A member that arrives now must be
    stored under a cluster id of its own that the replay is told has changed, so that the
    replay does not stop before its day."""

    def day(self, day: int) -> list[tuple[Member, str | None]]: ...

    def next_day(self, after: int) -> int | None: ...

    def earlier(self, low: int, high: int, before: int) -> dict[str, list[Member]]:
        """The stored clusters with a member ending in [low, high], with their members ending before ``before``."""
        ...

    def later_in(self, day: int, cluster_ids: set[str]) -> bool:
        """Whether a member ending on ``day`` or later is stored in one of these clusters."""
        ...

    def later_reaching(self, day: int, start: int) -> bool:
        """Whether a member ending on ``day`` or later has a window starting on ``start`` or before."""
        ...


@dataclass(slots=True)
class Replayed:
    """What a replay decided: each redone member's cluster id (by member id and document),
    the id it was stored under (None: new), and the clusters whose members changed."""

    assigned: dict[tuple[str, str], str] = field(default_factory=dict)
    stored: dict[tuple[str, str], str | None] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    days: int = 0


def _uid(member: Member) -> tuple[str, str]:
    return member.member_id, member.doc_key


class _Open:
    """The clusters of the pass so far that a later member may still join, with the last
    day each is open (the earliest window end among its members)."""

    def __init__(self) -> None:
        self.members: dict[str, list[Member]] = {}
        self.open_until: dict[str, int] = {}

    def add(self, cluster_id: str, members: Iterable[Member]) -> None:
        listed = self.members.setdefault(cluster_id, [])
        for m in members:
            listed.append(m)
            end = m.window[1]  # type: ignore[index]
            self.open_until[cluster_id] = min(self.open_until.get(cluster_id, end), end)

    def reachable_from(self, low: int) -> list[Cluster]:
        ids = sorted(c for c, until in self.open_until.items() if until >= low)
        return [Cluster(c, tuple(sorted(self.members[c], key=order_key))) for c in ids]

    def close_before(self, day: int) -> None:
        """Forget clusters no member ending on ``day`` or later can reach."""
        for c in [c for c, until in self.open_until.items() if until < day - MAX_WINDOW_DAYS]:
            del self.members[c], self.open_until[c]


def replay(source: Source, first_day: int, changed: Iterable[str] = ()) -> Replayed:
    """Redo the pass over ``source`` from ``first_day`` on (see the module doc).

    ``changed`` are clusters that lost a member before the replay (a replaced document);
    the result's ``changed`` holds every cluster id whose members differ from before.
    """
    done = Replayed(changed=set(changed))
    state = _Open()
    stored_sets: dict[str, set[tuple[str, str]]] = {}
    new_sets: dict[str, set[tuple[str, str]]] = {}
    loaded_from = first_day  # stored clusters ending in [loaded_from, first_day) are in state
    day: int | None = first_day
    while day is not None:
        members = source.day(day)
        if members:
            low = min(m.window[0] for m, _ in members)  # type: ignore[index]
            if low < loaded_from:
                for cid, earlier in source.earlier(low, loaded_from - 1, first_day).items():
                    if cid not in state.members:
                        state.add(cid, earlier)
                loaded_from = low
            for cl in merge_day([m for m, _ in members], state.reachable_from(low)):
                today = [m for m in cl.members if m.window[1] == day]  # type: ignore[index]
                state.add(cl.cluster_id, today)
                for m in today:
                    done.assigned[_uid(m)] = cl.cluster_id
                    new_sets.setdefault(cl.cluster_id, set()).add(_uid(m))
            for m, stored in members:
                done.stored[_uid(m)] = stored
                if stored is not None:
                    stored_sets.setdefault(stored, set()).add(_uid(m))
            for cid in {done.assigned[_uid(m)] for m, _ in members} | {s for _, s in members if s is not None}:
                if new_sets.get(cid) != stored_sets.get(cid):
                    done.changed.add(cid)
            done.days += 1
        day = source.next_day(day)
        if day is not None:
            state.close_before(day)
            if _settled(source, day, done.changed, state):
                break
    return done


def _settled(source: Source, day: int, changed: set[str], state: _Open) -> bool:
    """Whether members from ``day`` on decide as before: none is stored in a changed cluster,
    and no changed cluster is still open to any of them."""
    if not changed:
        return True
    if source.later_in(day, changed):
        return False
    until = [state.open_until[c] for c in changed if c in state.open_until]
    return not until or not source.later_reaching(day, max(until))


# -- clustering a set of members in memory -----------------------------------------------------


class MemorySource:
    """A ``Source`` over members held in memory, all new (for tests and whole re-merges)."""

    def __init__(self, members: Iterable[Member]) -> None:
        self.by_day: dict[int, list[Member]] = {}
        for m in members:
            if m.window is not None:
                self.by_day.setdefault(m.window[1], []).append(m)
        self.days = sorted(self.by_day)

    def day(self, day: int) -> list[tuple[Member, str | None]]:
        return [(m, None) for m in self.by_day.get(day, [])]

    def next_day(self, after: int) -> int | None:
        return next((d for d in self.days if d > after), None)

    def earlier(self, low: int, high: int, before: int) -> dict[str, list[Member]]:
        return {}

    def later_in(self, day: int, cluster_ids: set[str]) -> bool:
        return bool(self.days) and self.days[-1] >= day  # a new member is a change of its own

    def later_reaching(self, day: int, start: int) -> bool:
        return True  # every member is new: the pass goes on to the last day anyway


def cluster(members: Iterable[Member]) -> list[Cluster]:
    """Cluster members in memory; a member without a date window stays alone. The result
    depends only on the set of members; clusters are ordered by id."""
    members = list(members)
    source = MemorySource(members)
    done = replay(source, source.days[0]) if source.days else Replayed()
    by_id: dict[str, list[Member]] = {}
    for m in members:
        by_id.setdefault(done.assigned.get(_uid(m), m.member_id), []).append(m)
    return sorted((Cluster(cid, tuple(sorted(ms, key=order_key))) for cid, ms in by_id.items()),
                  key=lambda c: c.cluster_id)  # fmt: skip

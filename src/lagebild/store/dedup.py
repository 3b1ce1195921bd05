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
earlier days. On each day it merges again only what the change reaches through links (the
new report's events, the members and clusters that changed, and whatever links to them:
the agglomeration of one connected group of links does not depend on the others); it
skips days nothing changed can reach, and stops where no later member can see a
difference. So a new report can join an event, take a report away from one (a split), or
start its own, and the store ends up exactly as if every report had been there from the
start.

>>> from lagebild.records import Event
>>> e = dict(event_type="Battles", sub_event_type="Armed clash", iso="UA", location="Charkiw",
...          actor1="Military Forces of Russia", event_date="2024-05-14", time_precision=1)
>>> a = Member.of(Event(event_id_cnty="UKRa", **e), "doc-a", published="2024-05-14")
>>> b = Member.of(Event(event_id_cnty="UKRb", **e), "doc-b", published="2024-05-15")
>>> [c.members for c in cluster([b, a])] == [(a, b)]
True
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..records import Event
from .pairs import MERGE_SCORE, PairDecision, Profile, decide, profile

__all__ = [
    "MAX_WINDOW_DAYS",
    "Cluster",
    "Decisions",
    "MemorySource",
    "Member",
    "Replayed",
    "Source",
    "cluster",
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
        published: str | None = None, lead: str = "",
    ) -> Member:  # fmt: skip
        """The member with its profile (``lead``: the start of the report's full text)."""
        return cls(event, doc_key, doc_id, title, outlet, published, profile(event, title, published, lead))

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
    doc_keys: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.first = min(map(order_key, self.members))
        self.doc_keys = frozenset(m.doc_key for m in self.members)


class Decisions:
    """Pair decisions, each taken once, as what linking needs of them: the score, or None
    when a veto ends the decision. They depend on the two members alone, and the veto and
    score are the same whichever member comes first (``pairs.decide``), so the days of a
    replay, both orientations of a pair and, in the store, the documents of an ingest share
    them. The least recently used are forgotten beyond ``size``."""

    # A day's members are linked all with all on every replay that reaches them: a big event
    # (300 reports of one day: 45,000 pairs) is decided again on every batch unless its pairs
    # stay. About 150 bytes a decision (a key and a small int): 60 MB at most.
    def __init__(self, size: int = 400_000) -> None:
        self.size = size
        # An OrderedDict, not a dict: ``next(iter(dict))`` after many deletions from its front
        # scans the deleted slots, so forgetting the oldest cost time growing with the store.
        self.decided: OrderedDict[tuple[str, str, str, str], int | None] = OrderedDict()

    def score(self, a: Member, b: Member) -> int | None:
        """The score of the pair's decision, None if vetoed."""
        # Windows that share no day are the decision's date veto (``pairs.decide``): a third
        # of the pairs a day's candidates make, answered here without a decision to keep.
        p, q = a.profile.window, b.profile.window
        if p is None or q is None or p[0] > q[1] or q[0] > p[1]:
            return None
        first, second = (a.event.event_id_cnty, a.doc_key), (b.event.event_id_cnty, b.doc_key)  # (called millions of times)
        key = first + second if first <= second else second + first
        found = self.decided.get(key, _UNDECIDED)
        if found is _UNDECIDED:
            return self._decide(key, a, b)
        self.decided.move_to_end(key)
        return found  # type: ignore[return-value]

    def _decide(self, key: tuple[str, str, str, str], a: Member, b: Member) -> int | None:
        if len(self.decided) >= self.size:
            self.decided.popitem(last=False)
        decision = decide(a.profile, b.profile)
        found = self.decided[key] = None if decision.veto is not None else decision.score
        return found

    def all_merge(self, ms: Sequence[Member], ns: Sequence[Member]) -> tuple[int, int] | None:
        """(the weakest score, the scores summed) if every pair of a member of ``ms`` and one
        of ``ns`` merges, else None: ``merges`` for each pair, in one loop. (A big event's
        members are checked against each report of every day a replay redoes: most of the
        store's lookups of decisions are made here.)"""
        get, touch = self.decided.get, self.decided.move_to_end
        low: int | None = None
        total = 0
        others = [(n.profile.window, (n.event.event_id_cnty, n.doc_key), n) for n in ns]
        for a in ms:
            p, first = a.profile.window, (a.event.event_id_cnty, a.doc_key)
            for q, second, b in others:
                if p is None or q is None or p[0] > q[1] or q[0] > p[1]:
                    return None  # the date veto, as in ``score``
                key = first + second if first <= second else second + first
                found = get(key, _UNDECIDED)
                if found is _UNDECIDED:
                    found = self._decide(key, a, b)
                else:
                    touch(key)
                if found is None or found < MERGE_SCORE:
                    return None
                if low is None or found < low:
                    low = found
                total += found
        return None if low is None else (low, total)

    def merges(self, a: Member, b: Member) -> int | None:
        """The pair's score if the two merge, else None."""
        score = self.score(a, b)
        return score if score is not None and score >= MERGE_SCORE else None

    def __call__(self, a: Member, b: Member) -> PairDecision:
        """The whole decision, with its reasons, ``a``'s side first (not kept: only the
        reasons of a merged event ask for it, once per report)."""
        return decide(a.profile, b.profile)


_UNDECIDED = object()


class _Links:
    """How groups of one day link, from the pair decisions."""

    def __init__(self, decisions: Decisions) -> None:
        self.decisions = decisions

    def link(self, g: _Group, h: _Group) -> tuple[int, int] | None:
        """How strongly two groups link: the weakest pair's score, then the scores summed
        (more reports agreeing is stronger); None if any pair does not merge."""
        if g.old_id is not None and h.old_id is not None:
            return None
        if g.doc_keys & h.doc_keys:
            return None
        return self.decisions.all_merge(g.members, h.members)


def _reaches(cl: Cluster, member: Member) -> bool:
    """Whether every member's window of ``cl`` overlaps ``member``'s."""
    start, end = member.window  # type: ignore[misc]
    return all(m.window[1] >= start and m.window[0] <= end for m in cl.members)  # type: ignore[index]


_CELL_DEGREES = 0.2  # wider than pairs.MAX_KM in latitude, and in longitude below 60 degrees


def _cell(p: Profile) -> tuple[int, int] | None:
    if p.latitude is None or p.longitude is None:
        return None
    return int(p.latitude // _CELL_DEGREES), int(p.longitude // _CELL_DEGREES)


@dataclass(frozen=True, slots=True)
class _IndexedPlace:
    """What the place index reads of a member's place."""

    admin1: str | None
    cell: tuple[int, int] | None
    anywhere: bool  # a stand-in place or a whole country, which any other place may match


def _place_of(p: Profile) -> _IndexedPlace:
    return _IndexedPlace(p.admin1, _cell(p), p.stand_in or (p.area and not p.admin1))


def _index_keys(place: _IndexedPlace) -> set[tuple]:
    """What a member is found by: its admin1, its map cell, and whether any place may match it."""
    keys: set[tuple] = {("admin1", place.admin1)}
    if place.cell is not None:
        keys.add(("cell", place.cell))
    if place.anywhere:
        keys.add(("anywhere",))
    return keys


def _query_keys(place: _IndexedPlace) -> set[tuple] | None:
    """The index keys of every member whose place may match this one; None: any member."""
    if place.anywhere:
        return None
    keys: set[tuple] = {("admin1", place.admin1), ("admin1", None), ("anywhere",)}
    cell = place.cell
    if cell is not None:
        keys.update(("cell", (cell[0] + i, cell[1] + j)) for i in (-1, 0, 1) for j in (-1, 0, 1))
    return keys


class _PlaceIndex:
    """Which groups of a day may hold a matching place (by admin1 and map cell), both ways
    round, so a day of many reports is not compared all with all."""

    def __init__(self, groups: Sequence[_Group]) -> None:
        self.found_by: dict[tuple, set[int]] = {}
        self.looking_for: dict[tuple, set[int]] = {}
        self.anything: set[int] = set()  # groups with a stand-in or country-wide place
        self.keys: list[tuple[set[tuple], set[tuple] | None]] = []
        for i, g in enumerate(groups):
            found_by, looking_for = set(), set()
            # A big event's members share a few places: each place's keys are worked out once.
            for place in {_place_of(m.profile) for m in g.members}:
                found_by |= _index_keys(place)
                query = _query_keys(place)
                if query is None:
                    self.anything.add(i)
                else:
                    looking_for |= query
            for key in found_by:
                self.found_by.setdefault(key, set()).add(i)
            for key in looking_for:
                self.looking_for.setdefault(key, set()).add(i)
            self.keys.append((found_by, None if i in self.anything else looking_for))
        self.size = len(groups)

    def candidates(self, i: int) -> set[int]:
        found_by, looking_for = self.keys[i]
        if looking_for is None:
            return set(range(self.size)) - {i}
        found = set(self.anything)
        for key in looking_for:
            found |= self.found_by.get(key, set())
        for key in found_by:
            found |= self.looking_for.get(key, set())
        return found - {i}


def merge_day(
    day: Sequence[Member], open_clusters: Iterable[Cluster], seeds: Iterable[tuple[str, str]] | None = None,
    changed: Iterable[str] = (), decisions: Decisions | None = None,
) -> tuple[list[Cluster], list[Member]]:  # fmt: skip
    """Merge the members of one day with each other and with the open clusters (see the
    module doc): the clusters that hold the day's members open clusters joined keep their
    ids, new ones take the id of their first member.

    Only what ``seeds`` (member ids and documents of the day; None: all) and the ``changed``
    open clusters reach through links is merged again; returns (the clusters of the members
    reached, the members of the day not reached, whose clusters stay as they were).
    """
    day = sorted(day, key=order_key)
    reachable = [cl for cl in open_clusters if any(_reaches(cl, m) for m in day)]
    groups = [_Group(cl.cluster_id, list(cl.members)) for cl in reachable] + [_Group(None, [m]) for m in day]
    opened = len(reachable)
    wanted = None if seeds is None else set(seeds)
    changed = set(changed)
    start = [i for i, g in enumerate(groups) if (g.old_id in changed) if i < opened] + [
        i for i in range(opened, len(groups)) if wanted is None or _uid(groups[i].members[0]) in wanted]
    scores = _link_closure(groups, opened, start, decisions or Decisions())
    visited = set(start) | {i for pair in scores for i in pair}
    untouched = [g.members[0] for i, g in enumerate(groups) if i >= opened and i not in visited]
    result = []
    for index in sorted(i for i in _agglomerate(groups, scores, visited) if i >= opened):
        members = tuple(sorted(groups[index].members, key=order_key))
        result.append(Cluster(groups[index].old_id or members[0].member_id, members))
    return result, untouched


def _link_closure(
    groups: Sequence[_Group], opened: int, start: Iterable[int], decisions: Decisions
) -> dict[tuple[int, int], tuple[int, int]]:
    """Every link among the groups reachable from ``start`` (groups below ``opened`` are
    clusters of earlier days, which never link with each other)."""
    index, links = _PlaceIndex(groups), _Links(decisions)
    scores: dict[tuple[int, int], tuple[int, int]] = {}
    tried: set[tuple[int, int]] = set()
    seen, queue = set(start), list(start)
    while queue:
        i = queue.pop()
        for j in sorted(index.candidates(i)):
            pair = (min(i, j), max(i, j))
            if pair[1] < opened or pair in tried:
                continue
            tried.add(pair)
            score = links.link(groups[i], groups[j])
            if score is not None:
                scores[pair] = score
                if j not in seen:
                    seen.add(j)
                    queue.append(j)
    return scores


def _agglomerate(groups: list[_Group], scores: dict[tuple[int, int], tuple[int, int]], nodes: set[int]) -> set[int]:
    """Merge linked groups strongest link first (complete linkage: a merged group links to a
    third only where both its parts did); returns the groups left, as indices into ``groups``.

    Merging never crosses from one connected group of links to another, so each is merged on
    its own; one in which every two groups link (a big event's reports, day after day) ends
    as one group whatever the order, and is merged at once."""
    linked: dict[int, set[int]] = {i: set() for i in nodes}
    for i, j in scores:
        linked[i].add(j)
        linked[j].add(i)
    alive: set[int] = set()
    for component in _components(linked):
        if len(component) > 1 and all(len(linked[i]) == len(component) - 1 for i in component):
            # every two link: so no two clusters of earlier days are in it (those never link)
            ordered = sorted(component)
            old_id = next((groups[i].old_id for i in ordered if groups[i].old_id is not None), None)
            groups.append(_Group(old_id, [m for i in ordered for m in groups[i].members]))
            alive.add(len(groups) - 1)
        else:
            alive |= _strongest_first(groups, scores, linked, component)
    return alive


def _components(linked: dict[int, set[int]]) -> list[set[int]]:
    """The connected groups of the link graph."""
    seen: set[int] = set()
    found = []
    for start in linked:
        if start in seen:
            continue
        component, queue = {start}, [start]
        while queue:
            for j in linked[queue.pop()]:
                if j not in component:
                    component.add(j)
                    queue.append(j)
        seen |= component
        found.append(component)
    return found


def _strongest_first(groups: list[_Group], scores: dict[tuple[int, int], tuple[int, int]],
                     linked: dict[int, set[int]], nodes: set[int]) -> set[int]:  # fmt: skip
    """Agglomerate one connected group of links, strongest link first."""
    heap = [(-scores[(i, j)][0], -scores[(i, j)][1], groups[i].first, groups[j].first, i, j)
            for i in nodes for j in linked[i] if i < j]  # fmt: skip
    heapq.heapify(heap)
    alive = set(nodes)
    while heap:
        _, _, _, _, i, j = heapq.heappop(heap)
        if i not in alive or j not in alive:
            continue
        merged = _Group(groups[i].old_id or groups[j].old_id, groups[i].members + groups[j].members)
        groups.append(merged)
        new = len(groups) - 1
        alive -= {i, j}
        alive.add(new)
        linked[new] = set()
        for k in (linked[i] & linked[j]) & alive:
            if groups[k].old_id is not None and merged.old_id is not None:
                continue
            a, b = scores[(min(i, k), max(i, k))], scores[(min(j, k), max(j, k))]
            scores[(k, new)] = score = (min(a[0], b[0]), a[1] + b[1])
            linked[new].add(k)
            linked[k].add(new)
            heapq.heappush(heap, (-score[0], -score[1], groups[k].first, merged.first, k, new))
    return alive


# -- the pass, redone from a day on ---------------------------------------------------------------


class Source(Protocol):
    """The stored members of one block (country and type family), as ``replay`` reads them.

    A member that arrives now is stored under a cluster id of its own that the replay is
    told has changed (or given as stored nowhere, None), so the replay reaches its day."""

    def day(self, day: int) -> list[tuple[Member, str | None]]:
        """The members whose window ends on ``day``, each with the cluster it is stored in."""
        ...

    def next_day(self, after: int) -> int | None:
        """The first day after ``after`` on which a member's window ends."""
        ...

    def earlier(self, low: int, high: int, before: int) -> dict[str, list[Member]]:
        """The stored clusters with a member ending in [low, high], with their members ending before ``before``."""
        ...

    def first_in(self, day: int, cluster_ids: set[str]) -> int | None:
        """The first day from ``day`` on with a member stored in one of these clusters."""
        ...

    def open_until(self, cluster_ids: set[str], before: int) -> dict[str, int]:
        """For each of these clusters, the first day a stored member ending before ``before`` ends."""
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
        self.held: set[tuple[str, str]] = set()
        self.closed: set[str] = set()  # clusters forgotten: no later member can reach them

    def add(self, cluster_id: str, members: Iterable[Member]) -> None:
        listed = self.members.setdefault(cluster_id, [])
        for m in members:
            if _uid(m) in self.held:
                continue
            self.held.add(_uid(m))
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
            self.closed.add(c)


def replay(
    source: Source, first_day: int, changed: Iterable[str] = (), decisions: Decisions | None = None
) -> Replayed:
    """Redo the pass over ``source`` from ``first_day`` on (see the module doc).

    ``changed`` are clusters that lost or gained a member before the replay (a replaced or
    a new report); the result's ``changed`` holds every cluster id whose members differ
    from before. Days on which nothing can differ are skipped.
    """
    done = Replayed(changed=set(changed))
    decisions = decisions or Decisions()
    state = _Open()
    sets: dict[str, tuple[set[tuple[str, str]], set[tuple[str, str]]]] = {}  # id -> (as stored, as redone)
    segment = loaded_from = first_day  # members ending before ``segment`` come from the store
    day: int | None = first_day
    while day is not None:
        members = source.day(day)
        if members:
            low = min(m.window[0] for m, _ in members)  # type: ignore[index]
            if low < loaded_from:
                for cid, earlier in source.earlier(low, loaded_from - 1, segment).items():
                    for m in earlier:  # under the cluster this replay put it in, if it redid it
                        now = done.assigned.get(_uid(m), cid)
                        if segment == first_day or now not in done.changed:  # (changed ones are out of reach)
                            state.add(now, [m])
                loaded_from = low
            _redo_day(day, members, state, done, sets, decisions)
        following = source.next_day(day)
        if following is None:
            break
        state.close_before(following)
        day = following
        if not _reaching(source, following, done.changed, state, segment):
            # Nothing still open has changed: go on where a changed cluster has a member.
            day = source.first_in(following, done.changed)
            if day is not None and day != following:
                state, segment, loaded_from = _Open(), day, day
    return done


def _redo_day(day: int, members: list[tuple[Member, str | None]], state: _Open, done: Replayed,
              sets: dict[str, tuple[set[tuple[str, str]], set[tuple[str, str]]]], decisions: Decisions) -> None:  # fmt: skip
    """Merge one day again, from the members whose clusters changed (see ``merge_day``)."""
    seeds = [_uid(m) for m, stored in members if stored is None or stored in done.changed]
    merged, untouched = merge_day([m for m, _ in members], state.reachable_from(min(
        m.window[0] for m, _ in members)), seeds, done.changed, decisions)  # type: ignore[index]  # fmt: skip
    kept = {_uid(m) for m in untouched}
    placed = [(m, stored) for m, stored in members if _uid(m) in kept]
    for cl in merged:
        placed += [(m, cl.cluster_id) for m in cl.members if m.window[1] == day]  # type: ignore[index]
    for m, cluster_id in placed:
        assert cluster_id is not None  # an untouched member was stored before
        state.add(cluster_id, [m])
        done.assigned[_uid(m)] = cluster_id
        sets.setdefault(cluster_id, (set(), set()))[1].add(_uid(m))
    for m, stored in members:
        done.stored[_uid(m)] = stored
        if stored is not None:
            sets.setdefault(stored, (set(), set()))[0].add(_uid(m))
    for cid in {done.assigned[_uid(m)] for m, _ in members} | {s for _, s in members if s is not None}:
        if sets[cid][0] != sets[cid][1]:
            done.changed.add(cid)
    done.days += 1


def _reaching(source: Source, day: int, changed: set[str], state: _Open, segment: int) -> bool:
    """Whether a member ending on ``day`` or later may join a changed cluster still open
    (one not read yet counts with the stored members it had, which is on the safe side)."""
    until = [state.open_until[c] for c in changed if c in state.open_until]
    unread = changed - state.open_until.keys() - state.closed
    if unread:
        until += source.open_until(unread, segment).values()
    return bool(until) and source.later_reaching(day, max(until))


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

    def first_in(self, day: int, cluster_ids: set[str]) -> int | None:
        return next((d for d in self.days if d >= day), None)  # every member is new: a change

    def open_until(self, cluster_ids: set[str], before: int) -> dict[str, int]:
        return {}

    def later_reaching(self, day: int, start: int) -> bool:
        return True  # every member is new: the pass goes on to the last day anyway


def cluster(members: Iterable[Member], decisions: Decisions | None = None) -> list[Cluster]:
    """Cluster members in memory; a member without a date window stays alone. The result
    depends only on the set of members; clusters are ordered by id."""
    members = list(members)
    source = MemorySource(members)
    done = replay(source, source.days[0], decisions=decisions) if source.days else Replayed()
    by_id: dict[str, list[Member]] = {}
    for m in members:
        by_id.setdefault(done.assigned.get(_uid(m), m.member_id), []).append(m)
    return sorted((Cluster(cid, tuple(sorted(ms, key=order_key))) for cid, ms in by_id.items()),
                  key=lambda c: c.cluster_id)  # fmt: skip

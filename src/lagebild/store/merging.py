"""Merging inside the store: a document's events in, the merged events they change out.

Reads and writes the tables ``members``, ``events``, ``aliases`` and ``settings``, always
inside the caller's transaction (one per batch of documents). Events are stored packed
(``codec``): a member as its non-default fields, a merged event as its difference from the
member it is named after. The decisions are ``dedup``'s and
``reconcile``'s (pure functions); this module feeds them the stored members of one block
(``BlockSource``) and writes what changed back.

A merged event's id is the id of its first member in the pass (``dedup.order_key``), so it
does not depend on arrival and stays the same as reports join. When an id goes away (its
first member moved to another event, or its report was replaced), the id is kept as an
alias of the event that holds that member now, so links and bookmarks keep working.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..records import Document, Event
from . import codec, dedup
from .pairs import LEAD_CHARS, Profile, family, profile
from .reconcile import canonical

if TYPE_CHECKING:
    from .blocks import Merged

__all__ = ["MERGE_RULES", "MemberCache", "Prepared", "Touched", "ensure_rules", "event_json", "insert_members", "merge",
           "prepare", "remove_document", "write_merged"]  # fmt: skip

log = logging.getLogger(__name__)

# The version of the merge rules (pairs, dedup, reconcile). A store merged by other rules is
# merged again, whole, by the next ingest. Change it whenever a rule changes.
MERGE_RULES = "evidence-2"
_CHUNK = 500  # ids per IN (...) list, well below SQLite's limit of bound parameters

_MEMBER_COLUMNS = "m.member_id, m.doc_key, m.event, d.doc_id, d.title, d.outlet, d.published, d.full_text"
_JOIN = "members m JOIN documents d ON d.doc_key = m.doc_key"


class MemberCache:
    """Members read back from their JSON, by member id and document (rows never change but
    for their cluster id, which is not cached), and the pair decisions between them; the
    oldest are forgotten beyond ``size``."""

    def __init__(self, size: int = 20_000) -> None:
        # About 10 KB a member (its profile holds the words of its sentences): 200 MB at most,
        # a month of a busy country's reports.
        self.size = size
        # Oldest first, forgotten in O(1) (see ``dedup.Decisions``).
        self.members: OrderedDict[tuple[str, str], dedup.Member] = OrderedDict()
        self.decisions = dedup.Decisions()

    def put(self, member: dedup.Member) -> None:
        if len(self.members) >= self.size:
            self.members.popitem(last=False)
        self.members[(member.member_id, member.doc_key)] = member

    def load(self, db: sqlite3.Connection, keys: list[tuple[str, str, str]]) -> list[tuple[dedup.Member, str]]:
        """(member, stored cluster id) for rows of (member id, document, cluster id); the
        events' JSON is read only for members not in the cache."""
        # Held here too: a request larger than the cache would forget its own first members.
        found = {(member_id, doc_key): self.members[(member_id, doc_key)]
                 for member_id, doc_key, _ in keys if (member_id, doc_key) in self.members}  # fmt: skip
        missing = sorted({member_id for member_id, doc_key, _ in keys if (member_id, doc_key) not in found})
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            rows = db.execute(f"SELECT {_MEMBER_COLUMNS} FROM {_JOIN} WHERE m.member_id IN ({','.join('?' * len(chunk))})",
                              chunk)  # fmt: skip
            for member_id, doc_key, packed, doc_id, title, outlet, published, text in rows:
                event = codec.unpack(packed, text, event_id=member_id, doc_id=doc_id)
                member = dedup.Member.of(event, doc_key, doc_id=doc_id, title=title, outlet=outlet, published=published,
                                         lead=text[:LEAD_CHARS])  # fmt: skip
                self.put(member)
                found[(member_id, doc_key)] = member
        return [(found[(member_id, doc_key)], cluster_id) for member_id, doc_key, cluster_id in keys]


class BlockSource:
    """The stored members of one block (type family and country) for ``dedup.replay``."""

    def __init__(self, db: sqlite3.Connection, block: tuple[str, str | None], cache: MemberCache) -> None:
        self.db, self.block, self.cache = db, block, cache
        # ``open_until``'s answers by segment: a replay asks for the same clusters on every
        # day it goes on, and the store does not change while it runs (``merge`` writes after).
        self._open_until: dict[int, dict[str, int | None]] = {}

    def _rows(self, where: str, params: list) -> list[tuple[dedup.Member, str]]:
        sql = f"SELECT member_id, doc_key, cluster_id FROM members WHERE {where}"
        return self.cache.load(self.db, self.db.execute(sql, params).fetchall())

    def day(self, day: int) -> list[tuple[dedup.Member, str | None]]:
        return list(self._rows("family = ? AND iso IS ? AND day_end = ?", [*self.block, day]))

    def next_day(self, after: int) -> int | None:
        row = self.db.execute(
            "SELECT min(day_end) FROM members WHERE family = ? AND iso IS ? AND day_end > ?", [*self.block, after]
        ).fetchone()
        return row[0]

    def earlier(self, low: int, high: int, before: int) -> dict[str, list[dedup.Member]]:
        ids = [row[0] for row in self.db.execute(
            "SELECT DISTINCT cluster_id FROM members WHERE family = ? AND iso IS ? AND day_end BETWEEN ? AND ?",
            [*self.block, low, high],
        )]  # fmt: skip
        found: dict[str, list[dedup.Member]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            # By cluster (a cluster lies in one block): the index on cluster_id, not a scan of the block.
            where = f"cluster_id IN ({','.join('?' * len(chunk))}) AND day_end < ?"
            for member, cluster_id in self._rows(where, [*chunk, before]):
                found.setdefault(cluster_id, []).append(member)
        return found

    def first_in(self, day: int, cluster_ids: set[str]) -> int | None:
        ids, first = sorted(cluster_ids), None
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            sql = f"SELECT min(day_end) FROM members WHERE cluster_id IN ({','.join('?' * len(chunk))}) AND day_end >= ?"
            found = self.db.execute(sql, [*chunk, day]).fetchone()[0]
            if found is not None and (first is None or found < first):
                first = found
        return first

    def open_until(self, cluster_ids: set[str], before: int) -> dict[str, int]:
        known = self._open_until.setdefault(before, {})
        ids = sorted(c for c in cluster_ids if c not in known)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            known.update(dict.fromkeys(chunk))
            known.update(self.db.execute(
                f"SELECT cluster_id, min(day_end) FROM members WHERE cluster_id IN ({','.join('?' * len(chunk))})"
                " AND day_end < ? GROUP BY cluster_id", [*chunk, before],
            ).fetchall())  # fmt: skip
        return {c: known[c] for c in cluster_ids if known[c] is not None}  # type: ignore[misc]

    def later_reaching(self, day: int, start: int) -> bool:
        # A window is at most MAX_WINDOW_DAYS long, so only members ending soon after can reach back.
        return self.db.execute(
            "SELECT 1 FROM members WHERE family = ? AND iso IS ? AND day_end BETWEEN ? AND ? AND day_start <= ? LIMIT 1",
            [*self.block, day, start + dedup.MAX_WINDOW_DAYS + 1, start],
        ).fetchone() is not None


@dataclass(slots=True)
class Touched:
    """What one document changes: per block the first day to redo and the clusters that lost
    members; members without a date window (never merged); the clusters to rebuild."""

    blocks: dict[tuple[str, str | None], tuple[int, set[str]]] = field(default_factory=dict)
    rebuild: set[str] = field(default_factory=set)
    successors: dict[str, str] = field(default_factory=dict)  # a lost cluster id -> a member that was in it

    def add(self, block: tuple[str, str | None], day: int | None, cluster_id: str) -> None:
        self.rebuild.add(cluster_id)
        if day is None:
            return
        first, changed = self.blocks.get(block, (day, set()))
        changed.add(cluster_id)
        self.blocks[block] = (min(first, day), changed)


def _ordinal(value: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(value).toordinal() if value and len(value) == 10 else None
    except ValueError:
        return None


def remove_document(db: sqlite3.Connection, doc_key: str, touched: Touched) -> None:
    """Delete a stored document and its members, noting the clusters they leave."""
    # The index holds the key's first characters (schema 4): a quarter of its size. The "+"
    # keeps SQLite from putting the key into substr() and so from missing that index.
    mine = "substr(doc_key, 1, 8) = substr(?, 1, 8) AND +doc_key = ?"
    lost = db.execute(f"SELECT family, iso, day_end, cluster_id FROM members WHERE {mine}", [doc_key, doc_key]).fetchall()
    db.execute(f"DELETE FROM members WHERE {mine}", [doc_key, doc_key])
    db.execute("DELETE FROM documents WHERE doc_key = ?", [doc_key])
    for block_family, iso, day_end, cluster_id in lost:
        touched.add((block_family, iso), day_end if block_family else None, cluster_id)
        successor = db.execute(
            "SELECT member_id FROM members WHERE cluster_id = ? ORDER BY day_end, pub_day, member_id LIMIT 1", [cluster_id]
        ).fetchone()
        if successor:
            touched.successors[cluster_id] = successor[0]


@dataclass(frozen=True, slots=True)
class Prepared:
    """An event of a document made ready for the store where it was extracted (a worker
    process): what merging reads of it and its packed form, so that the one process that
    writes the store only writes and merges."""

    event: Event
    profile: Profile
    packed: bytes


def prepare(document: Document, events: list[Event]) -> list[Prepared]:
    """A document's events with their profiles and packed forms (pure: no store needed)."""
    text = document.full_text
    return [Prepared(event, profile(event, document.title, document.published, text[:LEAD_CHARS]),
                     codec.pack(event, text, event_id=event.event_id_cnty, doc_id=document.id))
            for event in events]  # fmt: skip


def insert_members(
    db: sqlite3.Connection, document: Document, doc_key: str, events: list[Prepared], touched: Touched,
    cache: MemberCache,
) -> tuple[list[str], list[str]]:  # fmt: skip
    """Store a document's events as members, each first in a cluster of its own; returns
    (the member ids stored, a message for each event skipped because another document's
    event has its id)."""
    stored, skipped, used = [], [], set()
    for told in events:
        event, packed = told.event, told.packed
        member_id = event.event_id_cnty or f"XXX{doc_key[:16]}"
        base, n = member_id, 1
        while member_id in used:  # one report coding two events with one id
            n += 1
            member_id = f"{base}-{n}"
        used.add(member_id)
        owner = db.execute("SELECT d.doc_id FROM members m JOIN documents d USING (doc_key) WHERE m.member_id = ?",
                           [member_id]).fetchone()  # fmt: skip
        if owner:
            skipped.append(f"{document.id}: event {member_id} skipped, the stored report {owner[0]} has an event with that id")
            continue
        if member_id != event.event_id_cnty:
            event = replace(event, event_id_cnty=member_id)
            packed = codec.pack(event, document.full_text, event_id=member_id, doc_id=document.id)
        member = dedup.Member(event, doc_key, document.id, document.title, document.outlet, document.published,
                              told.profile)  # fmt: skip
        cache.put(member)
        window = member.window
        block_family = family(event.event_type, event.sub_event_type) if window else None
        db.execute(
            "INSERT INTO members (member_id, doc_key, event_type, iso, day_start, day_end, pub_day, cluster_id, event,"
            " family) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [member_id, doc_key, event.event_type, event.iso, window[0] if window else None,
             window[1] if window else None, _ordinal(document.published), member_id, packed, block_family],
        )  # fmt: skip
        touched.add((block_family or "", event.iso), window[1] if window else None, member_id)
        stored.append(member_id)
    return stored, skipped


def merge(db: sqlite3.Connection, touched: Touched, cache: MemberCache) -> None:
    """Redo the pass in every touched block, store each member's cluster and rebuild the
    merged events that changed."""
    for block, (first_day, changed) in sorted(touched.blocks.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        done = dedup.replay(BlockSource(db, block, cache), first_day, changed, cache.decisions)
        for uid, cluster_id in done.assigned.items():
            if done.stored[uid] != cluster_id:
                db.execute("UPDATE members SET cluster_id = ? WHERE member_id = ?", [cluster_id, uid[0]])
        touched.rebuild |= done.changed
    rebuild(db, touched.rebuild, touched.successors, cache)


def rebuild(db: sqlite3.Connection, ids: Iterable[str], successors: dict[str, str], cache: MemberCache) -> None:
    """Recompute the merged events with these ids; an id left without members becomes an
    alias of the event that now holds its first member (or, if that report is gone, the
    member that followed it)."""
    for cluster_id in sorted(ids):
        rows = db.execute("SELECT member_id, doc_key, cluster_id FROM members WHERE cluster_id = ?", [cluster_id]).fetchall()
        if rows:
            members = tuple(sorted((m for m, _ in cache.load(db, rows)), key=dedup.order_key))
            _write_event(db, dedup.Cluster(cluster_id, members), cache.decisions)
            db.execute("DELETE FROM aliases WHERE old_id = ?", [cluster_id])
            continue
        if db.execute("DELETE FROM events WHERE event_id = ?", [cluster_id]).rowcount == 0:
            continue  # never stored as an event: the cluster of a member that arrived and joined another
        holder = successors.get(cluster_id, cluster_id)
        row = db.execute("SELECT cluster_id FROM members WHERE member_id = ?", [holder]).fetchone()
        if row:
            db.execute("INSERT OR REPLACE INTO aliases (old_id, event_id) VALUES (?, ?)", [cluster_id, row[0]])
            db.execute("UPDATE aliases SET event_id = ? WHERE event_id = ?", [row[0], cluster_id])


def event_json(event: Event) -> str:
    """``Event.to_dict`` as JSON (the form ``lagebild merge`` reads and writes)."""
    return json.dumps(event.to_dict(), ensure_ascii=False)


def write_merged(db: sqlite3.Connection, merged: Merged) -> None:
    """Store an event merged outside the store (``lagebild merge``) as the store would have
    merged it: its reports as documents, their events as members of one cluster."""
    base = None
    for told in merged.reports:
        db.execute(
            "INSERT OR IGNORE INTO documents (doc_key, doc_id, title, url, outlet, published, full_text, n_events,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
            [told.doc_key, told.doc_id, told.title, told.url, told.outlet, told.published, told.text,
             dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")],
        )  # fmt: skip
        db.execute("UPDATE documents SET n_events = n_events + 1 WHERE doc_key = ?", [told.doc_key])
        member = told.member()
        window = member.window
        # the report's full text is what its doc_key hashes: the stored text, whoever stored it first
        packed = codec.pack(member.event, told.text, event_id=member.member_id, doc_id=told.doc_id)
        db.execute(
            "INSERT INTO members (member_id, doc_key, event_type, iso, day_start, day_end, pub_day, cluster_id, event,"
            " family) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [member.member_id, told.doc_key, member.event.event_type, member.event.iso, window[0] if window else None,
             window[1] if window else None, _ordinal(told.published), merged.event.event_id_cnty, packed,
             family(member.event.event_type, member.event.sub_event_type) if window else None],
        )  # fmt: skip
        if member.member_id == merged.event.event_id_cnty:
            base = member.event
    _insert_event(db, merged.event.event_id_cnty, merged.event, merged.n_sources, list(merged.reasons), base)


def _write_event(db: sqlite3.Connection, cluster: dedup.Cluster, decisions: dedup.Decisions) -> None:
    event, reasons = canonical(cluster, decisions)
    event = replace(event, timestamp=int(time.time()))  # ACLED's timestamp: when stored or last changed
    # Stored as its difference from the member it is named after, when that member is one of
    # its own: any change to that member (moved, or its report replaced) rebuilds this event.
    base = next((m.event for m in cluster.members if m.member_id == cluster.cluster_id), None)
    _insert_event(db, cluster.cluster_id, event, len(cluster.doc_keys), reasons, base)


def _insert_event(db: sqlite3.Connection, event_id: str, event: Event, n_sources: int, reasons: list[str],
                  base: Event | None) -> None:  # fmt: skip
    names = {event.actor1, event.actor2, *event.assoc_actor_1.split(";"), *event.assoc_actor_2.split(";")}
    actors = "\n".join(sorted(n.strip() for n in names if n and n.strip()))
    # An update in place, not INSERT OR REPLACE: a deleted and appended row left holes that
    # made the events table nearly twice its size on a store where reports keep joining.
    db.execute(
        "INSERT INTO events (event_id, event_date, event_type, sub_event_type, country, iso, admin1,"
        " actors, n_sources, event, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE"
        " SET event_date = excluded.event_date, event_type = excluded.event_type, sub_event_type = excluded.sub_event_type,"
        " country = excluded.country, iso = excluded.iso, admin1 = excluded.admin1, actors = excluded.actors,"
        " n_sources = excluded.n_sources, event = excluded.event, reasons = excluded.reasons",
        [event_id, event.event_date, event.event_type, event.sub_event_type, event.country, event.iso,
         event.admin1, actors, n_sources, codec.pack_delta(event, base), codec.pack_reasons(reasons)],
    )  # fmt: skip


def ensure_rules(db: sqlite3.Connection, cache: MemberCache) -> int:
    """Merge the whole store again if it was merged by other rules than ``MERGE_RULES``
    (an older lagebild); returns the number of members merged again (0: nothing to do)."""
    row = db.execute("SELECT value FROM settings WHERE key = 'merge_rules'").fetchone()
    if row and row[0] == MERGE_RULES:
        return 0
    count = remerge_all(db, cache)
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('merge_rules', ?)", [MERGE_RULES])
    return count


def remerge_all(db: sqlite3.Connection, cache: MemberCache) -> int:
    """Recompute every member's block and window and merge every block from its first day."""
    touched = Touched()
    rows = db.execute("SELECT member_id, doc_key, cluster_id FROM members").fetchall()
    for start in range(0, len(rows), _CHUNK):
        _remerge_rows(db, cache.load(db, rows[start : start + _CHUNK]), touched)
    merge(db, touched, cache)
    return len(rows)


def _remerge_rows(db: sqlite3.Connection, members: list[tuple[dedup.Member, str]], touched: Touched) -> None:
    for member, cluster_id in members:
        window = member.window
        block_family = family(member.event.event_type, member.event.sub_event_type) if window else None
        db.execute(
            "UPDATE members SET family = ?, day_start = ?, day_end = ?, cluster_id = ? WHERE member_id = ?",
            [block_family, window[0] if window else None, window[1] if window else None, member.member_id,
             member.member_id],
        )  # fmt: skip
        touched.add((block_family or "", member.event.iso), window[1] if window else None, member.member_id)
        touched.rebuild.add(cluster_id)

"""Exporting stored events: CSV in ACLED's profile, JSONL, GeoJSON or Parquet.

Reads: ``StoredEvent`` records (``EventStore.events``). Writes: one file, atomically through
``io.writers``, each row with the extra columns ``n_sources`` and ``merge_reasons``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import StoredEvent

__all__ = ["EXPORT_EXTRA", "export_events"]

EXPORT_EXTRA = ("n_sources", "merge_reasons")


def export_events(events: Iterable[StoredEvent], path: Path | str, fmt: str | None = None) -> int:
    """Write canonical events as JSONL, CSV (ACLED's profile), GeoJSON or Parquet, each row
    with extra ``n_sources`` and ``merge_reasons`` columns; atomically, through ``writers``."""
    from ..io.writers import write_events

    events = list(events)
    extras = [{"n_sources": s.n_sources, "merge_reasons": list(s.merge_reasons)} for s in events]
    return write_events((s.event for s in events), path, fmt, extra_columns=EXPORT_EXTRA, extras=extras)

"""Exporting stored events: CSV in ACLED's column order, JSONL, GeoJSON or Parquet.

Reads: ``StoredEvent`` records (``EventStore.events``). Writes: one file, atomically through
``io.writers``, each row with the extra column ``n_sources`` (JSONL also ``merge_reasons``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import StoredEvent

__all__ = ["EXPORT_EXTRA", "export_events"]

EXPORT_EXTRA = ("n_sources",)


def export_events(events: Iterable[StoredEvent], path: Path | str, fmt: str | None = None) -> int:
    """Write canonical events as JSONL, CSV (ACLED's column order), GeoJSON or Parquet,
    each row with an extra ``n_sources`` column; atomically, through ``writers``."""
    from ..io.writers import COLUMNS, atomic_writer, event_row, format_for, write_parquet_rows

    fmt = format_for(path, fmt)
    events = list(events)
    columns = (*COLUMNS, *EXPORT_EXTRA)
    rows = [{**event_row(s.event), "n_sources": s.n_sources} for s in events]
    if fmt == "parquet":
        write_parquet_rows(rows, columns, path)
        return len(events)
    with atomic_writer(path) as handle:
        if fmt == "jsonl":
            for s in events:
                row = {**s.event.to_dict(), "n_sources": s.n_sources, "merge_reasons": s.merge_reasons}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            import csv

            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        else:
            features = []
            for s, row in zip(events, rows):
                e = s.event
                point = e.latitude is not None and e.longitude is not None
                geometry = {"type": "Point", "coordinates": [e.longitude, e.latitude]} if point else None
                features.append({"type": "Feature", "id": s.event_id, "geometry": geometry, "properties": row})
            json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
            handle.write("\n")
    return len(events)


"""Events as typed Arrow tables, for Parquet files and ``Store.to_arrow()``.

Reads: ``Event`` records (and, per event, values of extra columns such as the store's
``n_sources``). Writes: Arrow rows and tables in the ACLED profile (``lagebild.acled``) with
real types — ``event_date`` a date32, counts and codes integers, ``fatalities_known`` a
boolean, ``fatalities_by_side`` and ``evidence`` lists of structs — and a ``geometry``
column of WKB points (longitude, latitude; WGS 84) described by GeoParquet 1.0 metadata
(schema key ``geo``), so that geopandas, DuckDB spatial and QGIS read a Parquet file as a
point layer. Events without coordinates have a null geometry.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..acled import PROFILE_COLUMNS, acled_row
from ..records import EXTRA_COLUMNS, Event, Evidence

__all__ = ["COLUMNS", "GEO_METADATA", "arrow_row", "arrow_schema", "arrow_table", "point_wkb"]

# The profile's columns, then lagebild's other columns, then the geometry.
COLUMNS = PROFILE_COLUMNS + tuple(c for c in EXTRA_COLUMNS if c not in PROFILE_COLUMNS)
GEOMETRY = "geometry"
# GeoParquet 1.0: no "crs" key means OGC:CRS84 (longitude, latitude on WGS 84).
GEO_METADATA = {
    "version": "1.0.0",
    "primary_column": GEOMETRY,
    "columns": {GEOMETRY: {"encoding": "WKB", "geometry_types": ["Point"]}},
}
_INTEGERS = frozenset({"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "fatalities_low",
                       "fatalities_high", "geonameid", "n_sources"})  # fmt: skip


def point_wkb(longitude: float, latitude: float) -> bytes:
    """A point as ISO WKB, little-endian.

    >>> point_wkb(1.0, 2.0).hex()
    '0101000000000000000000f03f0000000000000040'
    """
    return struct.pack("<BIdd", 1, 1, longitude, latitude)


def arrow_schema(extra_columns: Sequence[str] = ()) -> Any:
    """The schema of ``arrow_table``: ``COLUMNS``, the extra columns, then ``geometry``."""
    import pyarrow as pa

    span = pa.struct([("role", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    special = {
        "event_date": pa.date32(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "fatalities_known": pa.bool_(),
        "fatalities_by_side": pa.list_(pa.struct([("actor", pa.string()), ("fatalities", pa.int64())])),
        "evidence": pa.list_(span),
        "merge_reasons": pa.list_(pa.string()),
        GEOMETRY: pa.binary(),
    }

    def arrow_type(column: str) -> Any:
        return pa.int64() if column in _INTEGERS else special.get(column, pa.string())

    columns = [*COLUMNS, *(c for c in extra_columns if c not in COLUMNS), GEOMETRY]
    return pa.schema([(c, arrow_type(c)) for c in columns], metadata={"geo": json.dumps(GEO_METADATA)})


def arrow_row(event: Event, *, timestamp: int | None = None, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One event as a row of ``arrow_schema``: the ACLED profile with typed values."""
    row = acled_row(event, timestamp=timestamp)
    for column in COLUMNS[len(PROFILE_COLUMNS) :]:
        row[column] = getattr(event, column)
    day = row["event_date"]
    row["event_date"] = dt.date.fromisoformat(day) if day else None
    row["fatalities_by_side"] = [{"actor": a, "fatalities": n} for a, n in event.fatalities_by_side.items()]
    row["evidence"] = evidence_spans(event.evidence)
    has_point = event.longitude is not None and event.latitude is not None
    row[GEOMETRY] = point_wkb(event.longitude, event.latitude) if has_point else None
    row.update(extra or {})
    return row


def evidence_spans(evidence: Evidence | None) -> list[dict[str, Any]]:
    """The evidence as a list of spans, each with the role it plays (sentence, trigger, ...)."""
    if evidence is None:
        return []
    spans = []
    for role in ("sentence", "trigger", "actor1", "actor2", "location", "date", "fatalities", "source"):
        span = getattr(evidence, role)
        if span is not None:
            spans.append({"role": role, "start": span.start, "end": span.end, "text": span.text})
    return spans


def arrow_table(
    events: Iterable[Event], *, timestamp: int | None = None, extras: Iterable[Mapping[str, Any]] | None = None,
    extra_columns: Sequence[str] = (),
) -> Any:  # fmt: skip
    """The events as one ``pyarrow.Table`` of ``arrow_schema(extra_columns)``; ``extras``
    gives each event's values of the extra columns, in the order of ``events``."""
    import pyarrow as pa

    events = list(events)
    extras = list(extras) if extras is not None else [{}] * len(events)
    rows = [arrow_row(e, timestamp=timestamp, extra=x) for e, x in zip(events, extras)]
    return pa.Table.from_pylist(rows, schema=arrow_schema(extra_columns))

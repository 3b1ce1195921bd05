"""Writing events to files: JSONL, ACLED-style CSV, GeoJSON and Parquet.

Reads: ``Event`` records. Writes: one file per call, atomically — into a temporary file in
the target folder that is renamed over the target only when complete, so a crash or a full
disk never leaves a half-written file behind. A new file gets the permissions any new file
gets under the user's umask (0644 under the usual 022); a replaced file keeps its own.

JSONL rows use the key names of the evaluation guidelines (which are ACLED's column names
plus doc_id, fatalities_low and fatalities_high), so scorers read them as they are.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import LagebildError
from ..records import ACLED_COLUMNS, EXTRA_COLUMNS, Event

__all__ = ["FORMATS", "atomic_writer", "event_row", "format_for", "write_events", "write_parquet_rows", "write_text"]

FORMATS = ("jsonl", "csv", "geojson", "parquet")
_SUFFIX_FORMAT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
                  ".geojson": "geojson", ".parquet": "parquet"}  # fmt: skip
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS


def format_for(path: Path | str, explicit: str | None = None) -> str:
    """The output format: the explicit one, else the one the file suffix names.

    >>> format_for("events.geojson")
    'geojson'
    >>> format_for("out.txt", "csv")
    'csv'
    """
    if explicit:
        if explicit not in FORMATS:
            raise LagebildError(f"unknown format {explicit!r}; use one of {', '.join(FORMATS)}")
        return explicit
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIX_FORMAT:
        raise LagebildError(
            f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}; "
            f"name the file .jsonl, .csv, .geojson or .parquet, or pass --format"
        )
    return _SUFFIX_FORMAT[suffix]


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new, exclusively created file beside ``target``, with the mode a new file gets
    (0666 less the umask, which the kernel applies — unlike ``mkstemp``'s fixed 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file beside {target}")


@contextlib.contextmanager
def atomic_writer(path: Path | str, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    The file ends up with the permissions of a file opened for writing the ordinary way: a
    new one those the umask gives, an existing one its own.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = _create_temporary(target)
    try:
        with contextlib.suppress(FileNotFoundError):
            existing = target.stat()
            if stat.S_ISREG(existing.st_mode):
                os.chmod(fd, stat.S_IMODE(existing.st_mode))
        kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def event_row(event: Event) -> dict[str, Any]:
    """The event as one flat row: nested fields become JSON strings (for CSV, GeoJSON)."""
    data = event.to_dict()
    for key in ("evidence", "fatalities_by_side"):
        value = data.get(key)
        data[key] = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
    return {column: data.get(column) for column in COLUMNS}


def write_events(events: Iterable[Event], path: Path | str, fmt: str | None = None) -> int:
    """Write ``events`` to ``path`` in ``fmt`` (default: from the suffix); return the count."""
    fmt = format_for(path, fmt)
    events = list(events)
    if fmt == "parquet":
        _write_parquet(events, Path(path))
        return len(events)
    with atomic_writer(path) as handle:
        write_text(events, handle, fmt)
    return len(events)


def write_text(events: Iterable[Event], handle: IO[str], fmt: str) -> None:
    """Write ``events`` to an open text stream (a file, stdout) as JSONL, CSV or GeoJSON."""
    if fmt == "jsonl":
        for event in events:
            handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_csv_value(event_row(e)) for e in events)
    elif fmt == "geojson":
        json.dump(_feature_collection(list(events)), handle, ensure_ascii=False)
        handle.write("\n")
    else:
        raise ValueError(f"{fmt} cannot be written to a text stream")


def _csv_value(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "" if v is None else v for k, v in row.items()}


def _feature_collection(events: list[Event]) -> dict[str, Any]:
    features = []
    for event in events:
        has_point = event.latitude is not None and event.longitude is not None
        features.append({
            "type": "Feature",
            "id": event.event_id_cnty,
            "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]}
            if has_point else None,
            "properties": event_row(event),
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def _write_parquet(events: list[Event], path: Path) -> None:
    write_parquet_rows([event_row(e) for e in events], COLUMNS, path)


# Columns written as integers in Parquet; every other column is text or, for the
# coordinates, a float ("n_sources" is the event store's count of reports).
_INT_COLUMNS = frozenset(("year", "time_precision", "geo_precision", "fatalities", "timestamp", "fatalities_low",
                          "fatalities_high", "geonameid", "n_sources"))  # fmt: skip


def write_parquet_rows(rows: list[dict[str, Any]], columns: Iterable[str], path: Path | str) -> None:
    """Write flat rows (``event_row``) to a Parquet file, atomically, with typed columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(column: str) -> Any:
        if column in _INT_COLUMNS:
            return pa.int64()
        return pa.float64() if column in ("latitude", "longitude") else pa.string()

    schema = pa.schema([(c, arrow_type(c)) for c in columns])
    table = pa.Table.from_pylist(rows, schema=schema)
    with atomic_writer(path, "wb") as handle:
        pq.write_table(table, handle)

"""Writing events to files: JSONL, ACLED-style CSV, GeoJSON and Parquet.

Reads: ``Event`` records. Writes: files (or a text stream such as stdout), as the events
come: JSONL, CSV and GeoJSON row by row, Parquet in row groups of ``PARQUET_BATCH`` rows,
so memory does not grow with the number of events.

Every file is written atomically — into a temporary file in the target folder that is
renamed over the target only when complete, so a crash or a full disk never leaves a
half-written file behind. ``Outputs`` writes several files together: all are checked
before any is opened (the folder exists and is writable, the name is no folder), and they
are renamed only when every one is complete; otherwise none is. A new file gets the
permissions any new file gets under the user's umask (0644 under the usual 022); a
replaced file keeps its own. A target that exists but is no regular file (``/dev/null``,
a named pipe) is written directly, not replaced.

JSONL rows are lagebild's own records (``Event.to_dict()``: ``iso`` alpha-2, ``fatalities``
null where the text gives no figure, actor names as news write them), under the key names
of the evaluation guidelines, so scorers and ``Event.from_dict`` read them as they are.
CSV, GeoJSON and Parquet rows are ACLED's profile (``lagebild.acled``): ACLED's 31 columns
with ACLED's values, then ``fatalities_low``, ``fatalities_high``, ``fatalities_known`` and
lagebild's other columns; Parquet with typed columns and GeoParquet metadata (``io.arrow``).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..acled import PROFILE_COLUMNS, acled_row
from ..errors import LagebildError, OutputError
from ..records import Event
from .arrow import COLUMNS, arrow_row, arrow_schema, evidence_spans

__all__ = [
    "COLUMNS", "FORMATS", "EventWriter", "Outputs", "atomic_writer", "check_output", "event_row", "format_for",
    "write_events", "write_text", "write_timestamp",
]  # fmt: skip

FORMATS = ("jsonl", "csv", "geojson", "parquet")
_SUFFIX_FORMAT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
                  ".geojson": "geojson", ".parquet": "parquet"}  # fmt: skip
PARQUET_BATCH = 5000  # rows per Parquet row group: bounded memory, few groups
_GEOJSON_OPEN = '{"type": "FeatureCollection", "features": ['  # as json.dump writes it


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


def check_output(path: Path | str) -> Path:
    """``path`` as a Path after checking that a file can be written there; ``OutputError``
    says what stands in the way. The folder is never created: a typo in it is an error."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; name a file to write, e.g. {target / 'events.jsonl'}")
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"{target}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise OutputError(f"{target}: {folder} is not a folder")
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        if not os.access(target, os.W_OK):
            raise OutputError(f"{target}: cannot write to it (permission denied)")
        return target
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: cannot write into the folder {folder} (permission denied)")
    return target


class _Temporary:
    """A new file beside ``target`` that becomes ``target`` on ``commit`` and vanishes on
    ``discard``; a target that is no regular file (a device, a pipe) is opened directly."""

    def __init__(self, target: Path, binary: bool) -> None:
        self.target = target
        self.name: str | None = None
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        mode = "wb" if binary else "w"
        try:
            if target.exists() and not stat.S_ISREG(target.stat().st_mode):
                self.handle = open(target, mode, **kwargs)  # noqa: SIM115 - closed in commit/discard
                return
            fd, self.name = _create_temporary(target)
            with contextlib.suppress(FileNotFoundError):
                existing = target.stat()
                if stat.S_ISREG(existing.st_mode):
                    os.chmod(fd, stat.S_IMODE(existing.st_mode))
            self.handle = os.fdopen(fd, mode, **kwargs)
        except OSError as exc:
            if self.name:
                with contextlib.suppress(OSError):
                    os.unlink(self.name)
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None

    def finish(self) -> None:
        """Flush everything to the disk (renaming is left to ``commit``)."""
        self.handle.flush()
        if self.name is not None:
            os.fsync(self.handle.fileno())
        self.handle.close()

    def commit(self) -> None:
        if self.name is not None:
            os.replace(self.name, self.target)
            self.name = None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        if self.name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.name)
            self.name = None


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
    new one those the umask gives, an existing one its own. ``OutputError`` when no file
    can be written there (see ``check_output``).
    """
    temporary = _Temporary(check_output(path), binary="b" in mode)
    try:
        yield temporary.handle
        temporary.finish()
        temporary.commit()
    except BaseException:
        temporary.discard()
        raise


def event_row(event: Event, *, timestamp: int | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The event as one flat row of ``COLUMNS`` (for CSV, GeoJSON): the ACLED profile, then
    lagebild's other columns, nested ones as JSON strings; then ``extra``."""
    data = {**acled_row(event, timestamp=timestamp), **{c: getattr(event, c) for c in COLUMNS[len(PROFILE_COLUMNS) :]}}
    data["fatalities_known"] = "true" if data["fatalities_known"] else "false"
    data["evidence"] = _json(evidence_spans(event.evidence))
    data["fatalities_by_side"] = _json(event.fatalities_by_side)
    for key, value in (extra or {}).items():
        data[key] = _json(value) if isinstance(value, (list, dict)) else value
    return data


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def write_timestamp() -> int:
    """The Unix time written as ``timestamp`` for events never stored: now, or
    ``SOURCE_DATE_EPOCH`` when set (reproducible outputs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else int(time.time())


class EventWriter:
    """Writes events in one format to an open stream, as they come: ``begin``, ``write``
    as often as there are events, ``end``. Parquet needs a binary stream, the others a
    text stream.

    JSONL rows are lagebild's own records (``Event.to_dict()``); CSV, GeoJSON and Parquet
    rows are ACLED's profile (``Event.to_acled()``) followed by lagebild's columns.
    ``extra_columns`` come last; ``write`` takes each event's values of them in ``extras``.
    """

    def __init__(self, handle: IO[Any], fmt: str, *, extra_columns: Sequence[str] = (),
                 timestamp: int | None = None) -> None:  # fmt: skip
        if fmt not in FORMATS:
            raise LagebildError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.handle, self.format = handle, fmt
        self.extra_columns = tuple(extra_columns)
        self.timestamp = write_timestamp() if timestamp is None else timestamp
        self.count = 0
        self._csv: csv.DictWriter | None = None
        self._parquet: Any = None
        self._rows: list[dict[str, Any]] = []

    def begin(self) -> None:
        if self.format == "csv":
            self._csv = csv.DictWriter(self.handle, fieldnames=COLUMNS + self.extra_columns, extrasaction="ignore")
            self._csv.writeheader()
        elif self.format == "geojson":
            self.handle.write(_GEOJSON_OPEN)
        elif self.format == "parquet":
            import pyarrow.parquet as pq

            self._parquet = pq.ParquetWriter(self.handle, arrow_schema(self.extra_columns))

    def write(self, events: Iterable[Event], extras: Iterable[dict[str, Any]] | None = None) -> None:
        events = list(events)
        for event, extra in zip(events, extras if extras is not None else [{}] * len(events)):
            if self.format == "jsonl":
                self.handle.write(json.dumps({**event.to_dict(), **extra}, ensure_ascii=False) + "\n")
            elif self.format == "csv":
                assert self._csv is not None
                self._csv.writerow(_csv_value(event_row(event, timestamp=self.timestamp, extra=extra)))
            elif self.format == "geojson":
                feature = _feature(event, event_row(event, timestamp=self.timestamp, extra=extra))
                self.handle.write((", " if self.count else "") + json.dumps(feature, ensure_ascii=False))
            else:
                self._rows.append(arrow_row(event, timestamp=self.timestamp, extra=extra))
                if len(self._rows) >= PARQUET_BATCH:
                    self._flush_parquet()
            self.count += 1

    def end(self) -> None:
        if self.format == "geojson":
            self.handle.write("]}\n")
        elif self.format == "parquet":
            self._flush_parquet()
            self._parquet.close()
        self.handle.flush()

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._parquet.write_table(pa.Table.from_pylist(self._rows, schema=arrow_schema(self.extra_columns)))
        self._rows = []


class Outputs:
    """Several outputs written together as events come, all or none.

    Every file is checked before any is opened (``OutputError`` names the first that cannot
    be written), written to a temporary file, and renamed over its target when the block
    ends — but only if it ends without an error and something was written (``write`` was
    called, if only with no events: an input was read). Otherwise every temporary file is
    removed and earlier outputs stay as they were. ``stream``, if given, is an open text
    stream (stdout) written in ``stream_format``, begun at the first ``write``.
    """

    def __init__(
        self, targets: Sequence[tuple[Path | str, str]] = (), *, stream: IO[str] | None = None,
        stream_format: str = "jsonl",
    ) -> None:  # fmt: skip
        self._targets = [(check_output(path), fmt) for path, fmt in targets]
        seen: set[Path] = set()
        for path, _ in self._targets:
            if path.resolve() in seen:
                raise OutputError(f"{path}: named twice as an output")
            seen.add(path.resolve())
        self.count = 0  # events written to each output
        self._stream = stream
        self._stream_format = stream_format
        self._files: list[_Temporary] = []
        self._writers: list[EventWriter] = []
        self._begun = False

    @property
    def paths(self) -> list[Path]:
        return [path for path, _ in self._targets]

    def __enter__(self) -> Outputs:
        try:
            for path, fmt in self._targets:
                temporary = _Temporary(path, binary=fmt == "parquet")
                self._files.append(temporary)
                self._writers.append(EventWriter(temporary.handle, fmt))
        except BaseException:
            self._discard()
            raise
        if self._stream is not None:
            self._writers.append(EventWriter(self._stream, self._stream_format))
        return self

    def write(self, events: Sequence[Event]) -> None:
        """Write the events of one document (maybe none) to every output."""
        try:
            if not self._begun:
                self._begun = True
                for writer in self._writers:
                    writer.begin()
            for writer in self._writers:
                writer.write(events)
            self.count += len(events)
            if self._stream is not None:
                self._stream.flush()  # a reader of the stream gets each document's events at once
        except BrokenPipeError:
            raise  # the reader of the stream went away: not a failure of ours
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}") from None

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None or not self._begun:
            self._discard()
            return
        try:
            for writer in self._writers:
                writer.end()
            for temporary in self._files:
                temporary.finish()
        except BaseException as error:
            self._discard()
            if isinstance(error, OSError):
                raise OutputError(f"cannot write: {error.strerror or error}") from None
            raise
        for temporary in self._files:  # only renames are left: all complete, all committed
            temporary.commit()

    def _discard(self) -> None:
        for temporary in self._files:
            temporary.discard()


def write_events(
    events: Iterable[Event], path: Path | str, fmt: str | None = None, *, extra_columns: Sequence[str] = (),
    extras: Iterable[dict[str, Any]] | None = None,
) -> int:  # fmt: skip
    """Write ``events`` to ``path`` in ``fmt`` (default: from the suffix); return the count.
    ``extras``: each event's values of ``extra_columns`` (see ``EventWriter``)."""
    fmt = format_for(path, fmt)
    with atomic_writer(path, "wb" if fmt == "parquet" else "w") as handle:
        writer = EventWriter(handle, fmt, extra_columns=extra_columns)
        writer.begin()
        writer.write(events, extras)
        writer.end()
    return writer.count


def write_text(events: Iterable[Event], handle: IO[str], fmt: str) -> None:
    """Write ``events`` to an open text stream (a file, stdout) as JSONL, CSV or GeoJSON."""
    if fmt == "parquet":
        raise ValueError(f"{fmt} cannot be written to a text stream")
    writer = EventWriter(handle, fmt)
    writer.begin()
    writer.write(events)
    writer.end()


def _csv_value(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "" if v is None else v for k, v in row.items()}


def _feature(event: Event, properties: dict[str, Any]) -> dict[str, Any]:
    has_point = event.latitude is not None and event.longitude is not None
    return {
        "type": "Feature",
        "id": event.event_id_cnty,
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]} if has_point else None,
        "properties": properties,
    }

"""Extraction on a Ray cluster (the ``ray`` extra): report files in, Parquet shards of events out.

Reads: JSONL (``.jsonl``, ``.ndjson``, ``.json``), CSV (``.csv``) and Parquet (``.parquet``)
files, or folders of them, by local path or by any URI pyarrow's filesystems open
(``s3://``, ``gs://``, ``hdfs://``, ``file://``), with Ray Data. Each row is one report, read
as ``lagebild extract`` reads a JSONL line or a CSV row (``id``, ``text``, ``title``,
``published``, ``url``, ``outlet``). Writes: Parquet shards of ``Event`` rows, with the
columns and types of ``lagebild extract -o events.parquet`` followed by
``merge.REPORT_COLUMNS`` (the event as lagebild's record and the report that tells it, which
``lagebild merge`` reads), into an output folder (or URI)
that must be new or empty; returns a ``RayReport`` with the counts and every row that failed.

Extraction runs in a pool of Ray actors, one CPU each: an actor loads the lexicon and opens
the gazetteer once (building it under ``LAGEBILD_HOME`` of its node on first use) and then
extracts batch after batch. Rows keep their input order, so the shards, read in order of
their names, hold the events in the order ``lagebild extract`` writes them. A report's id
comes from its ``id`` column; a row without one gets ``<file>-<hash of its text>`` (the local
reader numbers lines instead, which a distributed reader cannot know).

Local paths must exist on every node of a cluster: give a cluster URIs of shared storage.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from .errors import InputError, LagebildError
from .io.readers import TEXT_COLUMNS, InputFailure
from .io.arrow import arrow_row, arrow_schema
from .io.writers import write_timestamp
from .merge import report_schema, report_values

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["FAILURE_COLUMN", "RayReport", "SUFFIXES", "extract_on_ray"]

log = logging.getLogger(__name__)

# Input kinds by file suffix.
SUFFIXES = {".jsonl": "json", ".ndjson": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
# The column that marks a row of the extraction's result as a failed report, not an event.
FAILURE_COLUMN = "_failure"
# Reports per batch an actor extracts: large enough that handing batches out costs little
# against a few milliseconds a report, small enough to spread a small input over the actors.
BATCH_SIZE = 64
BLOCK_BYTES = 2 * 1024 * 1024
# Events per Parquet shard, at least (a few MB): not one small file per block.
SHARD_ROWS = 20_000
# Columns read as text whatever they hold: a CSV's "007" stays "007", a date stays a string.
_TEXT_FIELDS = ("id", "title", "url", "outlet", "source", "published", "date", "language", *TEXT_COLUMNS)


@dataclass
class RayReport:
    """What a run on Ray read and wrote."""

    documents: int = 0
    events: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    output: str = ""
    seconds: float = 0.0  # from reading to the last shard written, Ray's start left out

    def __str__(self) -> str:
        return (f"{self.documents} documents read, {self.events} events written to {self.output}, "
                f"{len(self.failures)} inputs failed ({self.seconds:.1f} s, "
                f"{self.documents / max(self.seconds, 1e-9):.0f} documents/s)")  # fmt: skip


def extract_on_ray(
    inputs: Sequence[str],
    output: str,
    *,
    address: str | None = None,
    geocode: bool = True,
    published: str | None = None,
    actors: int | None = None,
    progress: bool = True,
) -> RayReport:
    """Extract every report of ``inputs`` on Ray and write the events as Parquet shards to ``output``.

    ``address``: the Ray cluster to join ("auto", "ray://head:10001"); without it, a local
    Ray with this machine's cores. ``actors``: extraction actors (default: the cluster's CPUs).
    ``progress``: Ray Data's progress bars and log lines.
    """
    import ray
    import ray.data

    files = _expand(inputs)
    _check_output(output)
    _settle_fsspec_http()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 runtime_env={"env_vars": _forwarded_environment()})  # fmt: skip
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = progress
    # Small blocks (about a thousand reports): a single large file is still spread over every
    # actor, and a block in flight holds little memory.
    context.target_max_block_size = BLOCK_BYTES
    if not progress:
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    started = time.perf_counter()
    # Every kind of input as one column of JSON records: one stream, one pool of actors (a
    # pool per kind would want more CPUs than a small cluster has, and wait for them forever).
    parts = [dataset.map_batches(_as_records, batch_format="pyarrow", num_cpus=0) for dataset in _datasets(files)]
    # Read to the end before the actors start: they hold every CPU, and some of Ray Data's
    # reading steps (listing a Parquet dataset's files) wait for a free one. The reports go
    # to Ray's object store, which spills to disk when they are many.
    reports = (parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]).materialize()
    # Blocks of about BATCH_SIZE reports, in order: every actor gets work, whatever the files.
    reports = reports.repartition(max(actors, -(-reports.count() // BATCH_SIZE))).materialize()
    # one timestamp for the whole run, whatever actor writes a row
    constructor = {"geocode": geocode, "published": published, "timestamp": write_timestamp()}
    extracted = reports.map_batches(_Extractor, fn_constructor_kwargs=constructor,
                                    batch_size=BATCH_SIZE, batch_format="pyarrow", num_cpus=1,
                                    compute=ray.data.ActorPoolStrategy(size=actors))  # fmt: skip
    # Kept in Ray's object store (spilled to disk when large): events and failures are two
    # outputs of one extraction, which must not run twice. What follows is light: it takes
    # no CPU in Ray's accounting, so it never waits for actors that linger.
    extracted = extracted.materialize()
    light = {"num_cpus": 0}
    summary = extracted.map_batches(_summary, batch_format="pyarrow", **light).take_all()
    extracted.map_batches(_events_only, batch_format="pyarrow", **light).write_parquet(
        output, min_rows_per_file=SHARD_ROWS, ray_remote_args=light)
    report = RayReport(output=output, seconds=time.perf_counter() - started)
    for row in summary:
        if row["reason"] is not None:
            report.failures.append(InputFailure(row["where"], row["reason"]))
        report.documents += row["documents"] or 0
        report.events += row["events"] or 0
    return report


def _settle_fsspec_http() -> None:
    """Ray Data lists files in threads, each asking whether the filesystem is fsspec's HTTP
    one by importing ``fsspec.implementations.http``; without aiohttp that import fails, and
    two threads failing at once make one of them see a half-imported module and raise
    (``cannot import name 'HTTPFileSystem'``) where Ray expects "not installed". Decided
    once here: the module is marked missing, which every thread then reads as such."""
    import sys

    try:
        import fsspec.implementations.http  # noqa: F401
    except ImportError:
        sys.modules["fsspec.implementations.http"] = None  # type: ignore[assignment]


def _forwarded_environment() -> dict[str, str]:
    """What the actors need from this process's environment: where lagebild keeps its data."""
    return {name: os.environ[name] for name in ("LAGEBILD_HOME",) if name in os.environ}


def _expand(inputs: Sequence[str]) -> dict[str, list[str]]:
    """The input files by kind; a folder stands for the files under it with a known suffix."""
    from pyarrow import fs

    files: dict[str, list[str]] = {}
    for given in inputs:
        try:
            filesystem, path = fs.FileSystem.from_uri(given if "://" in given else os.path.abspath(given))
            info = filesystem.get_file_info(path)
        except (OSError, ValueError) as exc:
            raise InputError(given, f"cannot be opened ({exc})") from None
        if info.type == fs.FileType.NotFound:
            raise InputError(given, "no such file or folder")
        found = [info] if info.type == fs.FileType.File else sorted(
            (i for i in filesystem.get_file_info(fs.FileSelector(path, recursive=True)) if i.type == fs.FileType.File),
            key=lambda i: i.path)  # fmt: skip
        for item in found:
            kind = SUFFIXES.get(PurePosixPath(item.path).suffix.lower())
            if kind is None:
                if info.type == fs.FileType.File:
                    raise InputError(given, f"not one of {', '.join(SUFFIXES)}: Ray reads JSONL, CSV and Parquet")
                continue
            uri = item.path if "://" not in given else f"{given.split('://', 1)[0]}://{item.path}"
            files.setdefault(kind, []).append(uri)
    if not files:
        raise InputError(", ".join(inputs), f"no {', '.join(SUFFIXES)} files found")
    return files


def _check_output(output: str) -> None:
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(output if "://" in output else os.path.abspath(output))
    info = filesystem.get_file_info(path)
    if info.type == fs.FileType.File or (
            info.type == fs.FileType.Directory and filesystem.get_file_info(fs.FileSelector(path))):  # fmt: skip
        raise LagebildError(f"{output}: the output folder must be new or empty (shards of another run would mix in)")


def _datasets(files: dict[str, list[str]]) -> list[Any]:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.json as pajson
    import ray.data

    found = []
    # Reading takes no CPU of its own in Ray's accounting: the actors hold every CPU, and a
    # read that waited for one would never start (reading is light next to extracting).
    light = {"num_cpus": 0}
    if "json" in files:
        # Known fields are text whatever they look like (pyarrow would make a date a timestamp).
        schema = pa.schema([(name, pa.string()) for name in _TEXT_FIELDS if name != "id"])
        found.append(ray.data.read_json(files["json"], include_paths=True, file_extensions=None, **light,
                                        parse_options=pajson.ParseOptions(explicit_schema=schema,
                                                                          unexpected_field_behavior="infer")))  # fmt: skip
    if "csv" in files:
        types = {name: pa.string() for name in _TEXT_FIELDS}
        found.append(ray.data.read_csv(files["csv"], include_paths=True, file_extensions=None, **light,
                                       convert_options=pacsv.ConvertOptions(column_types=types)))  # fmt: skip
    if "parquet" in files:
        found.append(ray.data.read_parquet(files["parquet"], include_paths=True, file_extensions=None, **light))
    return found


def _schema() -> pa.Schema:
    import pyarrow as pa

    schema = arrow_schema()
    for column in report_schema():
        schema = schema.append(column)
    return schema.append(pa.field(FAILURE_COLUMN, pa.string())).append(pa.field("_documents", pa.int64()))


def _as_records(table: pa.Table) -> pa.Table:
    """Rows of any input as JSON records (the values as the file holds them) and their file."""
    import pyarrow as pa

    paths = table["path"].to_pylist() if "path" in table.column_names else [None] * table.num_rows
    rows = table.drop_columns([c for c in ("path",) if c in table.column_names]).to_pylist()
    records = [json.dumps(row, ensure_ascii=False, default=str) for row in rows]
    return pa.table({"record": pa.array(records, pa.string()), "path": pa.array(paths, pa.string())})


class _Extractor:
    """One actor of the pool: the resources, loaded once, and a batch of rows in, event rows out."""

    def __init__(self, geocode: bool, published: str | None, timestamp: int) -> None:
        from .pipeline import Resources

        self.resources = Resources.load(geocode=geocode)
        self.published = published
        self.timestamp = timestamp
        self.schema = _schema()

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        from .io.readers import _record_document
        from .pipeline import extract
        from .store.store import document_key

        rows: list[dict[str, Any]] = []
        documents = []
        for row in batch.to_pylist():
            record = json.loads(row["record"])
            where = str(row["path"] or "<ray>")
            text = record.get("text")
            fallback_id = f"{PurePosixPath(where).stem}-{hashlib.sha1(str(text).encode()).hexdigest()[:12]}"
            try:
                documents.append(_record_document(record, fallback_id, where, self.published))
            except InputError as exc:
                documents.append(InputFailure(exc.where, exc.reason))
        for item, events in extract(documents, self.resources):
            if isinstance(item, InputFailure):
                rows.append({"doc_id": item.where, FAILURE_COLUMN: item.reason, "_documents": 0})
                continue
            rows.append({"doc_id": item.id, FAILURE_COLUMN: None, "_documents": 1})  # counts the document
            key = document_key(item)
            rows.extend(arrow_row(event, timestamp=self.timestamp, extra=report_values(item, key, event)) for event in events)
        return pa.Table.from_pylist(rows, schema=self.schema)


def _summary(table: pa.Table) -> pa.Table:
    """The failures of a block of extracted rows, and one row counting its documents and events."""
    import pyarrow as pa
    import pyarrow.compute as pc

    failed = table.filter(pc.is_valid(table[FAILURE_COLUMN]))
    documents = pc.sum(table["_documents"]).as_py() or 0
    rows = [{"where": w, "reason": r} for w, r in zip(failed["doc_id"].to_pylist(), failed[FAILURE_COLUMN].to_pylist())]
    rows.append({"documents": documents, "events": table.num_rows - pc.count(table["_documents"]).as_py()})
    schema = pa.schema([("where", pa.string()), ("reason", pa.string()), ("documents", pa.int64()), ("events", pa.int64())])
    return pa.Table.from_pylist(rows, schema=schema)


def _events_only(table: pa.Table) -> pa.Table:
    import pyarrow.compute as pc

    # Event rows have neither a failure nor a document count (the marker rows have one).
    events = table.filter(pc.and_(pc.is_null(table[FAILURE_COLUMN]), pc.is_null(table["_documents"])))
    return events.drop_columns([FAILURE_COLUMN, "_documents"])

"""The cross-report merge outside the store: the shards of ``lagebild extract --engine ray``
in, merged events out as Parquet partitioned by country and year.

Reads: Parquet files (a folder of them, by local path or pyarrow filesystem URI) with the
columns ``lagebild extract --engine ray`` writes: the ACLED profile and ``REPORT_COLUMNS``
(each event as lagebild's record and the report that tells it). Writes: a new folder
``country=<country>/year=<year>/part-<block>.parquet`` (hive style; the two partition
columns live in the folder names, as DuckDB, pyarrow and Spark expect) whose rows have the
columns of ``lagebild export -o events.parquet`` (the ACLED profile, ``n_sources``,
``merge_reasons``, ``geometry``) and ``MERGED_COLUMNS`` (the merged event as lagebild's
record and every report behind it, for ``lagebild serve --parquet``). The folder is written
under a temporary name beside the output and renamed when complete.

The merge is the store's, block by block (``store.blocks``): a group-by on type family,
country and a piece of the timeline that no date window crosses, each group merged by the
store's own decisions. ``engine="ray"`` runs the groups on a Ray cluster; ``"local"`` runs
the same functions in this process. Which reports take part follows the store's rules for
documents, with one difference the store's arrival order decides and a merge of files
cannot know (``_dropped``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .errors import InputError, LagebildError
from .io.arrow import arrow_row, arrow_schema
from .io.writers import write_timestamp
from .records import Document, Event
from .store.blocks import Merged, Told, block_of, merge_block, segment_of, segment_starts
from .store.export import EXPORT_EXTRA
from .store.merging import event_json

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["MERGED_COLUMNS", "REPORT_COLUMNS", "MergeReport", "merge", "merged_events", "merged_from_table", "report_schema",
           "report_values"]

log = logging.getLogger(__name__)

# What the merge needs beyond the profile, which holds the event as ACLED codes it (prefixed
# actor names, numeric iso): lagebild's record and the report, as the store keeps them.
REPORT_COLUMNS = ("doc_key", "event_json", "doc_title", "doc_outlet", "doc_url", "doc_published", "doc_text")
# Beyond the export's columns: the merged event as lagebild's record, and its reports.
MERGED_COLUMNS = ("event_json", "reports")
PARTITIONS = ("country", "year")
_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a missing partition value
# Block keys the grouping adds to each row (dropped before writing).
_KEYS = ("_family", "_iso", "_segment")
_NEEDED = ("doc_id", *REPORT_COLUMNS)
# Rows per block read on Ray: small enough to spread a few shards over every worker.
BLOCK_ROWS = 2_000
# Rows per shuffle partition of the group-by (with the reports' texts, some 3 KB a row): a
# partition is held by one task, so this bounds its memory to a few hundred MB.
PARTITION_ROWS = 50_000


@dataclass
class MergeReport:
    """What a merge read and wrote."""

    reports: int = 0  # event rows read (one event as one report tells it)
    events: int = 0  # merged events written
    dropped: int = 0  # rows left out by the store's document rules
    groups: int = 0
    output: str = ""
    seconds: float = 0.0  # from reading to the rename of the output, Ray's start left out

    def __str__(self) -> str:
        dropped = f" ({self.dropped} left out: a duplicate or replaced report)" if self.dropped else ""
        return (f"{self.reports} event reports read{dropped}, {self.events} merged events written to {self.output} "
                f"in {self.groups} blocks ({self.seconds:.1f} s, {self.reports / max(self.seconds, 1e-9):.0f} "
                "event reports/s)")  # fmt: skip


def report_values(document: Document, doc_key: str, event: Event) -> dict[str, Any]:
    """The ``REPORT_COLUMNS`` of one extracted event (what ``lagebild extract --engine ray`` adds)."""
    return {"doc_key": doc_key, "event_json": event_json(event),
            "doc_title": document.title, "doc_outlet": document.outlet, "doc_url": document.url,
            "doc_published": document.published, "doc_text": document.full_text}  # fmt: skip


def report_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in REPORT_COLUMNS])


def merged_schema() -> pa.Schema:
    import pyarrow as pa

    report = pa.struct([("doc_key", pa.string()), ("doc_id", pa.string()), ("title", pa.string()),
                        ("outlet", pa.string()), ("url", pa.string()), ("published", pa.string()),
                        ("text", pa.string()), ("event_json", pa.string())])  # fmt: skip
    schema = arrow_schema(EXPORT_EXTRA)
    return schema.append(pa.field("event_json", pa.string())).append(pa.field("reports", pa.list_(report)))


def merge(
    source: str, output: str, *, engine: str = "local", address: str | None = None, workers: int | None = None,
    progress: bool = True,
) -> MergeReport:  # fmt: skip
    """Merge the events of the shards under ``source`` across reports and write them to the
    new folder ``output`` (see the module doc). ``engine``: "local" or "ray" (``address``:
    the cluster to join; ``workers``: tasks at once, default the cluster's CPUs)."""
    if engine not in ("local", "ray"):
        raise LagebildError(f"{engine!r} is not an engine: local or ray")
    _check_output(output)
    files, rows = _input_files(source)
    if engine == "ray":
        _start_ray(address)
    started = time.perf_counter()
    partial = _partial_name(output)
    timestamp = write_timestamp()
    try:
        if engine == "ray":
            report = _merge_on_ray(files, rows, partial, timestamp, workers, progress)
        else:
            report = _merge_here(files, partial, timestamp)
        _rename(partial, output)
    except BaseException:
        _remove(partial)
        raise
    report.output, report.seconds = output, time.perf_counter() - started
    return report


# -- the steps, the same on either engine ------------------------------------------------


def _told(table: pa.Table) -> list[Told]:
    columns = {name: table[name].to_pylist() for name in ("doc_id", *REPORT_COLUMNS)}
    return [Told(Event.from_dict(json.loads(event)), key, doc_id, title or "", outlet, url, published, text or "")
            for doc_id, key, event, title, outlet, url, published, text in zip(*columns.values())]  # fmt: skip


def _keyed(table: pa.Table) -> pa.Table:
    """The rows with their block: type family, country, and the first and last day of the window."""
    import pyarrow as pa

    blocks = [block_of(t) for t in _told(table)]
    return (table.append_column("_family", pa.array([b.family for b in blocks], pa.string()))
            .append_column("_iso", pa.array([b.iso or "" for b in blocks], pa.string()))
            .append_column("_start", pa.array([b.window[0] if b.window else None for b in blocks], pa.int64()))
            .append_column("_end", pa.array([b.window[1] if b.window else None for b in blocks], pa.int64())))  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the whole input decides for every group: the rows the store would not keep (by
    document and event id) and where each block is cut (``blocks.segment_starts``)."""

    dropped: frozenset[tuple[str, str]]  # (doc_key, doc_id)
    starts: tuple[tuple[tuple[str, str | None], tuple[int, ...]], ...]

    def cuts(self) -> dict[tuple[str, str | None], list[int]]:
        return {block: list(days) for block, days in self.starts}


def _plan(light: pa.Table) -> _Plan:
    """The plan from the light columns of every row (document, block, window)."""
    docs = set(zip(light["doc_key"].to_pylist(), light["doc_id"].to_pylist(), light["doc_published"].to_pylist()))
    windows: dict[tuple[str, str | None], list[tuple[int, int]]] = defaultdict(list)
    for fam, iso, start, end in zip(*(light[c].to_pylist() for c in ("_family", "_iso", "_start", "_end"))):
        if start is not None:
            windows[(fam, iso)].append((start, end))
    starts = tuple(sorted((block, tuple(segment_starts(w))) for block, w in windows.items()
                          if len(w) > 1))  # fmt: skip
    return _Plan(_dropped(docs), starts)


def _dropped(docs: set[tuple[str, str, str | None]]) -> frozenset[tuple[str, str]]:
    """The reports (doc_key, doc_id) the store would not keep: a text told again under
    another id is one report (the store keeps the first it ingests; here the smallest id),
    and of two texts under one id the store keeps the one it ingests last (here the one
    published last, then the larger content hash: files carry no order of arrival)."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, doc_id, _ in docs:
        by_key[key].append(doc_id)
    dropped = {(key, doc_id) for key, ids in by_key.items() for doc_id in ids if doc_id != min(ids)}
    by_id: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, doc_id, published in docs:
        if (key, doc_id) not in dropped:
            by_id[doc_id].append((published or "", key))
    for doc_id, versions in by_id.items():
        kept = max(versions)
        dropped |= {(key, doc_id) for published, key in versions if (published, key) != kept}
    return frozenset(dropped)


def _pieces(table: pa.Table, plan: _Plan) -> pa.Table:
    """The rows the store keeps, each with the piece of its block (``_segment``)."""
    import pyarrow as pa

    cuts = plan.cuts()
    keep, segments = [], []
    rows = zip(*(table[c].to_pylist() for c in ("doc_key", "doc_id", "_family", "_iso", "_start", "_end")))
    for key, doc_id, fam, iso, start, end in rows:
        keep.append((key, doc_id) not in plan.dropped)
        segments.append(segment_of(cuts.get((fam, iso), []), None if start is None else (start, end)))
    table = table.append_column("_segment", pa.array(segments, pa.int64()))
    return table.filter(pa.array(keep, pa.bool_()))


def _merge_group(table: pa.Table, timestamp: int) -> pa.Table:
    """One group (a piece of a block) merged, as rows of ``merged_schema``."""
    import pyarrow as pa

    merged = merge_block(_told(table))
    return pa.Table.from_pylist([_merged_row(m, timestamp) for m in merged], schema=merged_schema())


def _merged_row(merged: Merged, timestamp: int) -> dict[str, Any]:
    event = replace(merged.event, timestamp=timestamp)  # ACLED's timestamp: when merged
    reports = [{"doc_key": t.doc_key, "doc_id": t.doc_id, "title": t.title, "outlet": t.outlet, "url": t.url,
                "published": t.published, "text": t.text, "event_json": t.event_json()} for t in merged.reports]  # fmt: skip
    extra = {"n_sources": merged.n_sources, "merge_reasons": list(merged.reasons),
             "event_json": event_json(event), "reports": reports}  # fmt: skip
    return arrow_row(event, timestamp=timestamp, extra=extra)


def merged_from_table(table: pa.Table) -> list[Merged]:
    """The ``Merged`` records of rows ``merge`` wrote (for ``lagebild serve --parquet``)."""
    found = []
    for merged_json, reasons, reports in zip(*(table[c].to_pylist() for c in ("event_json", "merge_reasons", "reports"))):
        told = tuple(Told(Event.from_dict(json.loads(r["event_json"])), r["doc_key"], r["doc_id"], r["title"] or "",
                          r["outlet"], r["url"], r["published"], r["text"] or "") for r in reports)  # fmt: skip
        found.append(Merged(Event.from_dict(json.loads(merged_json)), tuple(reasons or ()), told))
    return found


def _write_group(table: pa.Table, folder: str, name: str) -> int:
    """Write one group's merged rows into the partitions of ``folder``; returns the rows."""
    import pyarrow.parquet as pq

    filesystem, root = _filesystem(folder)
    countries, years = table["country"].to_pylist(), table["year"].to_pylist()
    for country, year in sorted(set(zip(countries, years)), key=repr):
        mask = [c == country and y == year for c, y in zip(countries, years)]
        part = table.filter(mask).drop_columns(list(PARTITIONS))
        directory = f"{root}/country={_hive(country)}/year={_hive(year)}"
        filesystem.create_dir(directory, recursive=True)
        pq.write_table(part, f"{directory}/part-{name}.parquet", filesystem=filesystem)
    return table.num_rows


def _hive(value: object) -> str:
    return _HIVE_NULL if value is None else quote(str(value), safe=" ',()")


def _group_name(fam: str, iso: str | None, segment: int) -> str:
    # Content-derived, so a run writes the same file names whatever engine or order.
    return hashlib.sha1(f"{fam}|{iso}|{segment}".encode()).hexdigest()[:16]


# -- in this process ------------------------------------------------------------------------


def _merge_here(files: Sequence[str], folder: str, timestamp: int) -> MergeReport:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = [pq.read_table(_filesystem(f)[1], filesystem=_filesystem(f)[0], columns=list(_NEEDED)) for f in files]
    table = _keyed(pa.concat_tables(tables))
    plan = _plan(table.select(["doc_key", "doc_id", "doc_published", "_family", "_iso", "_start", "_end"]))
    # One chunk: taking a group's rows from a chunked table copies every chunk each time.
    pieces = _pieces(table, plan).combine_chunks()
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, key in enumerate(zip(*(pieces[c].to_pylist() for c in _KEYS))):
        groups[key].append(i)
    _filesystem(folder)[0].create_dir(_filesystem(folder)[1], recursive=True)
    report = MergeReport(reports=table.num_rows, dropped=table.num_rows - pieces.num_rows, groups=len(groups))
    for key in sorted(groups, key=repr):
        merged = _merge_group(pieces.take(groups[key]), timestamp)
        report.events += _write_group(merged, folder, _group_name(*key))
    return report


# -- on Ray ---------------------------------------------------------------------------------


def _start_ray(address: str | None) -> None:
    import ray

    from .scale import _forwarded_environment, _settle_fsspec_http

    _settle_fsspec_http()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 runtime_env={"env_vars": _forwarded_environment()})  # fmt: skip


def _merge_on_ray(files: Sequence[str], rows: int, folder: str, timestamp: int, workers: int | None,
                  progress: bool) -> MergeReport:  # fmt: skip
    import pyarrow as pa
    import ray
    import ray.data
    from ray.data.context import ShuffleStrategy

    # Ray warns that a small input cannot use every task it may start: true, and harmless.
    warnings.filterwarnings("ignore", message="The maximum number of concurrent tasks")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = progress
    # The sort-based shuffle: Ray's default (hash shuffle with aggregator actors) took six
    # seconds here for what this does in half a second (2,000 reports, 2 CPUs).
    context.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    if not progress:
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    _filesystem(folder)[0].create_dir(_filesystem(folder)[1], recursive=True)
    read = ray.data.read_parquet(list(files), columns=list(_NEEDED), file_extensions=None)
    # A shard is one block as read: cut it so that every worker gets some of it.
    keyed = read.repartition(max(workers, -(-rows // BLOCK_ROWS))).map_batches(
        _keyed, batch_format="pyarrow", concurrency=workers).materialize()  # fmt: skip
    light = keyed.select_columns(["doc_key", "doc_id", "doc_published", "_family", "_iso", "_start", "_end"])
    parts = ray.get(light.to_arrow_refs())
    plan = _plan(pa.concat_tables(parts)) if parts else _Plan(frozenset(), ())
    pieces = keyed.map_batches(_pieces, fn_kwargs={"plan": plan}, batch_format="pyarrow", concurrency=workers)
    # Ray's default of 200 shuffle partitions costs more than the merge on a small cluster.
    partitions = max(workers, -(-rows // PARTITION_ROWS))
    # One group at a time in each task, on any node: it merges a piece of a block and writes its own files.
    written = pieces.groupby(list(_KEYS), num_partitions=partitions).map_groups(
        _merge_and_write, fn_kwargs={"folder": folder, "timestamp": timestamp}, batch_format="pyarrow",
        concurrency=workers,
    ).take_all()  # fmt: skip
    report = MergeReport(reports=rows, groups=len(written), events=sum(r["events"] for r in written))
    report.dropped = report.reports - sum(r["reports"] for r in written)
    return report


def _merge_and_write(table: pa.Table, folder: str, timestamp: int) -> pa.Table:
    import pyarrow as pa

    fam, iso, segment = (table[c][0].as_py() for c in _KEYS)
    events = _write_group(_merge_group(table, timestamp), folder, _group_name(fam, iso, segment))
    return pa.table({"events": [events], "reports": [table.num_rows]})


# -- inputs and outputs ---------------------------------------------------------------------


def _filesystem(location: str) -> tuple[Any, str]:
    from pyarrow import fs

    return fs.FileSystem.from_uri(location if "://" in location else os.path.abspath(location))


def _input_files(source: str) -> tuple[list[str], int]:
    """The Parquet files under ``source``, each checked to hold the columns the merge reads,
    and the number of rows they hold."""
    import pyarrow.parquet as pq
    from pyarrow import fs

    try:
        filesystem, path = _filesystem(source)
        info = filesystem.get_file_info(path)
    except (OSError, ValueError) as exc:
        raise InputError(source, f"cannot be opened ({exc})") from None
    if info.type == fs.FileType.NotFound:
        raise InputError(source, "no such folder")
    if info.type == fs.FileType.File:
        found = [path]
    else:
        found = sorted(i.path for i in filesystem.get_file_info(fs.FileSelector(path, recursive=True))
                       if i.type == fs.FileType.File and i.path.endswith(".parquet"))  # fmt: skip
    if not found:
        raise InputError(source, "no .parquet files: give the folder 'lagebild extract --engine ray' wrote")
    scheme = source.split("://", 1)[0] + "://" if "://" in source else ""
    rows = 0
    for file in found:
        try:
            with filesystem.open_input_file(file) as handle:
                metadata = pq.read_metadata(handle)
                names = set(metadata.schema.to_arrow_schema().names)
                rows += metadata.num_rows
        except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
            raise InputError(file, f"not a Parquet file ({str(exc).splitlines()[0]})") from None
        missing = [c for c in _NEEDED if c not in names]
        if missing:
            raise InputError(file, f"lacks the columns {', '.join(missing)}: merge reads the shards of "
                                   "'lagebild extract --engine ray' (of this version)")  # fmt: skip
    return [f"{scheme}{f}" if scheme else f for f in found], rows


def _check_output(output: str) -> None:
    from pyarrow import fs

    filesystem, path = _filesystem(output)
    info = filesystem.get_file_info(path)
    if info.type == fs.FileType.File or (
            info.type == fs.FileType.Directory and filesystem.get_file_info(fs.FileSelector(path))):  # fmt: skip
        raise LagebildError(f"{output}: the output folder must be new or empty (files of another run would mix in)")
    parent = filesystem.get_file_info(str(PurePosixPath(path).parent))
    if "://" not in output and parent.type != fs.FileType.Directory:
        raise LagebildError(f"{output}: its folder {PurePosixPath(path).parent} does not exist")


def _partial_name(output: str) -> str:
    return f"{output.rstrip('/')}.partial-{uuid.uuid4().hex[:8]}"


def _rename(partial: str, output: str) -> None:
    from pyarrow import fs

    filesystem, target = _filesystem(output)
    if filesystem.get_file_info(target).type == fs.FileType.Directory:
        filesystem.delete_dir(target)  # empty: checked before the run
    filesystem.move(_filesystem(partial)[1], target)


def _remove(partial: str) -> None:
    from pyarrow import fs

    try:
        filesystem, path = _filesystem(partial)
        if filesystem.get_file_info(path).type == fs.FileType.Directory:
            filesystem.delete_dir(path)
    except OSError as exc:
        log.warning("%s: could not remove the unfinished output (%s); delete it by hand", partial, exc)


def merged_events(folder: str) -> Iterable[Merged]:
    """Every merged event under a folder ``merge`` wrote, file by file."""
    import pyarrow.parquet as pq

    from pyarrow import fs

    filesystem, root = _filesystem(folder)
    info = filesystem.get_file_info(root)
    if info.type != fs.FileType.Directory:
        raise InputError(folder, "no such folder" if info.type == fs.FileType.NotFound else "not a folder")
    files = sorted(i.path for i in filesystem.get_file_info(fs.FileSelector(root, recursive=True))
                   if i.type == fs.FileType.File and i.path.endswith(".parquet"))  # fmt: skip
    if not files:
        raise InputError(folder, "no .parquet files: give the folder 'lagebild merge' wrote")
    for file in files:
        try:
            with filesystem.open_input_file(file) as handle:
                table = pq.read_table(handle)
        except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
            raise InputError(file, f"not a Parquet file ({str(exc).splitlines()[0]})") from None
        missing = [c for c in (*MERGED_COLUMNS, "merge_reasons") if c not in table.column_names]
        if missing:
            raise InputError(file, f"lacks the columns {', '.join(missing)}: give the folder 'lagebild merge' wrote")
        yield from merged_from_table(table)

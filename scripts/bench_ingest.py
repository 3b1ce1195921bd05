"""Measure ingest into the event store: throughput and store size, as the store grows.

Makes N documents (default 10,000) by repeating examples/*.txt with new ids, titles and
publication dates — every absolute date in the text moves with the publication date, so
each copy tells events on other days — and ingests them in chunks into a fresh store with
``--jobs`` extraction workers (default: every core), printing per chunk the throughput
(reports/s), the store's bytes per report and the ratio of the store's bytes to the bytes of
text it holds. Before each chunk extraction alone runs with the same jobs on ``--sample``
other reports (the same templates, other days), so that the ratio of ingest to extraction
throughput compares rates taken minutes apart at most, under much the same load of a shared
machine; the CPU time per report (the writing process, the extracting workers, and
extraction alone) is printed too, which the machine's other jobs move less. The size and
time of larger stores are extrapolated linearly from the measured chunks (printed as such).

Dates are spread so that about ``--per-day`` documents are published per day, as in
daily ingest: the density of candidates per merging lookup stays constant, so time per
document should too.

    .venv/bin/python scripts/bench_ingest.py --docs 10000 --chunk 2000 --jobs 2

``--write-corpus FILE`` only writes the documents as JSONL (for ``lagebild extract --engine
ray`` and ``lagebild merge``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from lagebild.io.readers import read_documents
from lagebild.pipeline import Resources, extract_parallel
from lagebild.records import Document
from lagebild.store.store import EventStore
from lagebild.workers import available_cores

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]  # fmt: skip
_DATES = re.compile(
    r"\b(?P<day>\d{1,2})\.\s+(?P<month>" + "|".join(MONTHS) + r")(?:\s+(?P<year>(?:19|20)\d\d))?\b"
    r"|\b(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>(?:19|20)\d\d)?"
    r"|\b(?P<bare>(?:19|20)\d\d)\b"
)
START = dt.date(2000, 1, 1)


def shifted(text: str, original: dt.date, new: dt.date) -> str:
    """Move every absolute date in ``text`` by the distance from ``original`` to ``new``."""

    def move(match: re.Match) -> str:
        if match.group("bare"):
            return str(int(match.group("bare")) + new.year - original.year)
        if match.group("nday"):  # "3.3." or "3.3.2024"
            year = int(match.group("nyear") or original.year)
            try:
                told = dt.date(year, int(match.group("nmonth")), int(match.group("nday")))
            except ValueError:
                return match.group(0)
            moved = new + (told - original)
            return f"{moved.day}.{moved.month}." + (str(moved.year) if match.group("nyear") else "")
        year = int(match.group("year") or original.year)
        try:
            told = dt.date(year, MONTHS.index(match.group("month")) + 1, int(match.group("day")))
        except ValueError:
            return match.group(0)
        moved = new + (told - original)
        return f"{moved.day}. {MONTHS[moved.month - 1]}" + (f" {moved.year}" if match.group("year") else "")

    return _DATES.sub(move, text)


def documents(first: int, count: int, per_day: int) -> Iterator[Document]:
    """Documents ``first`` .. ``first + count - 1`` of the benchmark's corpus."""
    templates = [d for d in read_documents([EXAMPLES]) if isinstance(d, Document)]
    for i in range(first, first + count):
        template = templates[i % len(templates)]
        parts = (template.published or "2000").split("-") + ["01", "01"]
        original = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))  # a partial date: its first day
        new = START + dt.timedelta(days=i // per_day)
        yield Document(
            id=f"{template.id}-{i:07d}", text=shifted(template.text, original, new),
            title=f"{shifted(template.title, original, new)} ({i})", url=template.url, outlet=template.outlet,
            published=new.isoformat(),
        )  # fmt: skip


def store_bytes(path: Path) -> int:
    """The store on disk, its write-ahead log copied into the file first: the log is a
    bounded, reused buffer of recent pages, not part of what the store holds."""
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user and system) of this process and of its ended children (the workers of
    an ingest or an extraction end with it)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def extraction_alone(docs: list[Document], resources: Resources, jobs: int) -> tuple[float, float]:
    """(reports/s, CPU ms per report) of extraction without the store, on ``jobs`` workers."""
    started, (own, children) = time.perf_counter(), cpu_seconds()
    for _ in extract_parallel(docs, resources, jobs=jobs):
        pass
    seconds, (own_after, children_after) = time.perf_counter() - started, cpu_seconds()
    return len(docs) / seconds, 1000 * (own_after - own + children_after - children) / len(docs)


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares line (intercept, slope) through the points."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - slope * mx, slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=None, help="documents per chunk (default: docs/5)")
    parser.add_argument("--jobs", type=int, default=None, help="extraction workers (default: every core)")
    parser.add_argument("--per-day", type=int, default=30, help="documents published per day")
    parser.add_argument("--sample", type=int, default=1000, help="reports extracted alone before each chunk")
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temporary one)")
    parser.add_argument("--no-geocode", action="store_true")
    parser.add_argument("--extrapolate", type=int, nargs="*", default=[100_000, 1_000_000],
                        help="store sizes (reports) to extrapolate to from the measured chunks")  # fmt: skip
    parser.add_argument("--write-corpus", type=Path, metavar="FILE", help="only write the documents (JSONL) to FILE")
    args = parser.parse_args()
    if args.write_corpus:
        with args.write_corpus.open("w", encoding="utf-8") as handle:
            for d in documents(0, args.docs, args.per_day):
                handle.write(json.dumps({"id": d.id, "text": d.text, "title": d.title, "url": d.url, "outlet": d.outlet,
                                         "published": d.published}, ensure_ascii=False) + "\n")  # fmt: skip
        print(f"wrote {args.docs} documents to {args.write_corpus}", file=sys.stderr)
        return
    chunk = args.chunk or max(1, args.docs // 5)
    jobs = args.jobs or available_cores()
    db = args.db or Path(tempfile.mkdtemp(prefix="lagebild-bench-")) / "bench.db"
    resources = Resources.load(geocode=not args.no_geocode)
    print(f"# {args.docs} reports into {db}, chunks of {chunk}, jobs {jobs}, {dt.date.today()}", flush=True)
    print("chunk  reports  reports/s  extract/s  ingest/extract  writer_cpu_ms  workers_cpu_ms  extract_cpu_ms  events"
          "  merged  store_MB  store_bytes/report  text_bytes/report  store/text")  # fmt: skip
    text_bytes, points, seconds, extract_seconds = 0, [], 0.0, 0.0
    with EventStore.open(db) as store:
        for number, start in enumerate(range(0, args.docs, chunk), start=1):
            docs = list(documents(start, min(chunk, args.docs - start), args.per_day))
            # Extraction alone just before: reports made after every ingested one (the same
            # templates, other days), so both run with the caches warm and under like load.
            sample = list(documents(args.docs + start, min(args.sample, len(docs)), args.per_day))
            extract_rate, extract_cpu = extraction_alone(sample, resources, jobs)
            extract_seconds += len(docs) / extract_rate
            text_bytes += sum(len(d.full_text.encode("utf-8")) for d in docs)
            own, children = cpu_seconds()
            report = store.ingest(docs, resources, jobs=jobs)
            own_after, children_after = cpu_seconds()
            seconds += report.seconds
            done, size, rate = start + len(docs), store_bytes(db), len(docs) / report.seconds
            points.append((done, size, seconds))
            print(f"{number:5d}  {done:7d}  {rate:9.1f}  {extract_rate:9.1f}  {rate / extract_rate:14.2f}  "
                  f"{1000 * (own_after - own) / len(docs):13.2f}  {1000 * (children_after - children) / len(docs):14.2f}  "
                  f"{extract_cpu:14.2f}  {report.events:6d}  {report.merged:6d}  {size / 1e6:8.1f}  {size / done:18.0f}  "
                  f"{text_bytes / done:17.0f}  {size / text_bytes:10.2f}", flush=True)  # fmt: skip
    ingest_rate, extract_rate = args.docs / seconds, args.docs / extract_seconds
    print(f"ingest: {args.docs} reports in {seconds:.0f} s, {ingest_rate:.1f} reports/s; extraction alone "
          f"(samples before each chunk, jobs {jobs}): {extract_rate:.1f} reports/s; ingest/extract "
          f"{ingest_rate / extract_rate:.2f}")  # fmt: skip
    # Linear growth: size and time against reports, fitted over the chunks after the first
    # (the first carries the file's fixed overhead and the caches' warm-up).
    used = points[1:] if len(points) > 2 else points
    size0, per_report = fit([p[0] for p in used], [p[1] for p in used])
    time0, per_report_s = fit([p[0] for p in used], [p[2] for p in used])
    print(f"linear fit over chunks {len(points) - len(used) + 1}..{len(points)}: store bytes = {size0:.0f} + "
          f"{per_report:.0f} x reports; seconds = {time0:.1f} + {per_report_s * 1000:.2f} ms x reports")  # fmt: skip
    for n in args.extrapolate:
        if n <= args.docs:
            continue
        size = size0 + per_report * n
        print(f"extrapolated (not measured) to {n:,} reports: store {size / 1e9:.2f} GB "
              f"({size / n:.0f} bytes/report, store/text {size / (text_bytes / args.docs * n):.2f}), "
              f"ingest {(time0 + per_report_s * n) / 3600:.1f} h at {1 / per_report_s:.0f} reports/s")  # fmt: skip


if __name__ == "__main__":
    main()

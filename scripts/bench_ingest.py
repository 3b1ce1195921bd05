"""Measure ingest into the event store: does time per document stay flat as the store grows?

Makes N documents (default 100,000) by repeating examples/*.txt with new ids, titles and
publication dates — every absolute date in the text moves with the publication date, so
each copy tells events on other days — and ingests them in chunks into a fresh store,
printing per chunk the throughput (docs/s, overall and for the store's own work, i.e.
without extraction), the events stored and merged, and the store's size on disk.

Dates are spread so that about ``--per-day`` documents are published per day, as in
daily ingest: the density of candidates per dedup lookup stays constant, so time per
document should too.

    .venv/bin/python scripts/bench_ingest.py --docs 20000 --chunk 2000

``--write-corpus FILE`` only writes the documents as JSONL (for ``lagebild extract --engine
ray`` and ``lagebild merge``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from lagebild.pipeline import Resources, extract_document
from lagebild.io.readers import read_documents
from lagebild.records import Document
from lagebild.store.store import EventStore

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


def documents(count: int, per_day: int) -> list[Document]:
    templates = [d for d in read_documents([EXAMPLES]) if isinstance(d, Document)]
    made = []
    for i in range(count):
        template = templates[i % len(templates)]
        parts = (template.published or "2000").split("-") + ["01", "01"]
        original = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))  # a partial date: its first day
        new = START + dt.timedelta(days=i // per_day)
        made.append(Document(
            id=f"{template.id}-{i:06d}", text=shifted(template.text, original, new),
            title=f"{shifted(template.title, original, new)} ({i})", url=template.url, outlet=template.outlet,
            published=new.isoformat(),
        ))  # fmt: skip
    return made


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=None, help="documents per chunk (default: docs/10)")
    parser.add_argument("--per-day", type=int, default=30, help="documents published per day")
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temporary one)")
    parser.add_argument("--no-geocode", action="store_true")
    parser.add_argument("--write-corpus", type=Path, metavar="FILE", help="only write the documents (JSONL) to FILE")
    args = parser.parse_args()
    if args.write_corpus:
        with args.write_corpus.open("w", encoding="utf-8") as handle:
            for d in documents(args.docs, args.per_day):
                handle.write(json.dumps({"id": d.id, "text": d.text, "title": d.title, "url": d.url, "outlet": d.outlet,
                                         "published": d.published}, ensure_ascii=False) + "\n")  # fmt: skip
        print(f"wrote {args.docs} documents to {args.write_corpus}", file=sys.stderr)
        return
    chunk = args.chunk or max(1, args.docs // 10)
    db = args.db or Path(tempfile.mkdtemp(prefix="lagebild-bench-")) / "bench.db"
    resources = Resources.load(geocode=not args.no_geocode)
    docs = documents(args.docs, args.per_day)
    spent = [0.0]

    def extract(document: Document):
        started = time.perf_counter()
        events = extract_document(document, resources)[1]
        spent[0] += time.perf_counter() - started
        return events

    print(f"{args.docs} documents into {db}, chunks of {chunk}", file=sys.stderr)
    print("chunk  docs_total  docs/s  store_docs/s  events  merged  events_in_store  db_MB")
    total_started = time.perf_counter()
    with EventStore.open(db) as store:
        for number, start in enumerate(range(0, len(docs), chunk), start=1):
            spent[0] = 0.0
            report = store.ingest(docs[start : start + chunk], resources, extract=extract)
            store_seconds = max(report.seconds - spent[0], 1e-9)
            stats = store.stats()
            print(f"{number:5d}  {start + report.documents:10d}  {report.documents / report.seconds:6.0f}  "
                  f"{report.documents / store_seconds:12.0f}  {report.events:6d}  {report.merged:6d}  "
                  f"{stats['events']:15d}  {size_mb(db):5.1f}", flush=True)  # fmt: skip
    elapsed = time.perf_counter() - total_started
    print(f"total: {args.docs} documents in {elapsed:.0f} s ({args.docs / elapsed:.0f} docs/s); "
          f"sources per event {dict(sorted(stats['sources_per_event'].items())[:6])}", file=sys.stderr)


if __name__ == "__main__":
    main()

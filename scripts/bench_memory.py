"""Benchmark: peak memory of ``lagebild extract`` by input size, and time per MB of one
very long report against ordinary ones. Not a test: the numbers depend on the machine.

1. Memory: the bundled examples/ repeated (with new ids) into a JSONL file of each size
   given (default 5 and 50 MB); ``lagebild extract FILE -o OUT.jsonl`` runs in a process of
   its own, whose peak resident memory is reported. Streaming extraction keeps it flat.
2. Long report: the examples' texts joined into one line and repeated to ``--line-mb`` MB
   (default 4), as a single report; and the same amount of text as ordinary reports. Both
   are extracted in this process (start-up excluded); seconds per MB of each and their ratio
   are reported.

    python scripts/bench_memory.py [--mb 5 50] [--line-mb 4] [--no-geocode] [--skip-memory] [--skip-line]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lagebild.io.readers import read_documents
from lagebild.pipeline import Resources, extract_document
from lagebild.records import Document

ROOT = Path(__file__).resolve().parent.parent


def examples() -> list[Document]:
    return [d for d in read_documents([ROOT / "examples"]) if isinstance(d, Document)]


def write_corpus(path: Path, megabytes: float, templates: list[Document]) -> int:
    """A JSONL file of at least ``megabytes`` MB of reports; returns the number of reports."""
    size = count = 0
    with path.open("w", encoding="utf-8") as handle:
        while size < megabytes * 1e6:
            for doc in templates:
                line = json.dumps({"id": f"{doc.id}-{count}", "text": doc.text, "title": doc.title,
                                   "published": doc.published}, ensure_ascii=False) + "\n"  # fmt: skip
                handle.write(line)
                size += len(line.encode("utf-8"))
                count += 1
    return count


def peak_memory(megabytes: float, templates: list[Document], folder: Path, geocode: bool) -> None:
    corpus = folder / f"corpus-{megabytes:g}mb.jsonl"
    reports = write_corpus(corpus, megabytes, templates)
    command = [sys.executable, "-m", "lagebild", "extract", str(corpus), "-q", "-o", str(folder / "out.jsonl")]
    if not geocode:
        command.append("--no-geocode")
    start = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)  # the resources of this one child
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    events = sum(1 for _ in (folder / "out.jsonl").open(encoding="utf-8"))
    print(f"extract {corpus.stat().st_size / 1e6:5.1f} MB ({reports} reports, {events} events): "
          f"peak memory {usage.ru_maxrss / 1024:.0f} MB, {seconds:.0f} s, exit {process.returncode}", flush=True)  # fmt: skip


def seconds_per_mb(documents: list[Document], resources: Resources) -> tuple[float, float, int]:
    size = sum(len(d.full_text.encode("utf-8")) for d in documents) / 1e6
    start = time.perf_counter()
    events = sum(len(extract_document(d, resources)[1]) for d in documents)
    seconds = time.perf_counter() - start
    return seconds / size, size, events


def long_report(megabytes: float, templates: list[Document], geocode: bool) -> None:
    resources = Resources.load(geocode=geocode)
    for doc in templates:  # warm caches (lexicon automaton, gazetteer look-ups) for both runs
        extract_document(doc, resources)
    line = " ".join(" ".join(d.text.split()) for d in templates)
    text = (line + " ") * int(megabytes * 1e6 / len(line.encode("utf-8")) + 1)
    single = Document(id="eine-zeile", text=text, published="2024-11-30")
    ordinary, size = [], 0
    while size < len(text.encode("utf-8")):
        for doc in templates:
            ordinary.append(Document(id=f"{doc.id}-{len(ordinary)}", text=doc.text, title=doc.title,
                                     published=doc.published))  # fmt: skip
            size += len(doc.full_text.encode("utf-8"))
    per_mb_ordinary, mb_ordinary, events_ordinary = seconds_per_mb(ordinary, resources)
    print(f"ordinary reports: {mb_ordinary:.1f} MB ({len(ordinary)} reports, {events_ordinary} events): "
          f"{per_mb_ordinary:.2f} s/MB", flush=True)  # fmt: skip
    per_mb_single, mb_single, events_single = seconds_per_mb([single], resources)
    print(f"one single-line report: {mb_single:.1f} MB ({events_single} events): {per_mb_single:.2f} s/MB "
          f"= {per_mb_single / per_mb_ordinary:.1f}x ordinary", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[5.0, 50.0], help="input sizes in MB (default 5 50)")
    parser.add_argument("--line-mb", type=float, default=4.0, help="size of the single-line report (default 4)")
    parser.add_argument("--no-geocode", action="store_true", help="leave the gazetteer out")
    parser.add_argument("--skip-memory", action="store_true", help="only the long report")
    parser.add_argument("--skip-line", action="store_true", help="only peak memory")
    args = parser.parse_args()
    templates = examples()
    if not args.skip_memory:
        with tempfile.TemporaryDirectory(prefix="lagebild-bench-") as folder:
            for megabytes in args.mb:
                peak_memory(megabytes, templates, Path(folder), geocode=not args.no_geocode)
    if not args.skip_line:
        long_report(args.line_mb, templates, geocode=not args.no_geocode)


if __name__ == "__main__":
    main()

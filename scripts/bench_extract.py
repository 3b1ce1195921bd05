"""Benchmark: ``lagebild extract`` as a whole process, on one core and on all, against the yardstick.

Builds a JSONL corpus by repeating the bundled examples/ with new ids (default 2,000 reports,
about 3.7 MB), then times whole processes, each several times, the median quoted:

- ``keyword_coder.py``, the speed yardstick beside the repo (``../shared/bench/``), if present;
- ``lagebild extract CORPUS -o OUT --jobs 1`` and ``lagebild extract CORPUS -o OUT`` (every core);
- the start-up: ``lagebild extract`` of one short report (the gazetteer already built).

It prints reports/s, the ratio of each lagebild run to the yardstick's time (measured in turn
with it, so that a machine's drift affects both alike), and the peak memory of the largest
process of each run. Not a test: the numbers depend on the machine and its load.

    python scripts/bench_extract.py [--reports 2000] [--repeat 3] [--no-geocode]
    python scripts/bench_extract.py --write-corpus reports.jsonl [--reports 2000]   # the corpus alone
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lagebild.io.readers import read_documents
from lagebild.records import Document
from lagebild.workers import available_cores

ROOT = Path(__file__).resolve().parent.parent
YARDSTICK = ROOT.parent / "shared" / "bench" / "keyword_coder.py"


def write_corpus(path: Path, reports: int) -> int:
    """``reports`` reports, the examples repeated with new ids, as JSONL; returns its bytes."""
    examples = [d for d in read_documents([ROOT / "examples"]) if isinstance(d, Document)]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(reports):
            doc = examples[n % len(examples)]
            handle.write(json.dumps({"id": f"{doc.id}-{n}", "text": doc.text, "title": doc.title,
                                     "published": doc.published}, ensure_ascii=False) + "\n")  # fmt: skip
    return path.stat().st_size


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB (the largest process of its tree) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode(errors='replace')[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="reports in the corpus (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3); the median is quoted")
    parser.add_argument("--no-geocode", action="store_true", help="leave the gazetteer out")
    parser.add_argument("--write-corpus", type=Path, metavar="FILE", help="only write the corpus (JSONL) to FILE")
    args = parser.parse_args()
    if args.write_corpus:
        size = write_corpus(args.write_corpus, args.reports)
        print(f"wrote {args.reports} reports ({size / 1e6:.1f} MB) to {args.write_corpus}")
        return

    lagebild = [sys.executable, "-m", "lagebild", "extract", "-q"] + (["--no-geocode"] if args.no_geocode else [])
    cores = available_cores()
    with tempfile.TemporaryDirectory() as folder:
        corpus, out = Path(folder) / "corpus.jsonl", Path(folder) / "out.jsonl"
        size = write_corpus(corpus, args.reports)
        one = Path(folder) / "one.txt"
        one.write_text(next(iter(sorted((ROOT / "examples").glob("*.txt")))).read_text(encoding="utf-8"), encoding="utf-8")
        commands = {
            "lagebild --jobs 1": [*lagebild, str(corpus), "-o", str(out), "--jobs", "1"],
            f"lagebild (all {cores} cores)": [*lagebild, str(corpus), "-o", str(out)],
        }
        if YARDSTICK.exists():
            commands = {"yardstick": [sys.executable, str(YARDSTICK), str(corpus), str(out)], **commands}
        timed([*lagebild, str(one), "-o", str(out)])  # warm-up: builds what a first run builds
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        starts = []
        for _ in range(args.repeat):  # in turn, so that drift of the machine hits every command alike
            for name, command in commands.items():
                runs[name].append(timed(command))
            starts.append(timed([*lagebild, str(one), "-o", str(out)])[0])
    print(f"{time.strftime('%Y-%m-%d')}, {os.uname().nodename}, {cores} cores; corpus: {args.reports} reports, "
          f"{size / 1e6:.1f} MB (examples/ repeated); median of {args.repeat} runs; whole processes")  # fmt: skip
    yardstick = statistics.median(s for s, _ in runs["yardstick"]) if "yardstick" in runs else None
    for name, measured in runs.items():
        seconds = statistics.median(s for s, _ in measured)
        ratio = f", {seconds / yardstick:.2f}x the yardstick" if yardstick and name != "yardstick" else ""
        print(f"{name:24s} {seconds:6.2f} s  {args.reports / seconds:6.0f} reports/s  "
              f"peak {max(m for _, m in measured):4.0f} MB{ratio}")  # fmt: skip
    print(f"{'start-up (one report)':24s} {statistics.median(starts):6.2f} s")
    if yardstick is None:
        print(f"(no yardstick at {YARDSTICK}: ratios left out)")


if __name__ == "__main__":
    main()

"""Benchmark: end-to-end extraction speed on one core, and peak memory.

Builds a corpus of at least 5 MB by repeating the bundled examples/ with varied ids, runs
the whole pipeline (reading excluded) in this process and reports articles/s, MB/s and the
peak resident memory. Not a test: numbers depend on the machine.

    python scripts/bench_extract.py [--mb 5] [--no-geocode]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from lagebild.pipeline import Resources, extract_document
from lagebild.io.readers import read_documents
from lagebild.records import Document

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--no-geocode", action="store_true", help="leave the gazetteer out")
    args = parser.parse_args()

    examples = [d for d in read_documents([ROOT / "examples"]) if isinstance(d, Document)]
    corpus: list[Document] = []
    size = 0
    while size < args.mb * 1e6:
        for doc in examples:
            copy = Document(id=f"{doc.id}-{len(corpus)}", text=doc.text, title=doc.title, published=doc.published)
            corpus.append(copy)
            size += len(doc.full_text.encode("utf-8"))
    start = time.perf_counter()
    resources = Resources.load(geocode=not args.no_geocode)
    extract_document(examples[0], resources)  # warm caches: lexicon automaton, gazetteer keys
    loaded = time.perf_counter()
    events = 0
    for doc in corpus:
        events += len(extract_document(doc, resources)[1])
    done = time.perf_counter()
    seconds = done - loaded
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(corpus)} articles, {size / 1e6:.1f} MB ({len(examples)} examples repeated)")
    print(f"start-up (lexicon + gazetteer): {loaded - start:.2f} s")
    print(f"extraction: {seconds:.2f} s -> {len(corpus) / seconds:.0f} articles/s, {size / 1e6 / seconds:.2f} MB/s")
    print(f"events: {events}; peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

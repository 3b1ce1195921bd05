"""Reading reports in and writing events out.

``readers`` turns files, folders, JSONL, CSV, HTML and stdin into ``Document`` records (a bad
input becomes an ``InputFailure``, never an exception); ``writers`` writes ``Event`` records
as JSONL, ACLED-style CSV, GeoJSON or Parquet, atomically.
"""

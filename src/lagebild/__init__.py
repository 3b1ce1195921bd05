"""lagebild: German-language conflict reporting in, geocoded ACLED-style events out."""

from __future__ import annotations

__version__ = "0.1.0"

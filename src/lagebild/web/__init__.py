"""The web page and JSON API over the event store (FastAPI; the ``server`` extra)."""

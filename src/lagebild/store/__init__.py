"""The embedded event store: SQLite in WAL mode, merging reports of one event across documents.

Reads ``Document`` and ``Event`` records; writes stored, merged events that ``events``,
``show``, ``export``, ``stats`` and the web page read back.
"""

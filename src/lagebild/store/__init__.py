"""The embedded event store: SQLite in WAL mode, merging reports of one event across documents.

Reads ``Document`` and ``Event`` records; writes stored, merged events that ``events``,
``show``, ``export``, ``stats`` and the web page read back. ``store`` is the entry point
(``EventStore``); ``schema`` makes and migrates the file, ``merging`` keeps members and
merged events in it. How reports are merged, in pure functions over records: ``pairs``
(the evidence that two reports tell one event), ``dedup`` (the pass over the days that
forms the events) and ``reconcile`` (the merged event's fields). ``filters`` and ``export``
serve the read commands.
"""

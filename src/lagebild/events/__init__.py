"""Event assembly: from an ``Analysis`` to ACLED-coded ``Event`` records.

Reads an ``Analysis``, the ``Lexicon`` and (optionally) a ``Gazetteer``; writes ``Event``
records and a ``Decision`` trail that ``lagebild explain`` shows.
"""

from .assembly import Decision, assemble_events

__all__ = ["Decision", "assemble_events"]

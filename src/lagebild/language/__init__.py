"""The language layer: German text in, typed mentions out.

Reads a ``Document`` and the bundled lexicons; writes an ``Analysis``: sentences, tokens and
``Mention`` records (actors, descriptions, sources, cues, triggers, quantities, dates, places)
with their spans. ``tolls`` reads the casualty figures of a sentence from an ``Analysis``.
"""

"""The orchestrator: documents in, events out, stage after stage.

Reads: inputs (paths or ``Document`` records). Writes: ``Event`` records and the
``InputFailure`` of every input that could not be read. The stages, in order:
``readers`` -> ``mentions.analyse`` (language layer and place names) ->
``events.assemble_events`` (coding, geocoding, merging).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .events import Decision, assemble_events
from .language.lexicon import Lexicon
from .language.mentions import Analysis, analyse
from .io.readers import InputFailure, read_documents
from .records import Document, Event

if TYPE_CHECKING:
    from .geo import Gazetteer

__all__ = ["ExtractResult", "Resources", "extract_document", "run"]


@dataclass
class Resources:
    """Everything the stages need, loaded once and passed in."""

    lexicon: Lexicon
    gazetteer: Gazetteer | None = None

    @classmethod
    def load(
        cls, *, geocode: bool = True, gazetteer_path: Path | None = None, on_build: Callable[[], None] | None = None
    ) -> Resources:
        gazetteer = None
        if geocode:
            from .geo import Gazetteer

            gazetteer = Gazetteer.open(gazetteer_path, on_build=on_build)
        return cls(Lexicon.load(), gazetteer)


@dataclass
class ExtractResult:
    documents: int = 0
    events: list[Event] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def by_type(self) -> Counter[str]:
        return Counter(e.event_type for e in self.events)


def extract_document(
    document: Document, resources: Resources, trail: list[Decision] | None = None
) -> tuple[Analysis, list[Event]]:
    """Analyse one document and assemble its events."""
    analysis = analyse(document, resources.lexicon, resources.gazetteer)
    events = assemble_events(analysis, resources.lexicon, resources.gazetteer, version=__version__, trail=trail)
    return analysis, events


def run(
    inputs: Iterable[str | Path | Document | InputFailure],
    resources: Resources,
    *,
    published: str | None = None,
    on_document: Callable[[Document | InputFailure], None] | None = None,
) -> ExtractResult:
    """Read every input, extract its events, and collect failures instead of stopping."""
    result = ExtractResult()
    items = list(inputs)
    documents = [i for i in items if isinstance(i, (Document, InputFailure))]
    paths = [i for i in items if not isinstance(i, (Document, InputFailure))]
    for item in itertools.chain(documents, read_documents(paths, published=published)):
        if isinstance(item, InputFailure):
            result.failures.append(item)
        else:
            result.documents += 1
            result.events.extend(extract_document(item, resources)[1])
        if on_document:
            on_document(item)
    return result

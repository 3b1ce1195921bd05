"""The orchestrator: documents in, events out, stage after stage.

Reads: inputs (paths or ``Document`` records). Writes: ``Event`` records and the
``InputFailure`` of every input that could not be read. The stages, in order:
``readers`` -> ``mentions.analyse`` (language layer and place names) ->
``events.assemble_events`` (coding, geocoding, merging).

``extract`` goes document by document: each is read, extracted and handed on before the
next is read, so memory does not grow with the input. ``run`` collects everything.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .events import Decision, assemble_events
from .io.readers import InputFailure, read_documents
from .language.lexicon import Lexicon
from .language.mentions import Analysis, analyse
from .language.sections import Section, digest_sections, moved
from .records import Document, Event
from .workers import failure_of

if TYPE_CHECKING:
    from .geo import Gazetteer

__all__ = ["ExtractResult", "ReadSection", "Resources", "extract", "extract_document", "extract_parallel", "read_report",
           "report_events", "run"]

log = logging.getLogger(__name__)


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
    """What a run read and found. ``events`` holds every event, or, when ``keep`` is set,
    only the first ``keep`` of them (the others went to the outputs as they came)."""

    documents: int = 0
    events: list[Event] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    by_type: Counter[str] = field(default_factory=Counter)
    event_count: int = 0
    keep: int | None = None

    def add(self, item: Document | InputFailure, events: list[Event]) -> None:
        """Count one document and its events, or one failure."""
        if isinstance(item, InputFailure):
            self.failures.append(item)
            return
        self.documents += 1
        self.event_count += len(events)
        self.by_type.update(e.event_type for e in events)
        room = len(events) if self.keep is None else max(0, self.keep - len(self.events))
        self.events.extend(events[:room])


def extract_document(
    document: Document, resources: Resources, trail: list[Decision] | None = None, *, item: bool = False
) -> tuple[Analysis, list[Event]]:
    """Analyse one text as one story and assemble its events (``report_events`` first parts
    a digest into its items; ``item``: ``document`` is one, titled by its subheading)."""
    analysis = analyse(document, resources.lexicon, resources.gazetteer, item=item)
    events = assemble_events(analysis, resources.lexicon, resources.gazetteer, version=__version__, trail=trail)
    return analysis, events


@dataclass(frozen=True)
class ReadSection:
    """One story of a report (the report itself, or an item of a digest): its analysis, the
    decisions of the event passes, and its events, evidence spans counted in the whole report."""

    section: Section
    analysis: Analysis
    trail: list[Decision]
    events: list[Event]


def read_report(document: Document, resources: Resources) -> list[ReadSection]:
    """Each story of one report with its events; each item of a digest ("Mali: ...", "Irak:
    ...") is read as a story of its own."""
    read = []
    for section in digest_sections(document, resources.lexicon, resources.gazetteer):
        trail: list[Decision] = []
        analysis, events = extract_document(section.document, resources, trail, item=section.item)
        read.append(ReadSection(section, analysis, trail, moved(events, section.offset)))
    # A digest's lead sums up its items ("Proteste in Serbien und Georgien"): what it tells of
    # a country an item tells of is told there.
    items = {e.iso for r in read if r.section.item for e in r.events}
    if len(read) > 1:
        read = [r if r.section.item else replace(r, events=[e for e in r.events if e.iso not in items]) for r in read]
    return read


def report_events(document: Document, resources: Resources) -> list[Event]:
    """The events of one report, of every story in it (see ``read_report``)."""
    return [e for r in read_report(document, resources) for e in r.events]


def extract(
    inputs: Iterable[str | Path | Document | InputFailure], resources: Resources, *, published: str | None = None
) -> Iterator[tuple[Document | InputFailure, list[Event]]]:
    """Each document with its events, one at a time, and each failure with none.

    Documents and failures given in ``inputs`` come first, then what the paths hold. A
    document the stages fail on becomes a failure too: one report never ends a run.
    """
    for item in _items(inputs, published):
        if isinstance(item, InputFailure):
            yield item, []
            continue
        try:
            events = report_events(item, resources)
        except Exception as exc:  # noqa: BLE001 - a bug on one report must not cost the others
            log.debug("extracting %s failed", item.id, exc_info=True)
            yield failure_of(item, exc), []
            continue
        yield item, events


def extract_parallel(
    inputs: Iterable[str | Path | Document | InputFailure],
    resources: Resources,
    *,
    published: str | None = None,
    jobs: int | None = None,
) -> Iterator[tuple[Document | InputFailure, list[Event]]]:
    """``extract`` on ``jobs`` worker processes (default: every core this process may use):
    the same items, events and failures, in the same order, streamed as they are done.

    The workers are forked from this process and share ``resources``; a short input is
    extracted in this process. See ``lagebild.workers``.
    """
    from .workers import available_cores, extract_in_workers

    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    yield from extract_in_workers(_items(inputs, published), resources, report_events, jobs or available_cores())


def _items(
    inputs: Iterable[str | Path | Document | InputFailure], published: str | None
) -> Iterator[Document | InputFailure]:
    items = list(inputs)
    given = [i for i in items if isinstance(i, (Document, InputFailure))]
    paths = [i for i in items if not isinstance(i, (Document, InputFailure))]
    return itertools.chain(given, read_documents(paths, published=published))


def run(
    inputs: Iterable[str | Path | Document | InputFailure],
    resources: Resources,
    *,
    published: str | None = None,
    on_document: Callable[[Document | InputFailure], None] | None = None,
    write: Callable[[list[Event]], None] | None = None,
    keep: int | None = None,
    jobs: int | None = None,
) -> ExtractResult:
    """Read every input, extract its events, and collect failures instead of stopping.

    ``write``, if given, gets each document's events (maybe none) as soon as they are
    found; ``keep`` then bounds how many events the result holds (see ``ExtractResult``).
    ``jobs``: worker processes (default: every core; see ``extract_parallel``).
    """
    result = ExtractResult(keep=keep)
    for item, events in extract_parallel(inputs, resources, published=published, jobs=jobs):
        if write is not None and isinstance(item, Document):
            write(events)
        result.add(item, events)
        if on_document:
            on_document(item)
    return result

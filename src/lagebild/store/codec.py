"""How the store writes an ``Event`` into one column: small, and read back exactly as written.

Reads and writes ``Event`` records; runs no SQL (``merging`` and ``store`` do). A stored event
used to be the JSON of ``Event.to_dict()``: every field by name, defaults and all, and every
evidence span with its text, which the document's ``full_text`` holds already. That made the
store about nine times the size of the text it holds. A packed event (``pack``) is a
zlib-compressed JSON object of only the fields that differ from the ``Event`` defaults, with
the evidence spans as offsets (their text is ``full_text[start:end]``, read back from the
document; a span whose text is not that slice keeps its text). A merged event is packed as
the fields in which it differs from one of its member events (``pack_delta``), which for an
event told by one report is only its timestamp.

The first byte says how a value was packed, so a store keeps every row readable as the
format grows: old rows (JSON text, ``{``) are read as they were written.

>>> from lagebild.records import Evidence, Span
>>> text = "Kämpfe in Charkiw."
>>> event = Event("UKR1", event_date="2024-05-14", doc_id="a", evidence=Evidence(Span(0, 6, "Kämpfe")))
>>> unpack(pack(event, text, event_id="UKR1", doc_id="a"), text, event_id="UKR1", doc_id="a") == event
True
>>> merged = Event("UKR1", event_date="2024-05-14", doc_id="a", evidence=event.evidence, timestamp=17)
>>> unpack_delta(pack_delta(merged, event), event) == merged
True
"""

from __future__ import annotations

import json
import zlib
from dataclasses import MISSING, fields
from typing import Any

from ..errors import StoreError
from ..records import Event, Evidence, Span

__all__ = ["is_delta", "pack", "pack_delta", "pack_reasons", "unpack", "unpack_delta", "unpack_reasons"]

# The first byte of a packed value: the format it is in.
_FULL = 1  # the event's non-default fields, spans as offsets into the document's full text
_DELTA = 2  # the fields in which a merged event differs from the member event it is named after
_WHOLE = 3  # a merged event not named after one of its members: its fields that differ from Event()
_REASONS = 4  # why a merged event's reports were merged: a JSON list of sentences

# zlib's preset dictionary for both formats: the strings most packed events share (field names
# and ACLED's vocabulary), so that an event of a few hundred bytes compresses as well as a long
# text would. Part of the format: never change it; a new dictionary needs a new format byte.
_ZDICT_1 = (
    '"event_date":"","year":,"time_precision":,"disorder_type":"Political violence",'
    '"Demonstrations","Strategic developments","event_type":"Battles","Explosions/Remote violence",'
    '"Violence against civilians","Protests","Riots","sub_event_type":"Armed clash","Air/drone strike",'
    '"Shelling/artillery/missile attack","Attack","Abduction/forced disappearance","Peaceful protest",'
    '"Violent demonstration","Mob violence","Remote explosive/landmine/IED","Suicide bomb",'
    '"Government regains territory","Non-state actor overtakes territory","Looting/property destruction",'
    '"actor1":"Military Forces of ","actor2":"Civilians (","Unidentified Armed Group (","Police Forces of ",'
    '"Protesters (","Rioters (","assoc_actor_1":"","assoc_actor_2":"","inter1":"State forces",'
    '"inter2":"Civilians","Rebel group","Political militia","Identity militia","External/Other forces",'
    '"interaction":"State forces-","civilian_targeting":"Civilian targeting","iso":"","region":"Middle East",'
    '"Eastern Africa","Northern Africa","Western Africa","Middle Africa","Europe","South Asia",'
    '"country":"Syria","Ukraine","Sudan","Israel","Palestine","Russia","Iraq","Yemen","Somalia",'
    '"admin1":"","admin2":"","admin3":"","location":"","latitude":,"longitude":,"geo_precision":,'
    '"source":"","source_scale":"National","International","notes":"On ","Around "," 20",'
    ' clashed with "," carried out an air or drone strike on "," attacked "," in "," people were reportedly killed.",'
    ' Source: ","fatalities":,"tags":"","timestamp":,"fatalities_low":,"fatalities_high":,'
    '"fatalities_by_side":{},"source_original":"","certainty":"claimed","unconfirmed","salience":"context",'
    '"geonameid":,"geo_note":"not in the gazetteer; placed at ","extractor_version":"0.1.0",'
    '"evidence":{"sentence":[,],"trigger":[,],"actor1":[,],"actor2":[,],"location":[,],"date":[,],'
    '"fatalities":[,],"source":[,]}'
).encode("utf-8")

_SPANS = tuple(f.name for f in fields(Evidence))


def _defaults() -> dict[str, Any]:
    found = {}
    for f in fields(Event):
        if f.default is not MISSING:
            found[f.name] = f.default
        elif f.default_factory is not MISSING:
            found[f.name] = f.default_factory()
    return found


_DEFAULTS = _defaults()
_NAMES = tuple(f.name for f in fields(Event))
_EMPTY = Event()


def pack(event: Event, full_text: str, *, event_id: str, doc_id: str) -> bytes:
    """A member event as stored: defaults left out, its id and its document's id left out
    where they are the row's (``event_id``, ``doc_id``), evidence spans as offsets into
    ``full_text``."""
    row = {"event_id_cnty": event_id, "doc_id": doc_id}
    data = {}
    for name in _NAMES:
        value = getattr(event, name)
        if name == "evidence" or value == row.get(name, _DEFAULTS[name]):
            continue
        data[name] = value
    if event.evidence is not None:
        data["evidence"] = _spans(event.evidence, full_text)
    return _compress(_FULL, data)


def unpack(value: bytes | str, full_text: str, *, event_id: str, doc_id: str) -> Event:
    """The event ``pack`` (or, in a store written before it, ``Event.to_dict``'s JSON) holds;
    ``event_id`` and ``doc_id`` are those of the row and its document, ``full_text`` the
    document's text, which evidence offsets index into."""
    if isinstance(value, str):
        return Event.from_dict(json.loads(value))
    data = {"event_id_cnty": event_id, "doc_id": doc_id, **_decompress(value, _FULL)}
    data["evidence"] = _evidence(data.get("evidence"), full_text)
    return Event(**data)


def pack_delta(event: Event, base: Event | None) -> bytes:
    """A merged event as the fields in which it differs from ``base`` (the member event it is
    named after; None: from ``Event()``); a differing evidence is kept whole, texts and all."""
    kind, base = (_DELTA, base) if base is not None else (_WHOLE, _EMPTY)
    data = {}
    for name in _NAMES:
        value = getattr(event, name)
        if value != getattr(base, name):
            data[name] = _span_dicts(value) if name == "evidence" and value is not None else value
    return _compress(kind, data)


def unpack_delta(value: bytes | str, base: Event | None) -> Event:
    """The merged event ``pack_delta`` holds, given its ``base`` (needed where ``is_delta``);
    old rows (JSON) need none."""
    if isinstance(value, str):
        return Event.from_dict(json.loads(value))
    if value[:1] == bytes([_WHOLE]):
        kind, base = _WHOLE, _EMPTY
    elif base is None:
        raise StoreError("a stored merged event whose member event is missing; the file is damaged — ingest into a new --db")
    else:
        kind = _DELTA
    data = _decompress(value, kind)
    if "evidence" in data:
        evidence = data.pop("evidence")
        data["evidence"] = None if evidence is None else Evidence(
            **{k: None if s is None else Span(**s) for k, s in evidence.items()}
        )  # fmt: skip
    return _replace(base, data)


def pack_reasons(reasons: list[str]) -> bytes | str:
    """The merge reasons as stored: compressed (they run to a kilobyte for a few reports);
    an event of one report has none, kept as the two characters of an empty list."""
    return _compress(_REASONS, reasons) if reasons else "[]"


def unpack_reasons(value: bytes | str) -> list[str]:
    """The merge reasons ``pack_reasons`` (or an older lagebild's JSON text) holds."""
    return json.loads(value) if isinstance(value, str) else _decompress(value, _REASONS)


def is_delta(value: bytes | str) -> bool:
    """Whether a stored merged event needs its member event to be read."""
    return isinstance(value, bytes) and value[:1] == bytes([_DELTA])


def _replace(event: Event, changes: dict[str, Any]) -> Event:
    # dataclasses.replace, without its field-by-field init checks (read paths unpack many).
    values = {name: getattr(event, name) for name in _NAMES}
    values.update(changes)
    values["fatalities_by_side"] = dict(values["fatalities_by_side"])  # never shared with the base
    return Event(**values)


def _spans(evidence: Evidence, full_text: str) -> dict[str, list]:
    out = {}
    for name in _SPANS:
        span = getattr(evidence, name)
        if span is None:
            continue
        # The text is left out only where the document gives it back exactly.
        same = full_text[span.start : span.end] == span.text
        out[name] = [span.start, span.end] if same else [span.start, span.end, span.text]
    return out


def _evidence(spans: dict[str, list] | None, full_text: str) -> Evidence | None:
    if spans is None:
        return None
    made = {}
    for name, span in spans.items():
        start, end = span[0], span[1]
        made[name] = Span(start, end, span[2] if len(span) > 2 else full_text[start:end])
    return Evidence(**made)


def _span_dicts(evidence: Evidence) -> dict[str, dict | None]:
    return {name: None if (s := getattr(evidence, name)) is None else {"start": s.start, "end": s.end, "text": s.text}
            for name in _SPANS}  # fmt: skip


def _compress(kind: int, data: dict[str, Any] | list[str]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _ZDICT_1)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return bytes([kind]) + packer.compress(raw) + packer.flush()


def _decompress(value: bytes, kind: int) -> Any:
    if value[:1] != bytes([kind]):
        raise StoreError(f"a stored event in a format this lagebild does not know ({value[:1].hex()}); upgrade lagebild")
    unpacker = zlib.decompressobj(-15, _ZDICT_1)
    return json.loads(unpacker.decompress(value[1:]) + unpacker.flush())

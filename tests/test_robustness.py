"""Whatever German the extractor is fed, it returns well-formed events and never fails."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest

from lagebild.pipeline import Resources, extract_document
from lagebild.records import Document

# Words the rules react to (triggers, actors, places, numbers, dates, cues, clause words) and
# the punctuation and layout that bound sentences, clauses and ticker entries.
WORDS = [
    "Bei", "einem", "Angriff", "Luftangriff", "Drohnenangriff", "Anschlag", "Gefechten", "Kämpfe", "um", "die",
    "Kleinstadt", "auf", "in", "bei", "nahe", "bis", "nach", "südlich", "von", "Charkiw", "Pokrowsk", "Idlib",
    "Provinz", "Gebiet", "Donezk", "Sanaa", "Mogadischu", "Omdurman", "und", "der", "RSF", "Armee", "Huthis",
    "Militärkoalition", "Sicherheitskräfte", "Polizei", "Demonstranten", "Protestzug", "Tränengas", "nahmen",
    "fest", "griffen", "an", "erobert", "zurückerobert", "getötet", "verletzt", "Tote", "Schwerverletzte",
    "mindestens", "zwölf", "Dutzende", "mehrere", "21", "3", "am", "Montag", "Im", "Oktober", "seit", "Jahren",
    "kämpft", "gegen", "hätten", "sagte", "hieß", "es", "versehentlich", "Bürgermeister", "Igor", "Terechow",
    "Ayorou", "Banibangou", "Regierung", "Kabul", "Dabei", "wurden", "sind", "hatten", "ein", "zweiter",
]
PUNCTUATION = [",", ".", ":", ";", "–", "\n\n", "\n\n1) ", "\n\n2. ", "(", ")", '"']
pieces = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCTUATION)), max_size=60)


_LOADED: list[Resources] = []


@pytest.fixture(scope="module", autouse=True)
def resources(lagebild_home):
    # Held outside the test's arguments: hypothesis would print the whole lexicon on a failure.
    _LOADED.append(Resources.load())
    yield
    _LOADED.clear()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces, st.sampled_from([None, "2024-11-28", "2024-11"]))
def test_any_text_gives_well_formed_events(words, published):
    text = " ".join(words)
    _, events = extract_document(Document(id="fuzz", text=text, published=published), _LOADED[0])
    for e in events:
        assert e.event_type and e.sub_event_type and e.disorder_type
        if e.fatalities is not None:
            assert e.fatalities_low is not None and e.fatalities_low <= e.fatalities
            assert e.fatalities_high is None or e.fatalities <= e.fatalities_high
        assert 0 <= e.evidence.sentence.start <= e.evidence.sentence.end <= len(text) + 1
        assert e.geo_precision in (1, 2, 3) if e.location is not None else e.latitude is None

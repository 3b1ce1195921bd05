"""Digests: a roundup of several countries' news is read item by item, each in its own country."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.language.lexicon import Lexicon
from lagebild.language.sections import digest_sections
from lagebild.pipeline import Resources, report_events
from lagebild.records import Document

ROUNDUP = (
    "Jemen: Drohnenangriff auf Hafen\n\n"
    "Bei einem Drohnenangriff auf den Hafen von Hodeidah sind am Montag drei Hafenarbeiter getötet worden. "
    "Die Huthis machten die von Saudi-Arabien geführte Koalition verantwortlich.\n\n"
    "Mali: Dorf überfallen\n\n"
    "Bewaffnete haben am Sonntag ein Dorf im Zentrum Malis überfallen und fünf Bauern erschossen. "
    "Soldaten seien am Abend eingetroffen, hieß es.\n"
)


@pytest.fixture(scope="module")
def resources(lagebild_home):
    return Resources.load()


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def test_each_item_of_a_roundup_is_a_story_in_its_own_country(resources):
    document = Document(id="r", title="Kurz gemeldet: Jemen, Mali", text=ROUNDUP, published="2025-03-04")
    events = report_events(document, resources)
    countries = {e.country for e in events}
    assert countries == {"Yemen", "Mali"}
    soldiers_or_gunmen = [e for e in events if e.country == "Mali"]
    assert all("Yemen" not in (e.actor1 or "") + (e.actor2 or "") for e in soldiers_or_gunmen)
    for e in events:  # evidence spans still index the whole report
        span = e.evidence.sentence
        assert document.full_text[span.start : span.end] == span.text


def test_an_item_placed_only_by_its_heading_stays_in_that_country(resources):
    # the Colombian item names its country four times; the Iraqi one only in its heading
    text = ("Irak: Soldaten sterben bei Anschlag\n\n"
            "Bei der Explosion eines Sprengsatzes sind im Norden des Landes am Dienstag zwei Soldaten getötet worden.\n\n"
            "Kolumbien: Angriff auf Polizeiwache in Cali\n\n"
            "In der kolumbianischen Stadt Cali haben Bewaffnete am Montag eine Polizeiwache beschossen. "
            "Kolumbiens Präsident verurteilte den Angriff. Kolumbien erlebt seit Monaten eine Welle der Gewalt.\n")  # fmt: skip
    events = report_events(Document(id="k", title="Nachrichten kompakt", text=text, published="2025-06-05"), resources)
    [bomb] = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert bomb.country == "Iraq" and bomb.fatalities == 2
    assert "Colombia" not in (bomb.actor1 or "") + (bomb.actor2 or "")


def test_a_digest_lead_that_sums_up_its_items_adds_no_event(resources):
    lead = ("Proteste in Kenia und Serbien\n\n"
            "In Kenia und Serbien sind am Wochenende erneut Tausende gegen ihre Regierungen auf die Straße gegangen.\n\n")
    items = ("Kenia: Tränengas in Nairobi\n\n"
             "Die Polizei hat am Samstag in Nairobi eine Kundgebung gegen Steuererhöhungen mit Tränengas aufgelöst.\n\n"
             "Serbien: Marsch in Niš\n\n"
             "In Niš haben am Sonntag Tausende Studierende friedlich gegen die Regierung demonstriert.\n")  # fmt: skip
    events = report_events(Document(id="p", text=lead + items, published="2025-07-07"), resources)
    assert sorted((e.country, e.location) for e in events) == [("Kenya", "Nairobi"), ("Serbia", "Nis")]


def test_a_ticker_may_head_its_items_with_cities(resources):
    text = ("Nairobi: Polizei löst Kundgebung auf\n\n"
            "Die Polizei hat am Dienstag eine Kundgebung von Studenten mit Tränengas aufgelöst.\n\n"
            "Belgrad: Tausende gegen Regierung\n\n"
            "In Belgrad haben am Dienstagabend Tausende gegen die Regierung demonstriert.\n")  # fmt: skip
    document = Document(id="t", title="Proteste weltweit", text=text, published="2025-05-07")
    sections = digest_sections(document, resources.lexicon, resources.gazetteer)
    assert [s.document.title for s in sections] == ["Nairobi: Polizei löst Kundgebung auf", "Belgrad: Tausende gegen Regierung"]
    assert len(digest_sections(document, resources.lexicon)) == 1  # without a gazetteer, cities are unknown
    events = report_events(document, resources)
    assert {(e.country, e.location) for e in events} == {("Kenya", "Nairobi"), ("Serbia", "Belgrade")}


def test_one_heading_with_a_country_is_no_digest(lexicon):
    text = ("Syrien: Angriff auf Konvoi\n\n"
            "Bei einem Angriff auf einen Hilfskonvoi bei Idlib wurden zwei Fahrer verletzt. "
            "Türkei: Ankara schweigt bisher.")  # fmt: skip
    document = Document(id="s", text=text)
    [section] = digest_sections(document, lexicon)
    assert section.offset == 0 and section.document is document


def test_a_lead_before_the_first_item_is_an_item_of_its_own(lexicon):
    lead = "Der Überblick am Abend.\n\n"
    sections = digest_sections(Document(id="d", title="Kompakt", text=lead + ROUNDUP), lexicon)
    assert [s.document.title for s in sections] == ["Kompakt", "Jemen: Drohnenangriff auf Hafen", "Mali: Dorf überfallen"]


def test_a_country_line_that_ends_a_sentence_is_no_heading(lexicon):
    text = "Jemen: Die Lage bleibt angespannt.\n\nMali: Die Wahl wurde verschoben.\n"
    assert len(digest_sections(Document(id="n", text=text), lexicon)) == 1


_LINE = st.one_of(
    st.sampled_from(["Jemen: Angriff auf Hafen", "Mali: Dorf überfallen", "Kongo: Rebellen rücken vor",
                     "Es gab Kämpfe.", "", "Kurz: Nichts Neues", "Bei Gao starben zwei Soldaten."]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_LINE, max_size=12), title=st.sampled_from(["", "Überblick", "Jemen: Angriff auf Hafen"]))
def test_every_section_is_a_slice_of_the_report_in_order(lexicon, lines, title):
    document = Document(id="h", text="\n".join(lines), title=title)
    sections = digest_sections(document, lexicon)
    offsets = [s.offset for s in sections]
    assert offsets == sorted(set(offsets))
    for s in sections:
        part = s.document.full_text
        assert document.full_text[s.offset : s.offset + len(part)] == part
        assert s.document.id == document.id


def test_explain_names_the_items_of_a_digest(tmp_path, lagebild_home):
    source = tmp_path / "roundup.jsonl"
    source.write_text(json.dumps({"id": "r", "title": "Kurz gemeldet", "text": ROUNDUP, "published": "2025-03-04"},
                                 ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(app, ["explain", str(source)])
    assert result.exit_code == 0, result.output
    assert "digest item: Jemen: Drohnenangriff auf Hafen" in result.output
    assert "digest item: Mali: Dorf überfallen" in result.output


def test_explain_shows_the_events_extract_gives(tmp_path, resources):
    # the lead names Yemen, which an item tells of: neither explain nor extract keeps its event
    lead = "Kurz gemeldet\n\nIm Jemen sind am Montag bei einem Drohnenangriff drei Hafenarbeiter getötet worden.\n\n"
    source = tmp_path / "digest.jsonl"
    record = {"id": "d", "title": "Kurz gemeldet", "text": lead + ROUNDUP, "published": "2025-03-04"}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    shown = CliRunner().invoke(app, ["explain", str(source)]).output.count("  -> ")
    assert shown == len(report_events(Document(**record), resources))


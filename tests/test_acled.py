"""The ACLED profile: every CSV row holds only values ACLED allows; actors, interactions,
fatalities, periods, scales, tags and notes as ACLED writes them."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pytest

from lagebild.acled import PROFILE_COLUMNS, acled_row, english_notes, source_scale
from lagebild.pipeline import Resources, run
from lagebild.records import Event, Evidence, Span

from .conftest import EXAMPLES

# ACLED's allowed values (ACLED codebook, 2023/2024 editions), written out here rather than
# taken from lagebild's data, so that a wrong data file cannot pass its own test.
EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}  # fmt: skip
INTER = ["State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters", "Civilians",
         "External/Other forces"]  # fmt: skip, in the order of ACLED's inter codes 1-8
INTERACTIONS = {f"{label} only" for label in INTER} | {
    f"{a}-{b}" if (i, j) != (6, 7) else "External/Other forces-Civilians"
    for i, a in enumerate(INTER) for j, b in enumerate(INTER) if i <= j
}  # fmt: skip
DISORDER = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
           "Caucasus and Central Asia", "South Asia", "Southeast Asia", "East Asia", "Europe", "North America",
           "Central America", "South America", "Caribbean", "Oceania", "Antarctica"}  # fmt: skip
ISO_NUMERIC = {  # ISO 3166-1 numeric codes of the countries the examples tell of
    "Afghanistan": 4, "Burkina Faso": 854, "Democratic Republic of Congo": 180, "Ethiopia": 231, "Haiti": 332,
    "Israel": 376, "Lebanon": 422, "Mali": 466, "Myanmar": 104, "Niger": 562, "Nigeria": 566, "Pakistan": 586,
    "Palestine": 275, "Rwanda": 646, "Saudi Arabia": 682, "Somalia": 706, "Sudan": 729, "Syria": 760, "Ukraine": 804,
    "Yemen": 887,
}  # fmt: skip


@pytest.fixture(scope="module")
def example_rows(tmp_path_factory) -> list[dict[str, str]]:
    path = tmp_path_factory.mktemp("acled") / "examples.csv"
    result = subprocess.run([sys.executable, "-m", "lagebild", "extract", str(EXAMPLES), "-q", "-o", str(path)],
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames[: len(PROFILE_COLUMNS)]) == PROFILE_COLUMNS
        return list(reader)


def test_every_csv_row_holds_only_values_acled_allows(example_rows):
    assert len(example_rows) > 100
    for row in example_rows:
        where = f"{row['event_id_cnty']}: "
        assert row["sub_event_type"] in EVENT_TYPES[row["event_type"]], where + row["sub_event_type"]
        assert row["inter1"] in INTER, where + row["inter1"]
        assert row["inter2"] in INTER or (row["inter2"] == "" and row["actor2"] == ""), where + row["inter2"]
        assert row["interaction"] in INTERACTIONS, where + row["interaction"]
        assert row["actor1"], where + "ACLED always names actor1"
        assert row["disorder_type"] in DISORDER, where + row["disorder_type"]
        assert row["region"] in REGIONS, where + row["region"]
        assert int(row["iso"]) == ISO_NUMERIC[row["country"]], where + row["iso"]
        assert row["fatalities"].isdigit() and row["time_precision"] in "123" and row["geo_precision"] in "123"
        assert row["timestamp"].isdigit() and int(row["timestamp"]) > 1_600_000_000
        assert row["fatalities_known"] in ("true", "false")
        assert (row["fatalities_known"] == "true") or row["fatalities"] == "0"
        if row["event_type"] in ("Protests", "Riots"):
            assert row["tags"].startswith("crowd size="), where + row["tags"]


def test_csv_notes_are_english_and_no_report_text(example_rows):
    german = re.compile(r"\b(der|die|das|und|wurden|bei|nach|sich|ist)\b")
    for row in example_rows:
        assert row["notes"] and not german.search(row["notes"]), row["notes"]
        sentence = row["evidence"]
        assert row["notes"] not in sentence


def test_state_forces_carry_the_period_of_the_event_day():
    def actor1(day: str, iso: str = "SY") -> str:
        event = Event(event_date=day, event_type="Battles", sub_event_type="Armed clash",
                      actor1="Military Forces of Syria", inter1="State forces", iso=iso)  # fmt: skip
        return acled_row(event)["actor1"]

    assert actor1("2024-11-27") == "Military Forces of Syria (2000-2024)"
    assert actor1("2025-01-10") == "Military Forces of Syria (2024-)"
    assert actor1("1999-01-01") == "Military Forces of Syria"  # no known period: the plain name


def test_acronym_prefixes_and_foreign_forces_as_acled_writes_them():
    row = acled_row(Event(event_date="2024-06-01", event_type="Explosions/Remote violence",
                          sub_event_type="Air/drone strike", actor1="Military Forces of Russia",
                          actor2="Group for Support of Islam and Muslims", iso="UA", country="Ukraine"))  # fmt: skip
    assert row["actor1"] == "Military Forces of Russia (2000-)"
    assert row["inter1"] == "External/Other forces"  # a state's forces outside their country
    row = acled_row(Event(event_date="2024-06-01", event_type="Battles", sub_event_type="Armed clash",
                          actor1="Group for Support of Islam and Muslims", actor2="Military Forces of Mali", iso="ML"))  # fmt: skip
    assert row["actor1"] == "JNIM: Group for Support of Islam and Muslims"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("Rebel group", "State forces", "State forces-Rebel group")


def test_one_actor_and_no_actor():
    alone = acled_row(Event(event_date="2024-06-01", event_type="Battles", sub_event_type="Armed clash",
                            actor1="Al Shabaab", iso="SO"))  # fmt: skip
    assert (alone["interaction"], alone["inter2"], alone["actor2"]) == ("Rebel group only", "", "")
    victims = acled_row(Event(event_date="2024-06-01", event_type="Violence against civilians", sub_event_type="Attack",
                              actor2="Civilians (Somalia)", iso="SO"))  # fmt: skip
    assert (victims["actor1"], victims["interaction"]) == ("Unidentified Armed Group (Somalia)", "Political militia-Civilians")
    protest = acled_row(Event(event_date="2024-06-01", event_type="Protests", sub_event_type="Peaceful protest", iso="SD"))
    assert (protest["actor1"], protest["interaction"]) == ("Protesters (Sudan)", "Protesters only")


def test_fatalities_are_integers_with_their_range_after_the_31():
    unknown = acled_row(Event(event_type="Battles", sub_event_type="Armed clash", actor1="Al Shabaab", iso="SO"))
    assert (unknown["fatalities"], unknown["fatalities_known"]) == (0, False)
    told = acled_row(Event(event_type="Battles", sub_event_type="Armed clash", actor1="Al Shabaab", iso="SO",
                           fatalities=12, fatalities_low=12, fatalities_high=99))  # fmt: skip
    assert (told["fatalities"], told["fatalities_low"], told["fatalities_high"], told["fatalities_known"]) == (12, 12, 99, True)
    assert list(told)[31:] == ["fatalities_low", "fatalities_high", "fatalities_known"]
    assert Event(timestamp=1_700_000_000).to_acled()["timestamp"] == 1_700_000_000


def test_source_scale_depends_on_where_outlet_and_event_are():
    assert source_scale("SANA", "SY", "Middle East") == "National"
    assert source_scale("Al Jazeera", "SY", "Middle East") == "Regional"
    assert source_scale("Al Jazeera", "UA", "Europe") == "International"
    assert source_scale("tagesschau; Reuters", "DE", "Europe") == "National-International"
    assert source_scale("", "SY", "Middle East") == ""


@pytest.mark.parametrize(("sentence", "tag"), [
    ("Tausende Menschen demonstrierten am Samstag in Khartum gegen die Armee.", "crowd size=thousands"),
    ("Rund 200 Demonstranten versammelten sich vor dem Rathaus.", "crowd size=around 200"),
    ("In Khartum wurde am Samstag gegen die Armee demonstriert.", "crowd size=no report"),
])  # fmt: skip
def test_demonstrations_get_acleds_crowd_size_tag(sentence, tag):
    event = Event(event_type="Protests", sub_event_type="Peaceful protest", iso="SD",
                  evidence=Evidence(Span(0, len(sentence), sentence)))  # fmt: skip
    assert event.to_acled()["tags"] == tag


def test_notes_tell_the_fields_in_english():
    event = Event(event_date="2024-11-27", time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                  actor1="Hayat Tahrir al Sham", actor2="Military Forces of Syria", iso="SY", country="Syria",
                  location="Aleppo", geo_precision=1, fatalities=81, fatalities_low=81, fatalities_high=81,
                  fatalities_by_side={"Hayat Tahrir al Sham": 44, "Military Forces of Syria": 37},
                  source_original="Syrian Observatory for Human Rights")  # fmt: skip
    assert english_notes(event) == (
        "On 27 November 2024, HTS: Hayat Tahrir al Sham clashed with Military Forces of Syria (2000-2024) in Aleppo, "
        "Syria. 81 people were reportedly killed (44 Hayat Tahrir al Sham, 37 Military Forces of Syria). "
        "Source: Syrian Observatory for Human Rights."
    )
    week = Event(event_date="2024-11-27", time_precision=2, event_type="Strategic developments", sub_event_type="Arrests",
                 actor1="Police Forces of Kenya", iso="KE", fatalities=0, fatalities_low=0, fatalities_high=0)  # fmt: skip
    assert english_notes(week) == (
        "Around 27 November 2024, Police Forces of Kenya (2022-) made arrests. No fatalities were reported."
    )


# -- evidence spans ------------------------------------------------------------------


def test_every_evidence_span_is_a_slice_of_the_full_text():
    documents = {}
    result = run([EXAMPLES], Resources.load(), on_document=lambda d: documents.setdefault(getattr(d, "id", ""), d))
    assert result.event_count > 100 and not result.failures
    spans = 0
    for event in result.events:
        text = documents[event.doc_id].full_text
        for role in ("sentence", "trigger", "actor1", "actor2", "location", "date", "fatalities", "source"):
            span = getattr(event.evidence, role)
            if span is not None:
                spans += 1
                assert text[span.start : span.end] == span.text, (event.doc_id, role, span.text)
    assert spans > 700

"""The bundled lexicons parse, use only known codes, and match inflected German."""

from __future__ import annotations

import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from lagebild.language.lexicon import ACTOR_TYPES, Lexicon
from lagebild.language.text import split_sentences, tokenize

DATA = Path(str(resources.files("lagebild") / "data"))


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def names_in(lexicon: Lexicon, text: str, kind: str = "actor") -> list[str]:
    tokens = tokenize(text, split_sentences(text))
    found = []
    for m in lexicon.match(tokens):
        if m.kind == kind:
            found.append(lexicon.actors[m.value].name if kind == "actor" else m.value)
    return found


@pytest.mark.parametrize("path", sorted(p for p in DATA.iterdir() if p.suffix in (".tsv", ".toml")), ids=lambda p: p.name)
def test_every_data_file_opens_with_a_header(path):
    head = path.read_text(encoding="utf-8").splitlines()[:6]
    assert head[0].startswith("# "), f"{path.name} must start with a '# ' header line"
    assert any("version" in line.lower() for line in head + path.read_text(encoding="utf-8").splitlines()[:15])


@pytest.mark.parametrize("path", sorted(p for p in DATA.iterdir() if p.suffix == ".tsv"), ids=lambda p: p.name)
def test_tsv_rows_fit_the_header_and_keys_are_unique(path):
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    header, body = rows[0], rows[1:]
    assert body, f"{path.name} has no rows"
    assert all(len(r) <= len(header) for r in body), f"{path.name}: a row has more cells than the header"
    keys = Counter("\t".join(r[:2]) if path.name == "cues.tsv" else r[0] for r in body)
    assert [k for k, n in keys.items() if n > 1 and k] == []


def test_triggers_use_only_taxonomy_codes():
    data = tomllib.loads((DATA / "triggers.toml").read_text(encoding="utf-8"))
    subs = {s for subs in data["taxonomy"].values() for s in subs}
    assert len(subs) == 25
    assert {t["sub_event_type"] for t in data["trigger"]} == subs - {"Protest with intervention", "Excessive force against protesters", "Government regains territory"}


def test_actor_types_are_acled_types(lexicon):
    assert {a.type for a in lexicon.actors.values()} <= set(ACTOR_TYPES)


def test_enough_actors(lexicon):
    assert len(lexicon.actors) >= 400


def test_inflected_names_match(lexicon):
    assert names_in(lexicon, "Kämpfer des Islamischen Staates griffen an.") == ["Islamic State"]
    assert names_in(lexicon, "Der Islamische Staat zog ab.") == ["Islamic State"]


def test_acronyms_inside_compounds(lexicon):
    assert names_in(lexicon, "44 HTS-Mitglieder starben.") == ["Hayat Tahrir al Sham"]


def test_transliterations_resolve_to_one_actor(lexicon):
    for spelling in ("Haiat Tahrir al-Scham", "Hay’et Tahrir al-Sham", "Hayat Tahrir al-Sham", "HTS"):
        assert names_in(lexicon, f"Kämpfer der {spelling} rückten vor.") == ["Hayat Tahrir al Sham"], spelling


def test_spellings_no_alias_lists_find_their_actor_by_key(lexicon):
    for spelling in ("Hayet Tahrir esch-Scham", "Haiat Tahrir el-Sham", "Hayat Tahreer al-Shaam"):
        assert names_in(lexicon, f"Kämpfer der {spelling} rückten vor.") == ["Hayat Tahrir al Sham"], spelling
    assert names_in(lexicon, "Die Dschabhat an-Nusra meldete Erfolge.") == ["Jabhat al-Nusra"]
    assert names_in(lexicon, "Die Freie Syrische Zeitung meldete Erfolge.") == []
    # an abbreviation's skeleton is one letter: "Neun Soldaten" are not "UN-Soldaten"
    assert names_in(lexicon, "Neun Soldaten starben.") == []
    assert names_in(lexicon, "Zwei UN-Soldaten starben.") == ["Military Forces of the United Nations"]


def test_country_forces_from_adjectives(lexicon):
    assert names_in(lexicon, "Die sudanesische Armee meldete Erfolge.") == ["Military Forces of Sudan"]
    assert names_in(lexicon, "Ukrainische Streitkräfte wehrten ab.") == ["Military Forces of Ukraine"]
    assert names_in(lexicon, "Die israelische Luftwaffe flog Angriffe.") == ["Military Forces of Israel"]


def test_former_names_are_the_group_under_that_name(lexicon):
    assert names_in(lexicon, "Die al-Nusra-Front griff an.") == ["Jabhat al-Nusra"]
    assert names_in(lexicon, "Kämpfer der Dschabhat al-Nusra griffen an.") == ["Jabhat al-Nusra"]
    assert names_in(lexicon, "Die Fatah-al-Scham-Front griff an.") == ["Jabhat Fateh al-Sham"]


def test_descriptions_are_found(lexicon):
    found = names_in(lexicon, "Die Terrormiliz eroberte mehrere Dörfer.", kind="description")
    assert [d.pattern for d in found] == ["terrormiliz"]


def test_triggers_by_lemma_and_compound(lexicon):
    assert lexicon.trigger("eroberten").sub_event_type == "Non-state actor overtakes territory"
    assert lexicon.trigger("Luftangriffe").sub_event_type == "Air/drone strike"
    assert lexicon.trigger("Drohnenattacke").sub_event_type == "Air/drone strike"
    assert lexicon.trigger("Raketeneinschläge").sub_event_type == "Shelling/artillery/missile attack"
    assert lexicon.trigger("Selbstmordattentäter").sub_event_type == "Suicide bomb"
    assert lexicon.trigger("Sprengsatz").sub_event_type == "Remote explosive/landmine/IED"
    assert lexicon.trigger("Waffenruhe").sub_event_type == "Agreement"
    assert lexicon.trigger("Haus") is None


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Auf Seiten der Regierungstruppen gab es vier Tote.", ["death"]),
        ("Die Geschosse schlugen auf der anderen Seite der Grenze ein.", []),
        ("Seit der Nacht wird in der Stadt gekämpft.", ["history"]),
    ],
)
def test_a_cue_does_not_meet_a_word_that_only_shares_its_form(lexicon, text, cues):
    assert names_in(lexicon, text, kind="cue") == cues

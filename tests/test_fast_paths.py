"""The shortcuts taken for speed give what the plain way gives: same matches, tokens, spans."""

from __future__ import annotations

import bisect
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.io.readers import read_documents
from lagebild.language import dates
from lagebild.language.lexicon import Lexicon
from lagebild.language.mentions import analyse
from lagebild.language.text import _TOKEN, split_sentences, tokenize
from lagebild.records import Document

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = [d.full_text for d in read_documents([EXAMPLES]) if isinstance(d, Document)]
    shuffle = random.Random(17)
    mutated = []
    for text in found:
        mutated += [text.upper(), text.lower(), text.replace("s", "ſ").replace("i", "ı").replace("I", "İ"),
                    "".join(c.swapcase() if shuffle.random() < 0.3 else c for c in text)]  # fmt: skip
    return found + mutated


def _plain_dates(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _check_dates(text: str) -> None:
    for kind, pattern in dates._PATTERNS:
        plain = _plain_dates(pattern, text)
        assert [m.span() for m in dates._matches(kind, pattern, text)] == plain, kind
        assert dates._may_match(kind, text) or not plain, kind


def test_date_patterns_are_tried_where_they_may_begin(texts):
    for text in texts:
        _check_dates(text)


# Words of the date patterns, and the characters that fold to their letters.
_DATE_WORDS = ["am", "Am", "AM", "vergangenen", "letzten", "Montag", "SAMSTAG", "ſamstag", "Sonnabend", "Mittwochabend",
               "in der Nacht zum", "İn der Nacht auf", "seit", "Seit", "Anfang", "Mitte", "Ende", "Januar", "MÄRZ",
               "Nov.", "Woche", "Wochenende", "heute", "gestern", "des Vortags", "im Jahr", "2024", "1999", "27.",
               "11.", "2024-11-27", "bis", "und", "-", "–", "/", "_", "'", "x", "3", "٣", ".", ",", " ", "\n"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=14).map("".join))
def test_date_shortcuts_on_made_up_text(text):
    _check_dates(text)


def test_every_character_the_engine_folds_to_an_opening_letter_opens_alike():
    letters = {c for openings in dates._OPENINGS.values() for opening in openings for c in opening if c != "0"}
    for letter in sorted(letters):
        engine = re.compile(f"(?i){letter}")
        for c in (chr(c) for c in range(0x110000) if engine.fullmatch(chr(c))):
            assert dates.fold_opening(c + "x").startswith(letter), (letter, c)


def _reference_tokens(text: str, sentences) -> list[tuple]:
    """The tokeniser as it was: each sentence's text matched on its own."""
    out = []
    for sentence in sentences:
        matches = list(_TOKEN.finditer(sentence.text))
        for i, m in enumerate(matches):
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            joined = bool(nxt and nxt.group() == "-" and nxt.start() == m.end() and i + 2 < len(matches)
                          and matches[i + 2].start() == nxt.end())  # fmt: skip
            out.append((m.group(), sentence.start + m.start(), sentence.start + m.end(), sentence.index, joined))
    return out


def test_tokens_are_those_of_each_sentence_on_its_own(texts):
    for text in texts:
        sentences = split_sentences(text)
        tokens = tokenize(text, sentences)
        assert [t[:5] for t in tokens] == _reference_tokens(text, sentences)
        assert all(t.low == t.text.lower() for t in tokens)


def test_a_sentences_tokens_are_found_by_their_bounds(texts):
    lexicon = Lexicon.load()
    for text in texts[:12]:
        analysis = analyse(Document("d", text), lexicon)
        tokens = analysis.tokens
        for sentence in range(-2, len(analysis.sentences) + 2):
            first = bisect.bisect_left(tokens, sentence, key=lambda t: t.sentence)
            last = bisect.bisect_right(tokens, sentence, lo=first, key=lambda t: t.sentence)
            assert analysis.sentence_tokens(sentence) == tokens[first:last]


def test_exact_candidates_are_the_exact_part_of_a_lookup():
    from lagebild.geo import Gazetteer

    gazetteer = Gazetteer.open()
    names = ("Aleppo", "Tote", "Kiew", "Charkiw", "Union", "Deir ez-Zor", "Nirgendwo", "Aleppos", "Provinz Idlib",
             "Idlib-Stadt", "Nord-Hama", "Ost-Ghuta", "Nordsyrien", "Südsudan", "Westbank", "Armee", "Landes", "K")
    for name in names:
        assert list(gazetteer.exact(name)) == [c for c in gazetteer.lookup(name) if c.exact], name


def test_candidates_come_as_the_joined_query_gives_them():
    """Places and their area names are read apart and kept; the candidates are those one
    query joining them gives, in its order (chunk by chunk), even for a key with many places."""
    from lagebild.geo import Gazetteer
    from lagebild.geo.index import _in_answer_order
    from lagebild.geo.names import lookup_forms

    joined = """SELECT p.geonameid, p.name, p.latitude, p.longitude, p.country_code, c.name, p.admin1_code,
        coalesce(a1.acled_name, a1.asciiname, a1.name), coalesce(a2.asciiname, a2.name), p.population, p.origin
        FROM places p LEFT JOIN countries c ON c.iso2 = p.country_code
        LEFT JOIN admin1 a1 ON a1.country_code = p.country_code AND a1.admin1_code = p.admin1_code
        LEFT JOIN admin2 a2 ON a2.country_code = p.country_code AND a2.admin1_code = p.admin1_code
            AND a2.admin2_code = p.admin2_code WHERE p.geonameid IN ({})"""  # fmt: skip
    gazetteer = Gazetteer.open()
    for name in ("K", "Tote", "Aleppo", "Armee"):
        best = gazetteer._matching_names(lookup_forms(name)[0])
        ids = list(best)
        expected = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            expected += gazetteer._db.execute(joined.format(",".join("?" * len(chunk))), chunk).fetchall()
        found = [(c.geonameid, c.name, c.latitude, c.longitude, c.country_code, c.country, c.admin1_code, c.admin1,
                  c.admin2, c.population, c.origin) for c in gazetteer._candidates(_in_answer_order(best))]  # fmt: skip
        assert found == expected, name
        assert len(ids) > 500 or name != "K"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abdhksy '", max_size=16), st.text(alphabet="abdhksy '", max_size=16))
def test_sequence_ratio_is_difflibs(a, b):
    import difflib

    from lagebild.geo.similarity import sequence_ratio

    assert sequence_ratio(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

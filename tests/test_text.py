"""Sentence splitting and tokens that survive news German."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lagebild.language.text import MAX_SENTENCE_CHARS, match_form, split_sentences, tokenize


def sentences(text):
    return [s.text for s in split_sentences(text)]


def test_ordinals_and_abbreviations_do_not_end_sentences():
    text = "Am 27. November griffen u.a. Kämpfer der 25. Division an. Dr. Müller bestätigte dies z.B. im Radio."
    assert sentences(text) == [
        "Am 27. November griffen u.a. Kämpfer der 25. Division an.",
        "Dr. Müller bestätigte dies z.B. im Radio.",
    ]


def test_a_figure_after_a_counting_word_ends_its_sentence():
    text = "Die Zahl der Opfer stieg bis Mittwoch auf mindestens 23. Soldaten hätten in die Menge gefeuert."
    assert sentences(text) == ["Die Zahl der Opfer stieg bis Mittwoch auf mindestens 23.", "Soldaten hätten in die Menge gefeuert."]
    assert sentences("Seit dem 23. Juni gilt die Waffenruhe.") == ["Seit dem 23. Juni gilt die Waffenruhe."]


def test_headline_without_period_is_its_own_sentence():
    assert sentences("Vier Tote nach Drohnenangriff\n\nCHARKIW (bsp) - Ein Angriff.") == [
        "Vier Tote nach Drohnenangriff",
        "CHARKIW (bsp) - Ein Angriff.",
    ]


def test_quotes_stay_inside_sentence():
    assert len(sentences("Er sprach von „Hunderten Granaten“. Danach war es ruhig.")) == 2


def test_offsets_point_into_the_text():
    text = "Titel\n\nErster Satz. Zweiter Satz."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    for t in tokenize(text, split_sentences(text)):
        assert text[t.start : t.end] == t.text


def test_hyphen_compounds_split_and_remember_the_join():
    text = "HTS-Mitglieder und RSF-Miliz"
    tokens = tokenize(text, split_sentences(text))
    assert [t.text for t in tokens] == ["HTS", "-", "Mitglieder", "und", "RSF", "-", "Miliz"]
    assert tokens[0].joined and not tokens[2].joined


def test_apostrophe_names_are_one_token():
    text = "Hay’et Tahrir"
    assert [t.text for t in tokenize(text, split_sentences(text))] == ["Hay’et", "Tahrir"]


def test_match_form_meets_inflected_forms():
    assert match_form("Islamischen") == match_form("Islamischer") == match_form("Islamische")
    assert match_form("Staates") == match_form("Staat")
    assert match_form("Aleppos") == match_form("Aleppo")
    assert match_form("IS") != match_form("is")


def test_an_over_long_sentence_is_cut_at_clause_marks_into_bounded_pieces():
    # A ticker pasted without full stops: one "sentence" of several thousand characters.
    entry = "Gefechte bei Pokrowsk und Kurachowe, Drohnenangriffe auf Charkiw; Beschuss von Cherson"
    text = " – ".join([entry] * 80)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in pieces)
    assert all(s.text == text[s.start : s.end] for s in pieces)
    # Cut after a clause mark, never inside a word: the pieces put together give the text back.
    assert " ".join(s.text for s in pieces).split() == text.split()
    assert all(s.text[-1] in ",;–" or s is pieces[-1] for s in pieces)


@given(st.lists(st.sampled_from(["Angriff", "auf", "Idlib", ",", ";", " ", "\n", "x" * 700, "y" * 2500, "Kämpfe."]), max_size=40))
def test_sentences_are_bounded_and_lose_no_text(parts):
    text = " ".join(parts)
    found = split_sentences(text)
    assert all(0 < len(s.text) <= MAX_SENTENCE_CHARS for s in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert "".join(s.text for s in found).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_a_number_before_a_full_stop_ends_a_sentence_before_an_article_but_not_before_a_month():
    text = "Das sagte der Bürgermeister dem Sender Radio 9. Die Angreifer seien geflohen. Am 9. Dezember kamen sie zurück."
    assert [s.text for s in split_sentences(text)] == [
        "Das sagte der Bürgermeister dem Sender Radio 9.", "Die Angreifer seien geflohen.", "Am 9. Dezember kamen sie zurück."]

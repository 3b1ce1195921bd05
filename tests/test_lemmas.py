"""The lemma dictionary: the same answers as simplemma's own, from a trie built once."""

from __future__ import annotations

import re

import pytest
import simplemma

from lagebild.language import lemmas

from .conftest import EXAMPLES


def _words() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))[:8])
    found = sorted(set(re.findall(r"[^\W\d_]+", text)))
    return found + ["Granateneinschläge", "bombardiert", "Räume", "Hay’at", "Xqzt", "ÄRZTE"]


def test_lemmas_are_simplemmas():
    words = _words()
    assert [lemmas.lemma(w) for w in words] == [simplemma.lemmatize(w, lang="de").lower() for w in words]


def test_known_words_are_simplemmas():
    words = _words()
    assert [lemmas.is_known(w) for w in words] == [simplemma.is_known(w, lang="de") for w in words]
    with pytest.raises(ValueError):
        lemmas.is_known("")


def test_the_trie_is_built_once_under_the_home(lagebild_home):
    lemmas.lemma("Angriffe")
    built = list(lagebild_home.glob("simplemma-*-de.marisa"))
    assert len(built) == 1 and built[0].stat().st_size > 1_000_000
    assert not list(lagebild_home.glob("*.tmp"))


def test_an_unwritable_home_falls_back_to_simplemma(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the home folder should be")
    monkeypatch.setenv("LAGEBILD_HOME", str(blocker))
    assert lemmas._open_trie() is None

"""Named German word lists the event rules read, from ``data/wordlists.toml``.

Reads: the bundled data file, once, on first use (not at import). Writes: nothing. Each list
is a tuple of lower-case strings, so it can also serve ``str.startswith``/``endswith``.

>>> "zivilist" in word_list("person_heads"), "sagte" in word_set("saying")
(True, True)
>>> noun_of("regierungssoldaten", "state_dead")
True
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib import resources

from ..errors import DataFileError

__all__ = ["head_noun_of", "noun_of", "word_list", "word_set"]


@cache
def _lists() -> dict[str, tuple[str, ...]]:
    path = resources.files("lagebild") / "data" / "wordlists.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
    return {name: tuple(values) for name, values in data.get("lists", {}).items()}


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The word list called ``name``; a name the file lacks is a data error, not an empty list."""
    try:
        return _lists()[name]
    except KeyError:
        raise DataFileError(f"wordlists.toml has no list {name!r}") from None


@cache
def word_set(name: str) -> frozenset[str]:
    """The same list as a set, for membership tests in the rules' hot paths."""
    return frozenset(word_list(name))


# Plural and case endings after a compound's head: "Regierungssoldaten", "Dorfbewohnern".
_ENDINGS = ("en", "n", "e", "s", "innen", "in")


@lru_cache(maxsize=65_536)  # asked of the same words report after report
def noun_of(word: str, name: str) -> bool:
    """Whether the lower-cased word is a noun of list ``name``'s kind: it opens with one of the
    list's word starts or ends in one, also before a plural or case ending ("Regierungssoldaten",
    "Kampfdrohnen")."""
    heads = word_list(name)
    return word.startswith(heads) or _ends_in(word, heads)


def _ends_in(word: str, heads: tuple[str, ...]) -> bool:
    """Whether the word ends in one of ``heads``, also before a plural or case ending."""
    return word.endswith(heads) or any(word.endswith(ending) and word[: -len(ending)].endswith(heads) for ending in _ENDINGS)


# Endings a noun of the list may take in the word itself: "Soldat-en", "Zivilist-innen", "Kinder-n"
_INFLECTIONS = frozenset(("", "e", "en", "n", "s", "es", "er", "ern", "in", "innen", "nen"))


@lru_cache(maxsize=65_536)
def head_noun_of(word: str, name: str) -> bool:
    """Like ``noun_of``, but a list entry that opens a compound is only its first part: a
    "Militärposten" is a post and a "Kinderklinik" a clinic, not soldiers or children; the
    entry must be the word's head (its end) or the word itself, inflected."""
    heads = word_list(name)
    return _ends_in(word, heads) or any(word.startswith(head) and word[len(head) :] in _INFLECTIONS for head in heads)

"""German lemmas and dictionary membership from simplemma, with its dictionary opened fast.

Reads: simplemma's German dictionary. simplemma decodes it into a Python dict of a million
entries on first use, which takes one to two seconds, longer than everything else a start
of ``lagebild`` does. The same entries are kept instead as a MARISA trie in
``$LAGEBILD_HOME/simplemma-<version>-de.marisa``, built once (a few seconds, on the first
run after simplemma changes) and memory-mapped afterwards: opening it takes milliseconds,
and forked workers share its pages. Writes: nothing into records; it answers ``lemma``
(simplemma's lemma, lower-cased) and ``is_known`` (whether simplemma's dictionary has the
word), exactly as ``simplemma.lemmatize(word, lang="de").lower()`` and
``simplemma.is_known(word, lang="de")`` would. Where the trie cannot be built or opened
(no marisa-trie, a read-only home), simplemma's own dictionary is used.

``lemma("Angriffe")`` is "angriff", ``lemma("Bomben")`` "bombe"; ``is_known("Stellungen")``
is true. (No doctest: the first call builds the trie in the user's home.)
"""

from __future__ import annotations

import logging
import os
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path

import simplemma
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

__all__ = ["home", "is_known", "lemma"]

log = logging.getLogger(__name__)

LANGUAGE = "de"
# Words looked up again and again (the vocabulary of news is small); beyond this many the
# oldest answers go, so memory stays bounded on a corpus of millions of reports.
CACHED_WORDS = 262_144


def home() -> Path:
    """``$LAGEBILD_HOME``, by default ``$XDG_DATA_HOME/lagebild`` (``~/.local/share/lagebild``):
    where lagebild keeps what it builds, beside the gazetteer."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    data = xdg if os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(os.environ.get("LAGEBILD_HOME") or os.path.join(data, "lagebild"))


@lru_cache(maxsize=CACHED_WORDS)
def lemma(word: str) -> str:
    """simplemma's lemma of ``word``, lower-cased."""
    return _lemmatizer()[0].lemmatize(word, LANGUAGE).lower()


@lru_cache(maxsize=CACHED_WORDS)
def is_known(word: str) -> bool:
    """Whether simplemma's German dictionary has ``word`` (in either case)."""
    if not word:
        raise ValueError("Wrong input value: empty string")  # as simplemma.is_known says
    return _lemmatizer()[1].get_lemma(unicodedata.normalize("NFC", word), LANGUAGE) is not None


class _TrieDictionary(Mapping[str, str]):
    """simplemma's dictionary (word -> lemma) as a read-only view of a MARISA BytesTrie."""

    def __init__(self, trie) -> None:
        self._trie = trie

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        found = self._trie.get(key)
        return found[0].decode() if found else default

    def __getitem__(self, key: str) -> str:
        found = self._trie.get(key)
        if not found:
            raise KeyError(key)
        return found[0].decode()

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


class _TrieFactory:
    """A simplemma ``DictionaryFactory`` that serves the German dictionary from the trie."""

    def __init__(self, dictionary: _TrieDictionary) -> None:
        self._dictionary = dictionary

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != LANGUAGE:
            raise ValueError(f"only {LANGUAGE!r} is served from the trie, not {lang!r}")
        return self._dictionary


@cache
def _lemmatizer() -> tuple[simplemma.Lemmatizer, DictionaryLookupStrategy]:
    """simplemma's lemmatizer and dictionary lookup over the trie (or simplemma's own dictionary)."""
    dictionary = _open_trie()
    if dictionary is None:
        return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy()), DictionaryLookupStrategy()
    factory = _TrieFactory(dictionary)
    strategy = DefaultStrategy(dictionary_factory=factory)  # type: ignore[arg-type]
    return simplemma.Lemmatizer(lemmatization_strategy=strategy), DictionaryLookupStrategy(factory)  # type: ignore[arg-type]


def _open_trie() -> _TrieDictionary | None:
    try:
        import marisa_trie
    except ImportError:
        log.info("marisa-trie is not installed: simplemma loads its own dictionary (slower start)")
        return None
    version = getattr(simplemma, "__version__", "unknown")
    path = home() / f"simplemma-{version}-{LANGUAGE}.marisa"
    try:
        if not path.exists():
            _build_trie(path, marisa_trie)
        return _TrieDictionary(marisa_trie.BytesTrie().mmap(str(path)))
    except (OSError, RuntimeError, ValueError) as exc:  # a read-only or full home, a damaged file
        log.warning("cannot build or open the lemma dictionary %s (%s): simplemma loads its own", path, exc)
        return None


def _build_trie(path: Path, marisa_trie) -> None:
    """Write simplemma's German dictionary as a trie to ``path``: into a temporary file first,
    then renamed, so that a process that opens it never sees half a file (two processes
    that build at once both write whole files, and the last rename wins)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    log.info("building the lemma dictionary %s (once per simplemma version)", path)
    # A factory of our own, dropped after the build: the shared one would keep the dict alive.
    entries = DefaultDictionaryFactory().get_dictionary(LANGUAGE)
    trie = marisa_trie.BytesTrie((word, found.encode()) for word, found in entries.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        trie.save(temporary)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would keep it from other users of a shared home
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

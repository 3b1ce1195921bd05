"""Spelling: how alike two place names are once transliteration is undone.

Reads: names, or names already folded by ``normalize.fold``. Writes: nothing; it answers with
a score from 0 to 1 (``spelling_similarity``, ``folded_similarity``), a folded name without
its Arabic articles (``bare``) and a name without diacritics (``ascii_name``). The index uses
them to tell a transliteration (``Candidate.similarity``) from two names that only share a
vowel-less key: ``normalize.name_key`` makes "Charkiw" meet "Kharkiv", and also "Armee" meet
"Rome".

>>> spelling_similarity("Charkiw", "Kharkiv") >= MIN_SIMILARITY
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..language.normalize import ARABIC_ARTICLES, fold

__all__ = ["MIN_SIMILARITY", "ascii_name", "bare", "folded_similarity", "sequence_ratio", "spelling_similarity"]

# Below this spelling similarity a transliteration-key match is no match (see geocode).
MIN_SIMILARITY = 0.7

# A spelling skeleton that keeps vowels, used only to score how close two spellings are.
# name_key drops vowels so that transliterations meet; the price is that "Armee" and
# "Rome" meet too, which this score tells apart. It is deliberately blunter than name_key
# elsewhere: j, dsch and y become one letter, as do the diphthong spellings (Deir/Dayr).
_LOOSE = (
    ("dsch", "y"), ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("j", "y"), ("kh", "h"),
    ("ch", "h"), ("gh", "g"), ("q", "k"), ("ck", "k"), ("c", "k"), ("ph", "f"), ("th", "t"),
    ("dh", "d"), ("w", "v"), ("z", "s"), ("ou", "u"), ("ee", "i"), ("ie", "i"), ("ay", "ai"),
    ("ey", "ai"), ("ei", "ai"), ("av", "au"),
)  # fmt: skip
_LOOSE_DOUBLES = re.compile(r"(.)\1+")
_MARKS = re.compile("['\u2018\u2019\u02bc\u02be\u02bf\u00b4`]")


def spelling_similarity(a: str, b: str) -> float:
    """How alike two spellings are once transliteration is undone, from 0 to 1.

    difflib's ratio of the spellings with vowels kept (``sequence_ratio``). Its cheap upper bound (letters in
    common, ignoring order) comes first: most names that share a short key are far apart,
    and for them the bound, already under ``MIN_SIMILARITY``, is answer enough.

    >>> spelling_similarity("Dschisr asch-Schughur", "Jisr ash Shughur")
    1.0
    >>> spelling_similarity("Armee", "Roma")
    0.25
    """
    return folded_similarity(bare(fold(a)), bare(fold(b)))


def folded_similarity(a: str, b: str) -> float:
    """``spelling_similarity`` of two names already folded and without articles."""
    x, y = _loose(a), _loose(b)
    if x == y:
        return 1.0
    counts = dict(_letter_counts(x))  # one name is compared with the hundreds that share its key
    common = 0
    for char in y:
        left = counts.get(char, 0)
        if left:
            counts[char] = left - 1
            common += 1
    bound = 2 * common / (len(x) + len(y))
    if bound < MIN_SIMILARITY:
        return bound
    return sequence_ratio(x, y)


@lru_cache(maxsize=65_536)  # names that share a key meet again in other lookups: each pair is matched once
def sequence_ratio(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()``, worked out the same way
    (the longest matching block, first in ``a`` and then in ``b`` where several are as long,
    then the same on either side of it) without building the matcher, which costs more than
    the matching itself on names of a few letters.

    >>> import difflib
    >>> sequence_ratio("dayr sor", "dair sur"), difflib.SequenceMatcher(None, "dayr sor", "dair sur").ratio()
    (0.75, 0.75)
    """
    length = len(a) + len(b)
    if not length:
        return 1.0
    where: dict[str, list[int]] = {}
    for j, char in enumerate(b):
        where.setdefault(char, []).append(j)
    matched = 0
    pending = [(0, len(a), 0, len(b))]
    while pending:
        alo, ahi, blo, bhi = pending.pop()
        besti, bestj, best = alo, blo, 0
        ending: dict[int, int] = {}  # j -> length of the match ending at (i - 1, j)
        for i in range(alo, ahi):
            here: dict[int, int] = {}
            for j in where.get(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = here[j] = ending.get(j - 1, 0) + 1
                if k > best:
                    besti, bestj, best = i - k + 1, j - k + 1, k
            ending = here
        if best:
            matched += best
            if alo < besti and blo < bestj:
                pending.append((alo, besti, blo, bestj))
            if besti + best < ahi and bestj + best < bhi:
                pending.append((besti + best, ahi, bestj + best, bhi))
    return 2.0 * matched / length


@lru_cache(maxsize=4_096)
def _letter_counts(loose: str) -> dict[str, int]:
    """How often each letter occurs (the caller copies it before counting down)."""
    counts: dict[str, int] = {}
    for char in loose:
        counts[char] = counts.get(char, 0) + 1
    return counts


@lru_cache(maxsize=65_536)
def _loose(folded: str) -> str:
    out = bare(folded)
    for old, new in _LOOSE:
        out = out.replace(old, new)
    return _LOOSE_DOUBLES.sub(r"\1", out)


def bare(folded: str) -> str:
    """A folded name without Arabic articles, so that "al-Raqqa" spells "Raqqa" exactly.

    >>> bare("dayr az zawr")
    'dayr zawr'
    """
    if " " not in folded:
        return folded  # one word: an article never stands alone
    words = folded.split()
    kept = [w for w in words if w not in ARABIC_ARTICLES]
    return " ".join(kept) if kept else folded


def ascii_name(name: str) -> str:
    """A name without diacritics and ayn/hamza marks, case kept.

    >>> ascii_name("Ma‘arrat an Nu‘mān")
    'Maarrat an Numan'
    """
    decomposed = unicodedata.normalize("NFKD", _MARKS.sub("", name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))

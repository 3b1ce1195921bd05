"""Numbers in German news text, read as the ranges the annotation guidelines define.

Reads: a text string. Writes: ``FoundQuantity`` records (span, ``Quantity`` with
best/low/high, and a kind: ``exact``, ``vague``, ``range`` or ``approximate``).

Digits with German separators ("3.500", "1,5 Millionen"), number words ("zwölf",
"dreiundzwanzig", "zwei Dutzend"), vague words ("mehrere", "Dutzende", "Hunderte"), ranges
("300 bis 400", "zwischen 40 und 50") and approximations ("fast", "rund", "mehr als",
"mindestens", "bis zu") are recognised. Ordinals ("am 27. November", "die 25. Division"),
calendar dates ("27.11.2024"), clock times and years after "im Jahr"/"seit" are not
quantities. Whether a number counts people, and whether they died, is the event stage's
question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

from text_to_num import text2num

from ..records import Quantity, quick_init

__all__ = ["ONE_MORE", "FoundQuantity", "adjective_form", "find_quantities", "parse_quantity"]


@quick_init
@dataclass(slots=True, frozen=True)
class FoundQuantity:
    text: str
    start: int
    end: int
    quantity: Quantity
    kind: str  # exact | vague | range | approximate | article ("ein Soldat")


# Vague words as (low, best, high); high None means no upper bound.
VAGUE = {
    "einige": (2, 3, 9), "mehrere": (2, 3, 9), "etliche": (2, 3, 9), "zahlreiche": (2, 3, None),
    "viele": (2, 3, None), "dutzende": (12, 12, 99), "hunderte": (100, 100, 999),
    "tausende": (1000, 1000, 9999), "zehntausende": (10_000, 10_000, 99_999),
    "hunderttausende": (100_000, 100_000, 999_999),
}  # fmt: skip
MULTIPLIERS = {"dutzend": 12, "hundert": 100, "tausend": 1000, "million": 1_000_000, "millionen": 1_000_000,
               "mio": 1_000_000, "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9}  # fmt: skip
# The modifier before a number and the range it turns N into (guidelines, "Fatalities").
APPROXIMATE = "approximate"
MODIFIERS = {
    ("fast",): "almost", ("beinahe",): "almost", ("nahezu",): "almost", ("knapp",): "almost",
    ("mehr", "als"): "more", ("über",): "more", ("weit", "über"): "more", ("weit", "mehr", "als"): "more",
    ("gut",): "more",
    ("mindestens",): "at_least", ("wenigstens",): "at_least", ("zumindest",): "at_least",
    ("bis", "zu"): "up_to", ("maximal",): "up_to", ("höchstens",): "up_to",
    ("rund",): "about", ("etwa",): "about", ("ungefähr",): "about", ("circa",): "about",
    ("ca",): "about", ("schätzungsweise",): "about", ("an", "die"): "about",
}  # fmt: skip
_ARTICLE_ONE = frozenset("ein eine einen einem einer".split())
# "ein weiterer", "ein dritter": one more of those just counted, the noun left out
ONE_MORE = ("weiter", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt", "elft", "zwölft")
# The genitive of the small numbers ("der Tod zweier Polizisten"); larger ones do not inflect.
_GENITIVE_NUMBERS = {"zweier": 2, "dreier": 3}
_ORDINAL_BEFORE = frozenset("der die das den dem des am zum vom im zur seit ab bis".split())
_MONTHS = frozenset(
    "januar jänner februar märz april mai juni juli august september oktober november dezember".split()
)
_YEAR_BEFORE = frozenset("jahr jahre jahres jahren seit im bis anfang mitte ende sommer herbst winter frühjahr".split())
_NUMBER_WORD = re.compile(
    r"(?:ein|eins|zwei|drei|vier|fünf|sechs|sech|sieben|sieb|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig"
    r"|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|und)+"
)
_TOKEN = re.compile(
    r"\d{1,2}\.\d{1,2}\.(?:\d{2,4})?"  # a calendar date, skipped
    r"|\d{1,2}[:.]\d{2}\s*Uhr"  # a clock time, skipped
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    r"|[^\W\d_]+"
    r"|[-–]"
)


_MODIFIERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _meaning in sorted(MODIFIERS.items(), key=lambda kv: -len(kv[0])):
    _MODIFIERS_BY_FIRST.setdefault(_words[0], []).append((_words, _meaning))


class _Tok(NamedTuple):
    """A word, number or dash of the text; a named tuple, built fast for every token."""

    text: str
    start: int
    end: int
    low: str


_new_tok = tuple.__new__


class _Tokens(dict):
    """The text's tokens by index, each built the first time a rule looks at it: a quantity
    starts at few of them, and the rules look only a few tokens around each start."""

    def __init__(self, matches: list[re.Match[str]]) -> None:
        super().__init__()
        self._matches = matches

    def __len__(self) -> int:
        return len(self._matches)

    def __missing__(self, i: int) -> _Tok:
        match = self._matches[i]
        word = match.group()
        # the named tuple built as its constructor would build it, without the call in Python
        token = self[i] = _new_tok(_Tok, (word, *match.span(), word.lower()))
        return token


def find_quantities(text: str) -> list[FoundQuantity]:
    """Every quantity in ``text`` with its span and range.

    >>> [(q.text, q.quantity.best, q.quantity.low, q.quantity.high) for q in find_quantities(
    ...     "Mehr als 40 Kämpfer und rund 300 Zivilisten, darunter zwölf Kinder.")]
    [('Mehr als 40', 41, 41, None), ('rund 300', 300, 270, 330), ('zwölf', 12, 12, 12)]
    >>> [q.text for q in find_quantities("Am 27. November griff die 25. Brigade um 14.30 Uhr an.")]
    []
    """
    matches = list(_TOKEN.finditer(text))
    tokens = _Tokens(matches)
    found: list[FoundQuantity] = []
    after = 0  # tokens before this one lie in a quantity found
    # (the tokens a quantity may start at picked out without a line of Python per token)
    for i in compress(count(), map(_may_start, map(re.Match.group, matches))):
        if i < after:
            continue
        hit = _quantity_at(tokens, i, text)
        if hit is None:
            continue
        first, last, quantity, kind = hit
        found.append(FoundQuantity(text[tokens[first].start : tokens[last].end], tokens[first].start,
                                   tokens[last].end, quantity, kind))  # fmt: skip
        after = last + 1
    return found


def parse_quantity(phrase: str) -> Quantity | None:
    """The range of one phrase, or None when it holds no quantity.

    >>> parse_quantity("zwischen 40 und 50")
    Quantity(best=40, low=40, high=50)
    >>> parse_quantity("fast 100")
    Quantity(best=90, low=90, high=100)
    >>> parse_quantity("Dutzende")
    Quantity(best=12, low=12, high=99)
    >>> parse_quantity("1,5 Millionen")
    Quantity(best=1500000, low=1500000, high=1500000)
    >>> parse_quantity("zwei Dutzend")
    Quantity(best=24, low=24, high=24)
    >>> parse_quantity("bis zu 30")
    Quantity(best=30, low=1, high=30)
    """
    found = find_quantities(phrase)
    return found[0].quantity if found else None


def _quantity_at(tokens: _Tokens, i: int, text: str) -> tuple[int, int, Quantity, str] | None:
    modifier, first, at = _modifier(tokens, i)
    if at >= len(tokens):
        return None
    if modifier is None and tokens[i].low == "zwischen":
        return _between(tokens, i)
    word = tokens[at].low
    if modifier is None and word in VAGUE and at + 1 < len(tokens) and f"{tokens[at + 1].low}e" in VAGUE:
        # "mehrere Dutzend", "einige Hundert": read as "Dutzende", "Hunderte"
        low, best, high = VAGUE[f"{tokens[at + 1].low}e"]
        return first, at + 1, Quantity(best, low, high), "vague"
    if modifier is None and word in VAGUE:
        low, best, high = VAGUE[word]
        last = at
        if at + 1 < len(tokens) and tokens[at + 1].low == "von":
            pass  # "Hunderte von Menschen": the noun follows, the span ends here
        return first, last, Quantity(best, low, high), "vague"
    if modifier is None and word[-1:] in ("n", "r") and word[:-1] in VAGUE:  # "Dutzenden", "Hunderten", "den Tod mehrerer"
        low, best, high = VAGUE[word[:-1]]
        return first, at, Quantity(best, low, high), "vague"
    if word in _GENITIVE_NUMBERS:  # "der Tod zweier Polizisten"
        value = _GENITIVE_NUMBERS[word]
        return first, at, Quantity(value, value, value) if modifier is None else _modified(modifier, value), (
            "exact" if modifier is None else APPROXIMATE)
    number = _number(tokens, at, text)
    if number is None:
        return None
    value, last = number
    if modifier is None:
        upper = _range_end(tokens, last, text)
        if upper is not None:
            high, last = upper
            if high > value:
                return first, last, Quantity(value, value, high), "range"
        kind = "article" if tokens[at].low in _ARTICLE_ONE and last == at else "exact"
        return first, last, Quantity(value, value, value), kind
    return first, last, _modified(modifier, value), APPROXIMATE


@lru_cache(maxsize=65_536)  # a report's words repeat, and so do reports': each is judged once
@lru_cache(maxsize=65_536)  # the words of news repeat: each is looked at once
def _may_start(text: str) -> bool:
    """Whether a quantity may start at a token written so (a digit, a number word, "fast", "ein" ...)."""
    word = text.lower()
    return (word[:1].isdigit() or word in _MODIFIERS_BY_FIRST or word in VAGUE or word[:-1] in VAGUE
            or word == "zwischen" or word in _ARTICLE_ONE or word in _GENITIVE_NUMBERS or _is_number_word(word))  # fmt: skip


def _modifier(tokens: _Tokens, i: int) -> tuple[str | None, int, int]:
    for words, meaning in _MODIFIERS_BY_FIRST.get(tokens[i].low, ()):
        n = len(words)
        if i + n < len(tokens) and tuple(tokens[k].low for k in range(i, i + n)) == words:
            # "mehr als ein Dutzend": the article counts with its multiplier
            dozen = tokens[i + n].low in _ARTICLE_ONE and i + n + 1 < len(tokens) and tokens[i + n + 1].low in (
                "dutzend", "halbes")  # fmt: skip
            if tokens[i + n].low[:1].isdigit() or _is_number_word(tokens[i + n].low) or dozen:
                return meaning, i, i + n
    return None, i, i


def _modified(modifier: str, n: int) -> Quantity:
    if modifier == "almost":
        return Quantity(round(0.9 * n), round(0.9 * n), n)
    if modifier == "more":
        return Quantity(n + 1, n + 1, None)
    if modifier == "at_least":
        return Quantity(n, n, None)
    if modifier == "up_to":
        return Quantity(n, min(1, n), n)
    return Quantity(n, round(0.9 * n), round(1.1 * n))  # about


def _between(tokens: _Tokens, i: int) -> tuple[int, int, Quantity, str] | None:
    if i + 3 >= len(tokens):
        return None
    low = _number(tokens, i + 1, "")
    if low is None or low[1] + 2 >= len(tokens) or tokens[low[1] + 1].low != "und":
        return None
    high = _number(tokens, low[1] + 2, "")
    if high is None or high[0] <= low[0]:
        return None
    return i, high[1], Quantity(low[0], low[0], high[0]), "range"


def _range_end(tokens: _Tokens, last: int, text: str) -> tuple[int, int] | None:
    """The M of "N bis M", "N-M" or "N oder M"."""
    if last + 2 >= len(tokens):
        return None
    link = tokens[last + 1]
    if link.low not in ("bis", "-", "–", "oder"):
        return None
    if link.text in "-–" and (link.start != tokens[last].end or tokens[last + 2].start != link.end):
        return None
    upper = _number(tokens, last + 2, text)
    if upper is None:
        return None
    return upper


def adjective_form(word: str) -> bool:
    """A lower-case word with an adjective's ending ("ranghoher", "jungen"): it may stand
    between an article or number and its noun."""
    return word.isalpha() and word[:1].islower() and word.endswith(("e", "er", "en", "es", "em"))


def _number(tokens: _Tokens, i: int, text: str) -> tuple[int, int] | None:
    """The value of the number starting at token i and the index of its last token."""
    tok = tokens[i]
    if tok.text[:1].isdigit():
        if not _is_count(tokens, i, text):
            return None
        raw = tok.text.replace(".", "").replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            return None  # a calendar date or a clock time
        last = i
        if i + 1 < len(tokens) and tokens[i + 1].low in MULTIPLIERS:
            value *= MULTIPLIERS[tokens[i + 1].low]
            last = i + 1
        return int(round(value)), last
    word = tok.low
    if word in _ARTICLE_ONE:
        if i + 1 < len(tokens) and tokens[i + 1].low in ("dutzend", "halbes"):
            if tokens[i + 1].low == "halbes" and i + 2 < len(tokens) and tokens[i + 2].low == "dutzend":
                return 6, i + 2
            if tokens[i + 1].low == "dutzend":
                return 12, i + 1
        k = i + 1
        # "ein ranghoher Kommandeur", "eine junge schwangere Frau"; not "einer jungen Frau", whose
        # case is the genitive or dative of an apposition
        while k < min(len(tokens), i + 3) and word in ("ein", "eine", "einen") and adjective_form(tokens[k].text):
            k += 1
        if k < len(tokens) and tokens[k].text[:1].isupper():
            return 1, i  # "ein Soldat": one, if the event stage finds it counts the dead
        if k == i + 2 and tokens[i + 1].low.startswith(ONE_MORE):
            return 1, i  # "ein weiterer erlag seinen Verletzungen", "ein vierter starb": the noun left out
        return None
    if not _is_number_word(word):
        return None
    value = _word_value(word)
    last = i
    if i + 1 < len(tokens) and tokens[i + 1].low in MULTIPLIERS:
        value *= MULTIPLIERS[tokens[i + 1].low]
        last = i + 1
    return value, last


_CALENDAR_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2,4})?")
_YEAR = re.compile(r"(19|20)\d\d")


def _is_count(tokens: _Tokens, i: int, text: str) -> bool:
    tok = tokens[i]
    if _CALENDAR_DATE.fullmatch(tok.text) or tok.text.endswith("Uhr"):
        return False
    ordinal = text[tok.end : tok.end + 1] == "." if text else False
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    previous = tokens[i - 1].low if i > 0 else ""
    if ordinal and (nxt in _MONTHS or previous in _ORDINAL_BEFORE or (nxt[:1].isalpha() and tokens[i + 1].text[:1].islower())):
        return False
    if _YEAR.fullmatch(tok.text) and (previous in _YEAR_BEFORE or previous in _MONTHS):
        return False
    return True


@lru_cache(maxsize=4096)
def _is_number_word(word: str) -> bool:
    if word in _ARTICLE_ONE or word == "und" or not _NUMBER_WORD.fullmatch(word):
        return False
    try:
        text2num(word, "de")
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _word_value(word: str) -> int:
    return int(text2num(word, "de"))

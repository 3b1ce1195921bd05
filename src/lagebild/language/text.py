"""Sentences and tokens of German news text.

Reads: a text string. Writes: ``Sentence`` spans and ``Token`` records with character
offsets into that string, and the inflection-free ``match_form`` of each token that the
lexicon matchers compare against.

Sentences are split first on blank and single line breaks (headlines and datelines carry no
final period), then with the German Punkt model, which knows abbreviations (u.a., z.B., Nr.)
and ordinals ("am 27. November", "die 25. Division"). Hyphenated compounds ("IS-Kämpfer",
"RSF-Miliz") become several tokens with ``joined`` set, so that "IS" is found inside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from ..records import quick_init

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "Token", "match_form", "split_sentences", "tokenize"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ`´][^\W\d_]+)*|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)
_APOSTROPHES = re.compile("['’ʼ`´]")
_LINE = re.compile(r"[^\n]+")
# Punkt misreads these as sentence ends; they never end a sentence in news German.
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:Nr|Dr|Prof|bzw|ca|vgl|sog|u\.a|z\.B|d\.h|o\.ä|St|Mio|Mrd|Abs|Art|Str|Gen|Oberst|Lt)\.|\b\d{1,2}\.)$"
)
# "stieg die Zahl der Toten auf mindestens 18. Regierungstruppen ...": after a word that
# counts, a number with a full stop is a figure that ends the sentence, not an ordinal ("am 18.").
_A_COUNT_ENDS = re.compile(r"\b(?:mindestens|auf|über|rund|etwa|knapp|fast|nahezu|insgesamt|nun|inzwischen) \d{1,2}\.$")
_COUNT_REACH = 16
# How far from a sentence's end ``_NO_BREAK_AFTER`` can look: its longest word with the full
# stop ("Oberst."), a line break after it and the character before it, with room to spare.
_NO_BREAK_REACH = 12
# A "sentence" longer than this is a list, a table or text without punctuation, not prose
# (the longest in the development reports has 351 characters). It is cut into pieces: rules
# look around a word within its sentence, and an unbounded sentence makes them quadratic.
MAX_SENTENCE_CHARS = 1000
_CLAUSE_MARK = re.compile(r"[,;:–—]\s+")
_INFLECTION = ("ens", "en", "em", "er", "es", "e", "n", "s")


@quick_init
@dataclass(slots=True, frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


class Token(NamedTuple):
    """A word, number or punctuation mark; a named tuple because a report has thousands of them
    and a tuple is built several times faster than a frozen dataclass."""

    text: str
    start: int
    end: int
    sentence: int
    joined: bool  # a hyphen joins this token to the next one ("IS" in "IS-Kämpfer")
    low: str  # the text lower-cased, once: rules compare it with word lists again and again


@cache
def _punkt():
    import punkt

    class KeptVerdicts(punkt.PunktSentenceTokenizer):
        """Punkt, keeping its verdict on each possible sentence end: the verdict depends only on
        the words around the mark ("Angaben. Die", "Nr. 5"), which news repeats, and working it
        out annotates those words anew each time."""

        @lru_cache(maxsize=65_536)  # noqa: B019 - one tokenizer per process, kept for good
        def _context_has_sentbreak(self, context: str) -> bool:
            return super()._context_has_sentbreak(context)

    return KeptVerdicts(punkt.load_model("german"))


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets.

    >>> [s.text for s in split_sentences("Am 27. November griff die HTS an. Die Armee floh.")]
    ['Am 27. November griff die HTS an.', 'Die Armee floh.']
    >>> [s.text for s in split_sentences("Kämpfe in Aleppo\\nDie Lage ist u.a. unklar.")]
    ['Kämpfe in Aleppo', 'Die Lage ist u.a. unklar.']
    """
    tokenizer = _punkt()
    spans: list[tuple[int, int]] = []
    for base, end_of_block in _blocks(text):
        block = text[base:end_of_block]
        pending: tuple[int, int] | None = None
        for start, end in tokenizer.span_tokenize(block):
            if pending and _NO_BREAK_AFTER.search(block[max(pending[0], pending[1] - _NO_BREAK_REACH) : pending[1]]) and not (
                    _A_COUNT_ENDS.search(block[max(pending[0], pending[1] - _COUNT_REACH) : pending[1]])):  # fmt: skip
                pending = (pending[0], end)
                continue
            if pending:
                spans.append((base + pending[0], base + pending[1]))
            pending = (start, end)
        if pending:
            spans.append((base + pending[0], base + pending[1]))
    sentences: list[Sentence] = []
    for span_start, span_end in spans:
        for start, end in _after_numbers(text, span_start, span_end):
            for piece_start, piece_end in _pieces(text, start, end):
                sentences.append(_sentence(text, len(sentences), piece_start, piece_end))
    return sentences


# "... dem Radiosender Magik 9. Die Angreifer seien ...": a number before a full stop reads as an
# ordinal to Punkt, but no ordinal stands before an article or a pronoun that opens a sentence
_NUMBER_ENDS_SENTENCE = re.compile(r"(?<=\d\.)\s+(?=(?:Die|Der|Das|Dies|Diese|Dieser|Ein|Eine|Er|Sie|Es|Wir|Dabei|Damit|Danach|Zudem)\s)")


def _after_numbers(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span cut after a number's full stop that ends a sentence.

    >>> text = "Das sagte er dem Sender Radio 9. Die Angreifer flohen."
    >>> [text[a:b].strip() for a, b in _after_numbers(text, 0, len(text))]
    ['Das sagte er dem Sender Radio 9.', 'Die Angreifer flohen.']
    """
    for cut in _NUMBER_ENDS_SENTENCE.finditer(text, start, end):
        yield start, cut.start()
        start = cut.start()
    yield start, end


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span cut into pieces of at most ``MAX_SENTENCE_CHARS``: after the last clause
    mark (, ; : –) in the second half of a piece, else after its last space, else hard.

    >>> text = "Kämpfe in Idlib, " * 100
    >>> [len(text[a:b]) for a, b in _pieces(text, 0, len(text))]
    [986, 714]
    """
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start + MAX_SENTENCE_CHARS // 2 : start + MAX_SENTENCE_CHARS]
        cut = max((m.end() for m in _CLAUSE_MARK.finditer(window)), default=0)
        if not cut:
            cut = max(window.rfind(" "), window.rfind("\n")) + 1
        cut = start + MAX_SENTENCE_CHARS // 2 + cut if cut else start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines, with hard-wrapped continuations joined: a line that opens with a small letter
    goes on with the sentence of the line before ("Das Terrain wird immer\nwieder ...")."""
    blocks: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        content = line.group().lstrip()
        if not content:
            continue
        if blocks and content[:1].islower() and text[blocks[-1][1] : line.start()].count("\n") == 1:
            blocks[-1] = (blocks[-1][0], line.end())
        else:
            blocks.append((line.start(), line.end()))
    return blocks


def _sentence(text: str, index: int, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(index, start, end, text[start:end])


def tokenize(text: str, sentences: list[Sentence]) -> list[Token]:
    """Word, number and punctuation tokens of every sentence, in order.

    >>> [t.text for t in tokenize("IS-Kämpfer griffen an.", split_sentences("IS-Kämpfer griffen an."))]
    ['IS', '-', 'Kämpfer', 'griffen', 'an', '.']
    """
    tokens: list[Token] = []
    append = tokens.append
    finditer = _TOKEN.finditer
    for sentence in sentences:
        # The pattern has no anchors or look-arounds: matching within the bounds of the
        # whole text finds what matching the sentence's own text would, offsets included.
        index, bound = sentence.index, sentence.end
        for match in finditer(text, sentence.start, bound):
            word = match.group()
            start, end = match.span()
            # Joined: a hyphen right after the word, and another token right after the hyphen
            # (every character but a space or "_" starts one).
            joined = text[end : end + 1] == "-" and end + 1 < bound and not _starts_no_token(text[end + 1])
            append(_new_token(Token, (word, start, end, index, joined, word.lower())))
    return tokens


# A named tuple's own constructor is Python code that builds the tuple with this; called
# directly, a report's thousands of tokens are made in about two thirds of the time.
_new_token = tuple.__new__


def _starts_no_token(character: str) -> bool:
    return character.isspace() or character == "_"


@lru_cache(maxsize=131_072)  # the words of news repeat: each is worked out once
def match_form(word: str) -> str:
    """The form lexicon entries and text tokens are compared in.

    Short all-capital words are acronyms and keep their case ("IS" is not "is"); other
    words are lower-cased, lose apostrophes and one German inflection ending, so that
    "Islamischen Staates" and "Islamischer Staat" meet.

    >>> [match_form(w) for w in ("Islamischen", "Staates", "IS", "Hay’at", "Rebellen", "Armee", "Hamas")]
    ['islamisch', 'staat', 'IS', 'hayat', 'rebell', 'arme', 'hamas']
    """
    if word.isupper() and len(word) <= 6:
        return word
    form = _APOSTROPHES.sub("", word.lower())
    if len(form) >= 5:
        for ending in _INFLECTION:
            # A lone -s goes only from longer words: "Aleppos", "Assads", but "Hamas" is not "Hama".
            if form.endswith(ending) and len(form) - len(ending) >= (5 if ending == "s" else 4):
                return form[: -len(ending)]
    return form

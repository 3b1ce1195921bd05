"""The analysed report: a document's sentences and tokens and the mentions found in it.

Reads: what ``mentions.analyse`` found. Writes nothing; the event passes ask it for the
mentions of one kind in one sentence, a sentence's tokens and words, and keep answers they
ask for again and again in its memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TypeVar

from ..records import Document, Mention
from .text import Sentence, Token

__all__ = ["Analysis"]

T = TypeVar("T")
_low_of = attrgetter("low")


@dataclass
class Analysis:
    document: Document
    text: str
    sentences: list[Sentence]
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    _index: dict[tuple[str, int | None], tuple[Mention, ...]] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=-1, repr=False)
    _bounds: list[int] = field(init=False, default_factory=list, repr=False)
    _bounded: int = field(init=False, default=-1, repr=False)
    _memo: dict[Hashable, Any] = field(init=False, default_factory=dict, repr=False)
    _memo_for: int = field(init=False, default=-1, repr=False)
    _words: list[tuple[str, ...]] = field(init=False, default_factory=list, repr=False)
    _worded: int = field(init=False, default=-1, repr=False)

    def of_kind(self, kind: str, sentence: int | None = None) -> tuple[Mention, ...]:
        """The mentions of one kind (in one sentence), in text order; a tuple, so that the
        index it comes from is handed out as it is, never copied and never changed."""
        if self._indexed != len(self.mentions):  # the event stage asks often: index once
            index: dict[tuple[str, int | None], list[Mention]] = {}
            for m in self.mentions:
                index.setdefault((m.kind, None), []).append(m)
                index.setdefault((m.kind, m.sentence), []).append(m)
            self._index = {key: tuple(found) for key, found in index.items()}
            self._indexed = len(self.mentions)
        return self._index.get((kind, sentence), ())

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once for this analysis while its mentions stay as they are:
        the event passes ask the same question of one sentence again and again."""
        if self._memo_for != len(self.mentions):
            self._memo, self._memo_for = {}, len(self.mentions)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def sentence_words(self, sentence: int) -> tuple[str, ...]:
        """The lower-cased words of one sentence's tokens, in order: rules ask for them again
        and again (a hundred times a report), so every sentence's are worked out at once, by
        the sentence bounds, and kept while the tokens stay as they are."""
        if self._worded != len(self.tokens):
            if self._bounded != len(self.tokens):
                self._find_bounds()
            low = list(map(_low_of, self.tokens))
            bounds = self._bounds
            self._words = [tuple(low[bounds[s] : bounds[s + 1]]) for s in range(len(self.sentences))]
            self._worded = len(self.tokens)
        return self._words[sentence] if 0 <= sentence < len(self._words) else ()

    def first_token(self, sentence: int) -> Token | None:
        """The first token of a sentence (None for a sentence without tokens)."""
        words = self.sentence_tokens(sentence)
        return words[0] if words else None

    def sentence_tokens(self, sentence: int) -> list[Token]:
        """The tokens of one sentence: rules ask for them often, so where each sentence's
        tokens begin is worked out once (tokens come in sentence order)."""
        if not 0 <= sentence < len(self.sentences):
            return []
        if self._bounded != len(self.tokens):
            self._find_bounds()
        return self.tokens[self._bounds[sentence] : self._bounds[sentence + 1]]

    def first_token_index(self, sentence: int) -> int:
        """Where in ``tokens`` a sentence's tokens begin."""
        if self._bounded != len(self.tokens):
            self._find_bounds()
        return self._bounds[sentence]

    def _find_bounds(self) -> None:
        """Where each sentence's tokens begin, and where the last one's end."""
        self._bounds = [0] * (len(self.sentences) + 1)
        for k, token in enumerate(self.tokens):
            self._bounds[token.sentence + 1] = k + 1
        for s in range(1, len(self._bounds)):  # a sentence without tokens begins where the last ended
            self._bounds[s] = max(self._bounds[s], self._bounds[s - 1])
        self._bounded = len(self.tokens)

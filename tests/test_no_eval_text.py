"""No run of nine consecutive words from the shared evaluation reports appears in the repo.

The reports under ``../shared/eval`` and ``../shared/seeds`` are third-party articles kept
beside the repo on our machines; copying their sentences into tests, comments or data would
both republish them and make the tests echo the evaluation. Words are compared after
folding case, umlauts and punctuation, and each file is read as one stream of words, so a
sentence split over adjacent string literals or comment lines is still one run.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

RUN = 9
"""Words in a run that counts as copied: long enough that it does not happen by chance."""

_SKIPPED_PREFIXES = ("src/lagebild/web/vendor/",)
_SKIPPED_SUFFIXES = (".gz", ".zip", ".png", ".ico", ".parquet", ".db")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|[nrt])")
_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def words(text: str) -> list[str]:
    """The words of a piece of text, folded so that formatting cannot hide a copy.

    >>> words('„Zwei Drohnen“ trafen\\\\nden HAFEN — von Aden.')
    ['zwei', 'drohnen', 'trafen', 'den', 'hafen', 'von', 'aden']
    >>> words("Straße in Köln") == words("STRASSE in Koeln")
    True
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else " ", text)
    text = unicodedata.normalize("NFKC", html.unescape(text)).casefold().translate(_FOLD)
    return _WORD.findall(text)


def shingles(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """(index of the first word, hash) of every run of RUN consecutive words."""
    for start in range(len(tokens) - RUN + 1):
        yield start, hash(tuple(tokens[start : start + RUN]))


def fingerprint(texts: Iterable[str]) -> set[int]:
    """The hashes of every run of RUN words in the given texts, each text on its own."""
    return {h for text in texts for _, h in shingles(words(text))}


def copied_runs(text: str, known: set[int]) -> list[tuple[int, str]]:
    """(line, words) of each stretch of ``text`` made of known runs, overlapping runs merged.

    The text is read as one stream of words across lines, so a sentence continued on the
    next line (adjacent string literals, a wrapped comment) is still caught.
    """
    tokens: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = words(line)
        tokens += found
        lines += [number] * len(found)
    hits: list[tuple[int, int]] = []
    for start, h in shingles(tokens):
        if h not in known:
            continue
        if hits and start <= hits[-1][1]:
            hits[-1] = (hits[-1][0], start + RUN)
        else:
            hits.append((start, start + RUN))
    return [(lines[a], " ".join(tokens[a:b])) for a, b in hits]


def _reports(shared: Path) -> Iterator[str]:
    for docs in sorted(shared.glob("eval/**/docs.jsonl")):
        for line in docs.read_text(encoding="utf-8").splitlines():
            if line.strip():
                report = json.loads(line)
                yield report.get("title") or ""
                yield report.get("text") or ""
    for seed in sorted(shared.glob("seeds/*.txt")):
        yield seed.read_text(encoding="utf-8")


def _repo_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root, capture_output=True, check=True,
    ).stdout.decode("utf-8")
    return [
        name for name in listed.split("\0")
        if name and not name.startswith(_SKIPPED_PREFIXES) and not name.endswith(_SKIPPED_SUFFIXES)
    ]


def _text(path: Path) -> str | None:
    """The file's text, or None for a binary or missing file."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def test_no_run_of_evaluation_text_in_the_repo():
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"no shared evaluation reports beside the repo ({SHARED / 'eval'} is absent)")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout, so there is no list of tracked files")
    known = fingerprint(_reports(SHARED))
    assert known, f"no reports read under {SHARED}"
    found = []
    for name in _repo_files(ROOT):
        text = _text(ROOT / name)
        if text is None:
            continue
        found += [f"{name}:{line}: {run}" for line, run in copied_runs(text, known)]
    assert not found, (
        f"{len(found)} run(s) of {RUN}+ words copied from ../shared reports; "
        "write your own sentence instead:\n" + "\n".join(found)
    )


# The matcher itself, on invented text.

_REPORT = (
    "Am Dienstagmorgen beschossen Milizen der Gruppe Nord das Lager am Fluss Kivu, "
    "wobei nach Angaben eines Sprechers fünf Wachleute ums Leben kamen."
)


def test_a_copied_sentence_split_over_string_literals_is_found_with_its_line():
    source = (
        'def test_example():\n'
        '    sentence = ("Milizen der Gruppe Nord beschossen am Dienstagmorgen "\n'
        '                "das Lager am Fluss Kivu, "\n'
        '                "wobei nach Angaben EINES Sprechers")\n'
        '    assert sentence\n'
    )
    runs = copied_runs(source, fingerprint([_REPORT]))
    assert runs == [(3, "das lager am fluss kivu wobei nach angaben eines sprechers")]


def test_formatting_does_not_hide_a_copy():
    known = fingerprint([_REPORT])
    variants = [
        "# Am dienstagmorgen beschossen\n# Milizen der Gruppe\n# „Nord“ das Lager am Fluss",
        '{"text": "Am Dienstagmorgen beschossen Milizen der Gruppe Nord das Lager\\nam Fluss"}',
        "wobei nach Angaben eines Sprechers fuenf Wachleute ums Leben kamen",
        "Am Dienstagmorgen beschossen Milizen der Gruppe Nord das Lager am Fluss".upper(),
    ]
    for text in variants:
        assert copied_runs(text, known), text


def test_runs_shorter_than_nine_words_and_own_wording_pass():
    known = fingerprint([_REPORT])
    eight = "Milizen der Gruppe Nord das Lager am Fluss"
    assert len(words(eight)) == RUN - 1
    assert copied_runs(f"Gestern griffen {eight} an.", known) == []
    own = "Bewaffnete beschossen am Dienstag ein Lager am Kivu; fünf Wachleute starben."
    assert copied_runs(own, known) == []


def test_two_copied_stretches_are_reported_apart():
    known = fingerprint([_REPORT])
    text = (
        "Am Dienstagmorgen beschossen Milizen der Gruppe Nord das Lager am Fluss Kivu.\n"
        "Dazwischen steht ein eigener Satz.\n"
        "wobei nach Angaben eines Sprechers fünf Wachleute ums Leben kamen\n"
    )
    assert [line for line, _ in copied_runs(text, known)] == [1, 3]

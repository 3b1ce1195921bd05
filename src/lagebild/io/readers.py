"""Reading inputs into ``Document`` records.

Reads: files (.txt, .md, .html/.htm, .jsonl/.ndjson, .csv), folders (recursively, in a
stable order) and ``-`` for standard input. A web page is reduced to its article (main
text, title, date, outlet) by trafilatura (the ``html`` extra); without it, to all its text. Writes: ``Document`` records, and an
``InputFailure`` for every input (or line) that cannot be read, so that one bad file never
stops the others and every failure can be reported with its file and line.

Text is UTF-8, or UTF-16 when it opens with a byte order mark. A NUL character marks binary
data. JSONL, CSV and standard input are read line by line, so their size is not limited;
a single report (a .txt, .md or .html file, a line, a CSV field) is limited to
``MAX_DOCUMENT_BYTES``.

Text files may start with a front-matter block that sets the document's metadata::

    ---
    title: Drohnenangriff auf Markt
    published: 2025-05-06
    outlet: Beispiel-Agentur
    ---
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Document, parse_partial_date

__all__ = ["InputFailure", "MAX_DOCUMENT_BYTES", "read_documents", "SUFFIXES", "text_id"]

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".csv"}
TEXT_COLUMNS = ("text", "body", "content", "article", "artikel", "volltext", "fulltext")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_STDIN = "-"
_LIMIT = f"{MAX_DOCUMENT_BYTES // 2**20} MiB"
# A NUL this early in a file means the whole file is binary (an image, an archive), not text
# with one bad line in it.
_SNIFF_CHARS = 8192
# Bytes that are no UTF-8 are decoded to these lone surrogates ("surrogateescape"), so that
# one bad line is reported and the lines after it are still read.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(slots=True, frozen=True)
class InputFailure:
    """An input, or one line of it, that could not be read; ``where`` is "file:line"."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def text_id(text: str, prefix: str = "text") -> str:
    """The id of a report known by its text alone (a string, standard input): a hash of
    the text, so that the same report keeps its id and two reports never share one.

    >>> text_id("Kämpfe in Aleppo."), text_id("Kämpfe in Aleppo.", "stdin")
    ('text-11939386a0a6', 'stdin-11939386a0a6')
    """
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def read_documents(
    inputs: Iterable[str | Path], *, published: str | None = None, stdin_id: str | None = None
) -> Iterator[Document | InputFailure]:
    """Yield a Document for every report in ``inputs``, an InputFailure for every bad one.

    ``published`` is the default publication date for documents that do not carry one.
    A report on standard input is identified by ``stdin_id``, else by a hash of its text
    (``text_id``). Documents are read one at a time, as they are asked for.
    """
    for item in inputs:
        if str(item) == _STDIN:
            yield from _guarded(_read_stdin(published, stdin_id), "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, published)
        elif path.exists():
            yield from _guarded(_read_file(path, published, doc_id=path.stem), str(path))
        else:
            yield InputFailure(str(path), "no such file or folder")


def _guarded(items: Iterator[Document | InputFailure], where: str) -> Iterator[Document | InputFailure]:
    """The items of one input; whatever goes wrong reading it ends that input with one
    failure and never the run."""
    try:
        yield from items
    except InputError as exc:
        yield InputFailure(exc.where, exc.reason)
    except OSError as exc:
        yield InputFailure(where, f"cannot read: {exc.strerror or exc}")
    except RecursionError:
        yield InputFailure(where, "nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a reader bug must cost one input, not the run
        log.debug("reading %s failed", where, exc_info=True)
        yield InputFailure(where, f"cannot read ({type(exc).__name__}: {exc})")


def _read_folder(root: Path, published: str | None) -> Iterator[Document | InputFailure]:
    """Every wanted file under ``root`` (hidden ones left out) and every folder that cannot
    be listed, in the order of their paths."""
    found: list[tuple[Path, str | None]] = []

    def unreadable(exc: OSError) -> None:
        found.append((Path(exc.filename or root), f"cannot read folder: {exc.strerror or exc}"))

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            file = Path(folder, name)
            if _wanted(file, root) and file.is_file():
                found.append((file, None))
    if not found:
        yield InputFailure(str(root), "folder holds no .txt, .md, .html, .jsonl or .csv files")
    for path, problem in sorted(found, key=lambda item: item[0]):
        if problem is not None:
            yield InputFailure(str(path), problem)
        else:
            yield from _guarded(_read_file(path, published, doc_id=_relative_id(path, root)), str(path))


def _wanted(file: Path, root: Path) -> bool:
    parts = file.relative_to(root).parts
    if any(part.startswith(".") for part in parts):
        return False
    return file.suffix.lower() in SUFFIXES and file.name.lower() != "readme.md"


def _relative_id(file: Path, root: Path) -> str:
    return file.relative_to(root).with_suffix("").as_posix()


def _read_file(path: Path, published: str | None, doc_id: str) -> Iterator[Document | InputFailure]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".csv"):
        with path.open("rb") as handle:
            lines = _lines(handle, str(path), newline="" if suffix == ".csv" else "\n")
            if suffix == ".csv":
                yield from _read_csv(lines, str(path), published)
            else:
                yield from _read_jsonl(lines, str(path), published)
        return
    text = _decode(_read_bytes(path), str(path))
    if suffix in (".html", ".htm"):
        yield _html_document(text, doc_id, str(path), published)
    else:
        yield _text_document(text, doc_id, str(path), published)


def _read_stdin(published: str | None, doc_id: str | None) -> Iterator[Document | InputFailure]:
    """JSONL when the first line opens a JSON object (read line by line), else one report."""
    lines = _lines(sys.stdin.buffer, "<stdin>", newline="\n")
    head: list[_Line] = []
    for line in lines:
        head.append(line)
        if line.text.strip() or line.problem:
            break
    if head and head[-1].problem is None and head[-1].text.lstrip().startswith("{"):
        yield from _read_jsonl(_chain(head, lines), "<stdin>", published)
        return
    parts, size = [], 0
    for line in _chain(head, lines):
        if line.problem:
            raise InputError("<stdin>", line.problem)
        size += len(line.text.encode("utf-8", "surrogatepass"))
        if size > MAX_DOCUMENT_BYTES:
            raise InputError("<stdin>", f"a single report over {_LIMIT} is not read (give many reports as JSONL)")
        parts.append(line.text)
    text = "".join(parts)
    if not text.strip():
        raise InputError("<stdin>", "empty input")
    yield _text_document(text, doc_id or text_id(text, "stdin"), "<stdin>", published)


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    too_big = (
        f"file is {size / 1e6:.1f} MB; a single report over {_LIMIT} "
        "is not read (split it, or give many reports as .jsonl or .csv)"
    )
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(str(path), too_big)
    with path.open("rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)  # a pipe or device tells no size
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(str(path), f"a single report over {_LIMIT} is not read (split it)")
    return data


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError(where, "empty input")
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(where, f"not UTF-16 text, though it opens like it ({exc.reason} at offset {exc.start})") from None
    elif b"\x00" in data:
        raise InputError(where, "binary data, not text (NUL bytes found)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                where,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "convert it first, e.g. iconv -f latin1 -t utf-8",
            ) from None
    if "\x00" in text:
        raise InputError(where, "binary data, not text (NUL bytes found)")
    if not text.strip():
        raise InputError(where, "empty input")
    return text


# -- line by line: JSONL, CSV and standard input ----------------------------------------


@dataclass(slots=True)
class _Line:
    number: int
    text: str
    problem: str | None = None  # why this line cannot be read
    partial: bool = False  # a piece of a line over MAX_DOCUMENT_BYTES; more of it follows


def _lines(handle: IO[bytes], where: str, *, newline: str) -> Iterator[_Line]:
    """The decoded lines of a stream (UTF-8, or UTF-16 after its byte order mark).

    A line that is no UTF-8 or holds a NUL comes with a ``problem`` and the lines after it
    are still read; a line over ``MAX_DOCUMENT_BYTES`` comes in ``partial`` pieces (memory
    stays bounded); binary data in the first 8 KiB, or broken UTF-16, ends the input with an
    ``InputError``.
    """
    head = handle.peek(2)[:2] if hasattr(handle, "peek") else b""
    utf16 = head in _UTF16_BOMS
    text = io.TextIOWrapper(handle, encoding="utf-16" if utf16 else "utf-8-sig",
                            errors="strict" if utf16 else "surrogateescape", newline=newline)  # fmt: skip
    try:
        yield from _checked_lines(text, where)
    finally:
        with contextlib.suppress(ValueError):
            text.detach()  # the caller's stream (standard input) stays open


def _checked_lines(text: io.TextIOWrapper, where: str) -> Iterator[_Line]:
    read = 0
    number = 0
    while True:
        try:
            chunk = text.readline(MAX_DOCUMENT_BYTES + 1)
        except UnicodeDecodeError:
            raise InputError(f"{where}:{number + 1}", "not UTF-16 text, though it opens like it") from None
        if not chunk:
            return
        line = _Line(number + 1, chunk, partial=len(chunk) > MAX_DOCUMENT_BYTES and not chunk.endswith(("\n", "\r")))
        number += not line.partial
        if "\x00" in chunk:
            if read < _SNIFF_CHARS:
                raise InputError(where, "binary data, not text (NUL bytes found)")
            line.problem = "binary data, not text (a NUL byte)"
        elif bad := _ESCAPED_BYTE.search(chunk):
            line.problem = f"not UTF-8 text (byte 0x{ord(bad.group()) - 0xDC00:02x} in column {bad.start() + 1})"
        read += len(chunk)
        yield line


def _chain(head: list[_Line], rest: Iterator[_Line]) -> Iterator[_Line]:
    yield from head
    yield from rest


def _read_jsonl(lines: Iterable[_Line], name: str, published: str | None) -> Iterator[Document | InputFailure]:
    any_line = False
    rest_of_long_line = False
    for line in lines:
        if rest_of_long_line:
            rest_of_long_line = line.partial
            continue
        if not line.text.strip() and not line.problem:
            continue
        any_line = True
        where = f"{name}:{line.number}"
        try:
            if line.partial:
                rest_of_long_line = True
                raise InputError(where, f"line is over {_LIMIT}; too long for one report")
            if line.problem:
                raise InputError(where, line.problem)
            try:
                record = json.loads(line.text)
            except json.JSONDecodeError as exc:
                raise InputError(where, f"broken JSON ({exc.msg} at column {exc.colno})") from None
            except RecursionError:
                raise InputError(where, "JSON nested too deeply") from None
            if not isinstance(record, dict):
                raise InputError(where, "a JSON object per line expected")
            yield _record_document(record, f"{Path(name).stem}-{line.number}", where, published)
        except InputError as exc:
            yield InputFailure(exc.where, exc.reason)
    if not any_line:
        yield InputFailure(name, "empty input")


class _CsvLines:
    """Feeds lines to ``csv.reader`` and remembers, for the record being read, whether a
    line of it had a problem and whether a quoted field is still open (to find the record's
    end when the parser gives up inside it)."""

    def __init__(self, lines: Iterator[_Line]) -> None:
        self._lines = lines
        self.problem: str | None = None
        self.in_quotes = False
        self.empty = True
        self.number = 0  # the last line read
        self.mid_line = False  # the last piece read was part of a longer line

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number, self.mid_line = line.number, line.partial
        self.empty = self.empty and not line.text.strip()
        self.problem = self.problem or line.problem
        text = line.text.replace("\x00", "") if line.problem else line.text
        self.in_quotes ^= text.count('"') % 2 == 1
        if line.partial and not self.in_quotes:
            # The parser would end the record where the piece ends: only a quoted field
            # goes on across pieces.
            self.problem = self.problem or f"line is over {_LIMIT}; too long for one report"
        return text

    def next_record(self) -> None:
        self.problem, self.in_quotes = None, False

    def skip_record(self) -> None:
        """Read on to the end of the record the parser gave up in."""
        while (self.in_quotes or self.mid_line) and next(self, None) is not None:
            pass


def _read_csv(lines: Iterator[_Line], name: str, published: str | None) -> Iterator[Document | InputFailure]:
    # The csv module's limit (128 KiB a field) is process-wide; it is only ever raised here,
    # to what one report may hold.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_DOCUMENT_BYTES))
    source = _CsvLines(lines)
    header = next(csv.reader(source), None)
    if source.problem:
        yield InputFailure(f"{name}:1", source.problem)
        return
    columns = {c.strip().lower(): k for k, c in enumerate(header or []) if c}
    text_column = next((columns[c] for c in TEXT_COLUMNS if c in columns), None)
    if text_column is None:
        if source.empty:
            yield InputFailure(name, "empty input")
            return
        yield InputFailure(
            name, f"no text column (looked for {', '.join(TEXT_COLUMNS)}; found {', '.join(columns) or 'none'})"
        )
        return
    names = [c.strip().lower() if c else "" for c in header or []]
    number = 1
    while True:
        source.next_record()
        reader = csv.reader(source)
        try:
            for row in reader:
                if not row:  # a blank line is no record
                    continue
                number += 1
                yield _csv_row(row, names, text_column, source.problem, name, number, published)
                if source.problem:
                    source.skip_record()  # the rest of a line over the limit
                source.next_record()
            return
        except csv.Error as exc:
            number += 1
            first = source.number
            source.skip_record()
            skipped = f" (lines {first}-{source.number} skipped)" if source.number > first else ""
            yield InputFailure(f"{name}:{number}", _csv_problem(exc) + skipped)


def _csv_problem(exc: csv.Error) -> str:
    if "field limit" in str(exc):
        return f"a field over {_LIMIT}; a single report over {_LIMIT} is not read"
    return f"broken CSV ({exc})"


def _csv_row(
    row: list[str], names: list[str], text_column: int, problem: str | None, name: str, number: int,
    published: str | None,
) -> Document | InputFailure:  # fmt: skip
    """Record ``number`` of the file (the header is 1) as a Document."""
    where = f"{name}:{number}"
    if problem:
        return InputFailure(where, problem)
    record: dict[str, str | None] = {k: v for k, v in zip(names, row) if k}
    record["text"] = row[text_column] if text_column < len(row) else None
    try:
        return _record_document(record, f"{Path(name).stem}-{number}", where, published)
    except InputError as exc:
        return InputFailure(exc.where, exc.reason)


# -- one record, one text, one page: Documents ---------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip('"')
    return meta, text[match.end() :].lstrip("\r\n")


def _text_document(text: str, doc_id: str, where: str, published: str | None) -> Document:
    meta, body = _front_matter(text)
    if not body.strip():
        raise InputError(where, "no text after the front matter")
    return Document(
        id=meta.get("id") or doc_id,
        text=body,
        title=meta.get("title", ""),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published") or meta.get("date") or published,
        language=meta.get("language", "de"),
        origin=where,
    )


def _field(record: dict, *keys: str, where: str) -> str | None:
    """The first of ``keys`` the record gives, as text (a number is taken as written)."""
    for key in keys:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(where, f"'{key}' should be text, not {type(value).__name__}")
        return str(value)
    return None


def _record_document(record: dict, doc_id: str, where: str, published: str | None) -> Document:
    text = record.get("text")
    if text is None:
        for column in TEXT_COLUMNS:
            if record.get(column):
                text = record[column]
                break
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no text (expected a non-empty 'text' field)")
    return Document(
        id=str(record.get("id") or doc_id),
        text=text,
        title=str(record.get("title") or ""),
        url=_field(record, "url", where=where),
        outlet=_field(record, "outlet", "source", where=where),
        published=_field(record, "published", "date", where=where) or published,
        language=str(record.get("language") or "de"),
        origin=where,
    )


class _HtmlText(HTMLParser):
    _SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key and attributes.get("content"):
                self.meta[key] = attributes["content"]
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self.parts.append(data)


def _html_document(html: str, doc_id: str, where: str, published: str | None) -> Document:
    """The article of a web page: its main text, title, date and outlet, without navigation,
    teasers, related links and footers (trafilatura); the whole page's text without it."""
    article = _article(html)
    if article is not None and article.text and article.text.strip():
        lines = (" ".join(line.split()) for line in article.text.split("\n"))
        return Document(
            id=doc_id,
            text="\n\n".join(line for line in lines if line),
            title=(article.title or "").strip(),
            url=article.url,
            outlet=article.sitename,
            published=_day_of(article.date) or published,
            origin=where,
        )
    return _page_document(html, doc_id, where, published)


def _article(html: str):
    """trafilatura's reading of the page, or None (not installed, or no article found)."""
    try:
        import trafilatura
    except ImportError:
        _warn_once("HTML is read whole, teasers and links included: install lagebild[html] for article extraction")
        return None
    return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                       include_links=False, deduplicate=False)  # fmt: skip


@functools.cache
def _warn_once(message: str) -> None:
    log.warning(message)


def _day_of(value: str | None) -> str | None:
    """A date as trafilatura gives it, checked: a day we cannot read is no publication date."""
    try:
        return parse_partial_date(value)
    except ValueError:
        return None


def _page_document(html: str, doc_id: str, where: str, published: str | None) -> Document:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = "\n\n".join(line for line in lines if line)
    if not text:
        raise InputError(where, "HTML without any text")
    meta = parser.meta
    date = meta.get("article:published_time") or meta.get("date") or meta.get("dc.date") or published
    return Document(
        id=doc_id,
        text=text,
        title=(meta.get("og:title") or parser.title).strip(),
        url=meta.get("og:url"),
        outlet=meta.get("og:site_name"),
        published=date,
        origin=where,
    )

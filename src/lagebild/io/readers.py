"""Reading inputs into ``Document`` records.

Reads: files (.txt, .md, .html/.htm, .jsonl/.ndjson, .csv), folders (recursively, in a
stable order) and ``-`` for standard input. Writes: ``Document`` records, and an
``InputFailure`` for every input (or line) that cannot be read, so that one bad file never
stops the others and every failure can be reported with its file and line.

Text files may start with a front-matter block that sets the document's metadata::

    ---
    title: Drohnenangriff auf Markt
    published: 2025-05-06
    outlet: Beispiel-Agentur
    ---
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..records import Document

__all__ = ["InputFailure", "MAX_DOCUMENT_BYTES", "read_documents", "SUFFIXES"]

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".csv"}
TEXT_COLUMNS = ("text", "body", "content", "article", "artikel", "volltext", "fulltext")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_STDIN = "-"


@dataclass(slots=True, frozen=True)
class InputFailure:
    """An input, or one line of it, that could not be read; ``where`` is "file:line"."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def read_documents(
    inputs: Iterable[str | Path], *, published: str | None = None
) -> Iterator[Document | InputFailure]:
    """Yield a Document for every report in ``inputs``, an InputFailure for every bad one.

    ``published`` is the default publication date for documents that do not carry one.
    """
    for item in inputs:
        if str(item) == _STDIN:
            yield from _read_stdin(published)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path))
            if not files:
                yield InputFailure(str(path), "folder holds no .txt, .md, .html, .jsonl or .csv files")
            for file in files:
                yield from _read_file(file, published, doc_id=_relative_id(file, path))
        elif path.exists():
            yield from _read_file(path, published, doc_id=path.stem)
        else:
            yield InputFailure(str(path), "no such file or folder")


def _wanted(file: Path, root: Path) -> bool:
    parts = file.relative_to(root).parts
    if any(part.startswith(".") for part in parts):
        return False
    return file.suffix.lower() in SUFFIXES and file.name.lower() != "readme.md"


def _relative_id(file: Path, root: Path) -> str:
    return file.relative_to(root).with_suffix("").as_posix()


def _read_file(path: Path, published: str | None, doc_id: str) -> Iterator[Document | InputFailure]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                yield from _read_jsonl(handle, str(path), published)
            return
        if suffix == ".csv":
            yield from _read_csv(_decode(_read_bytes(path), str(path)), str(path), published)
            return
        text = _decode(_read_bytes(path), str(path))
        if suffix in (".html", ".htm"):
            yield _html_document(text, doc_id, str(path), published)
        else:
            yield _text_document(text, doc_id, str(path), published)
    except InputError as exc:
        yield InputFailure(exc.where, exc.reason)
    except OSError as exc:
        yield InputFailure(str(path), f"cannot read: {exc.strerror or exc}")


def _read_stdin(published: str | None) -> Iterator[Document | InputFailure]:
    data = sys.stdin.buffer.read()
    try:
        text = _decode(data, "<stdin>")
        if text.lstrip().startswith("{"):
            yield from _read_jsonl(io.BytesIO(data), "<stdin>", published)
        else:
            yield _text_document(text, "stdin", "<stdin>", published)
    except InputError as exc:
        yield InputFailure(exc.where, exc.reason)


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(
            str(path),
            f"file is {size / 1e6:.1f} MB; a single report over {MAX_DOCUMENT_BYTES // 2**20} MiB "
            "is not read (split it, or give many reports as .jsonl or .csv)",
        )
    return path.read_bytes()


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError(where, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary data, not text (NUL bytes found)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            where,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None


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
        url=record.get("url") or None,
        outlet=record.get("outlet") or record.get("source") or None,
        published=record.get("published") or record.get("date") or published,
        language=str(record.get("language") or "de"),
        origin=where,
    )


def _read_jsonl(handle: io.BufferedIOBase, name: str, published: str | None):
    any_line = False
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        any_line = True
        where = f"{name}:{number}"
        try:
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise InputError(where, f"line is {len(raw) / 1e6:.1f} MB; too long for one report")
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                raise InputError(where, "not UTF-8 text") from None
            except json.JSONDecodeError as exc:
                raise InputError(where, f"broken JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(record, dict):
                raise InputError(where, "a JSON object per line expected")
            yield _record_document(record, f"{Path(name).stem}-{number}", where, published)
        except InputError as exc:
            yield InputFailure(exc.where, exc.reason)
    if not any_line:
        yield InputFailure(name, "empty input")


def _read_csv(text: str, name: str, published: str | None) -> Iterator[Document | InputFailure]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {c.strip().lower(): c for c in (reader.fieldnames or []) if c}
    text_column = next((columns[c] for c in TEXT_COLUMNS if c in columns), None)
    if text_column is None:
        yield InputFailure(
            name, f"no text column (looked for {', '.join(TEXT_COLUMNS)}; found {', '.join(columns) or 'none'})"
        )
        return
    for number, row in enumerate(reader, start=2):
        record = {k.strip().lower(): v for k, v in row.items() if k}
        record["text"] = row.get(text_column)
        try:
            yield _record_document(record, f"{Path(name).stem}-{number}", f"{name}:{number}", published)
        except InputError as exc:
            yield InputFailure(exc.where, exc.reason)


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

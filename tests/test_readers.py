"""Reading every input format, and every kind of bad input, into Documents."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.io.readers import MAX_DOCUMENT_BYTES, SUFFIXES, InputFailure, read_documents, text_id
from lagebild.records import Document

from .conftest import write

REPORT = "Bei einem Drohnenangriff auf einen Markt in al-Faschir wurden am Mittwoch zwölf Menschen getötet."


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def failures(items):
    return [i for i in items if isinstance(i, InputFailure)]


def test_txt_with_front_matter(tmp_path):
    path = write(tmp_path / "bericht.txt", f"---\ntitle: Angriff auf Markt\npublished: 2025-05-06\noutlet: Agentur\n---\n\n{REPORT}\n")
    [doc] = read_documents([path])
    assert doc.id == "bericht"
    assert doc.title == "Angriff auf Markt"
    assert doc.published == "2025-05-06"
    assert doc.outlet == "Agentur"
    assert doc.text.startswith("Bei einem Drohnenangriff")


def test_plain_txt_takes_published_default(tmp_path):
    path = write(tmp_path / "a.md", REPORT)
    [doc] = read_documents([path], published="2025-05")
    assert doc.published == "2025-05"
    assert doc.title == ""


def test_full_text_puts_title_first_and_offsets_index_it():
    doc = Document(id="x", text=REPORT, title="Zwölf Tote")
    assert doc.full_text.startswith("Zwölf Tote\n\n")
    assert doc.full_text.endswith(REPORT)


def test_html_keeps_text_and_metadata_drops_scripts(tmp_path):
    html = (
        "<html><head><title>Angriff</title><meta property='article:published_time' content='2024-11-28T10:00:00Z'>"
        "<script>alert(1)</script></head><body><nav>Menü</nav><p>" + REPORT + "</p><p>Zweiter Absatz.</p></body></html>"
    )
    [doc] = read_documents([write(tmp_path / "seite.html", html)])
    assert doc.title == "Angriff"
    assert doc.published == "2024-11-28"
    assert "alert" not in doc.text and "Menü" not in doc.text
    assert doc.text.split("\n\n") == [REPORT, "Zweiter Absatz."]


def test_jsonl_reads_each_line_and_reports_broken_ones(tmp_path):
    lines = [
        json.dumps({"id": "d1", "text": REPORT, "published": "2025-05-06", "url": "https://example.org/1"}),
        "{broken json",
        "",
        json.dumps({"id": "d3", "text": "Kämpfe in Charkiw.", "title": "Charkiw"}),
        json.dumps({"id": "d4", "title": "ohne Text"}),
    ]
    items = list(read_documents([write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")]))
    assert [d.id for d in docs(items)] == ["d1", "d3"]
    assert docs(items)[0].url == "https://example.org/1"
    assert [f.where for f in failures(items)] == [f"{tmp_path / 'in.jsonl'}:2", f"{tmp_path / 'in.jsonl'}:5"]
    assert "broken JSON" in failures(items)[0].reason


def test_jsonl_bad_published_date_is_a_failure_of_that_line(tmp_path):
    path = write(tmp_path / "d.jsonl", json.dumps({"id": "a", "text": REPORT, "published": "28.11.2024"}) + "\n")
    [failure] = read_documents([path])
    assert isinstance(failure, InputFailure)
    assert failure.where.endswith("d.jsonl:1") and "published" in failure.reason


def test_csv_with_text_column(tmp_path):
    path = write(tmp_path / "r.csv", f'id,published,Text\nr1,2024-11-27,"{REPORT}"\nr2,,"Gefechte bei Bachmut."\n')
    items = list(read_documents([path]))
    assert [d.id for d in items] == ["r1", "r2"]
    assert items[0].published == "2024-11-27" and items[1].published is None


def test_csv_without_text_column_fails_naming_columns(tmp_path):
    [failure] = read_documents([write(tmp_path / "r.csv", "id,titel\n1,x\n")])
    assert isinstance(failure, InputFailure)
    assert "no text column" in failure.reason and "titel" in failure.reason


def test_folder_is_read_recursively_in_stable_order(tmp_path):
    write(tmp_path / "b.txt", REPORT)
    write(tmp_path / "sub" / "a.txt", REPORT)
    write(tmp_path / "bild.png", b"\x89PNG\r\n")
    write(tmp_path / ".hidden" / "c.txt", REPORT)
    assert [d.id for d in read_documents([tmp_path])] == ["b", "sub/a"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Angriff auf Dörfer".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_fail_with_a_reason(tmp_path, content, reason):
    [failure] = read_documents([write(tmp_path / "bad.txt", content)])
    assert isinstance(failure, InputFailure)
    assert failure.where == str(tmp_path / "bad.txt")
    assert reason in failure.reason


def test_huge_single_report_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "riesig.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    [failure] = read_documents([path])
    assert "MB" in failure.reason


def test_missing_input_and_others_still_read(tmp_path):
    good = write(tmp_path / "gut.txt", REPORT)
    items = list(read_documents([tmp_path / "fehlt.txt", good]))
    assert "no such file" in items[0].reason
    assert items[1].id == "gut"


def test_stdin_text_and_jsonl(monkeypatch):
    class Stdin:
        def __init__(self, data: bytes):
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin(REPORT.encode()))
    [doc] = read_documents(["-"])
    assert doc.id == text_id(REPORT, "stdin") and doc.id.startswith("stdin-")  # two piped reports never share an id
    monkeypatch.setattr("sys.stdin", Stdin(REPORT.encode()))
    [doc] = read_documents(["-"], stdin_id="bericht-7")
    assert doc.id == "bericht-7"
    monkeypatch.setattr("sys.stdin", Stdin((json.dumps({"id": "s1", "text": REPORT}) + "\n").encode()))
    [doc] = read_documents(["-"])
    assert doc.id == "s1"


# -- inputs that once crashed a run or were misread (issue 16) ----------------------------

LONG = "Die Lage in der Region bleibt nach Angaben von Beobachtern angespannt. "


def test_a_csv_field_over_128_kib_is_read(tmp_path):
    body = REPORT + " " + LONG * 3000  # about 210 KiB, over the csv module's default limit
    path = write(tmp_path / "lang.csv", f'id,text\nlang,"{body}"\nkurz,"Gefechte bei Bachmut."\n')
    items = list(read_documents([path]))
    assert [d.id for d in docs(items)] == ["lang", "kurz"]
    assert docs(items)[0].text == body


def test_a_csv_field_over_the_report_limit_fails_alone(tmp_path):
    huge = "x" * (MAX_DOCUMENT_BYTES + 10)
    path = tmp_path / "riesig.csv"
    # a quoted field over several lines, then a good row: the reader finds the row's end
    path.write_text(f'id,text\nriesig,"{huge}\nnoch mehr\n"\nkurz,"{REPORT}"\n', encoding="utf-8")
    items = list(read_documents([path]))
    [failure] = failures(items)
    assert failure.where == f"{path}:2" and "over 10 MiB" in failure.reason
    assert [d.id for d in docs(items)] == ["kurz"]


def test_an_unquoted_line_over_the_report_limit_fails_alone(tmp_path):
    path = tmp_path / "zeile.csv"
    path.write_text(f"id,text\nriesig,{'x' * (MAX_DOCUMENT_BYTES + 10)}\nkurz,{REPORT}\n", encoding="utf-8")
    items = list(read_documents([path]))
    assert [f.where for f in failures(items)] == [f"{path}:2"]
    assert [d.id for d in docs(items)] == ["kurz"]


def test_a_jsonl_line_over_the_report_limit_fails_alone(tmp_path):
    path = tmp_path / "gross.jsonl"
    lines = [json.dumps({"id": "gross", "text": "x" * (MAX_DOCUMENT_BYTES + 10)}), json.dumps({"id": "klein", "text": REPORT})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_documents([path]))
    assert [(f.where, "too long" in f.reason) for f in failures(items)] == [(f"{path}:1", True)]
    assert [d.id for d in docs(items)] == ["klein"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    text = write(tmp_path / "bericht.txt", bom + f"---\ntitle: Angriff\n---\n{REPORT}\n".encode(encoding))
    table = write(tmp_path / "berichte.csv", bom + f'id,text\nc1,"{REPORT}"\n'.encode(encoding))
    lines = write(tmp_path / "berichte.jsonl", bom + (json.dumps({"id": "j1", "text": REPORT}) + "\n").encode(encoding))
    items = list(read_documents([text, table, lines]))
    assert [(d.id, d.text.strip()) for d in items] == [("bericht", REPORT), ("c1", REPORT), ("j1", REPORT)]
    assert items[0].title == "Angriff"


def test_a_nul_byte_anywhere_marks_binary_data(tmp_path):
    path = write(tmp_path / "spaet.txt", (LONG * 200).encode() + b"\x00" + REPORT.encode())
    [failure] = read_documents([path])
    assert isinstance(failure, InputFailure) and "binary" in failure.reason


def test_a_nul_byte_deep_in_a_jsonl_file_fails_only_its_line(tmp_path):
    good = json.dumps({"id": "a", "text": LONG * 200})
    path = write(tmp_path / "d.jsonl", f"{good}\n".encode() + b'{"id": "b", "text": "x\x00"}\n' + b'{"id": "c", "text": "Kampf."}\n')
    items = list(read_documents([path]))
    assert [d.id for d in docs(items)] == ["a", "c"]
    assert [(f.where, "binary" in f.reason) for f in failures(items)] == [(f"{path}:2", True)]


def test_a_bad_line_in_a_csv_file_fails_only_its_row(tmp_path):
    data = b'id,text\nr1,"Angriff auf D\xf6rfer"\nr2,"' + REPORT.encode() + b'"\n'
    items = list(read_documents([write(tmp_path / "r.csv", data)]))
    assert [d.id for d in docs(items)] == ["r2"]
    [failure] = failures(items)
    assert failure.where.endswith("r.csv:2") and "not UTF-8" in failure.reason and "0xf6" in failure.reason


@pytest.mark.parametrize(
    "line, reason",
    [
        ("[" * 100_000, "nested too deeply"),
        (json.dumps({"text": REPORT, "url": {"href": "x"}}), "'url' should be text"),
        (json.dumps({"text": REPORT, "published": ["2024"]}), "'published' should be text"),
    ],
)
def test_odd_json_records_fail_alone(tmp_path, line, reason):
    path = write(tmp_path / "odd.jsonl", line + "\n" + json.dumps({"id": "ok", "text": REPORT}) + "\n")
    items = list(read_documents([path]))
    assert [d.id for d in docs(items)] == ["ok"]
    assert reason in failures(items)[0].reason


def test_an_unreadable_subfolder_and_file_are_reported(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "gesperrt" / "b.txt", REPORT)
    write(tmp_path / "z.txt", REPORT)
    locked_file = write(tmp_path / "geheim.txt", REPORT)
    scandir, read_bytes = os.scandir, Path.open

    def fake_scandir(path="."):
        if Path(path).name == "gesperrt":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    def fake_open(self, *args, **kwargs):
        if self == locked_file:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(Path, "open", fake_open)
    items = list(read_documents([tmp_path]))
    assert [d.id for d in docs(items)] == ["a", "z"]
    assert [str(f) for f in failures(items)] == [
        f"{tmp_path / 'geheim.txt'}: cannot read: Permission denied",
        f"{tmp_path / 'gesperrt'}: cannot read folder: Permission denied",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder, whatever its mode")
def test_an_unreadable_folder_is_no_empty_folder(tmp_path):
    locked = tmp_path / "gesperrt"
    write(locked / "b.txt", REPORT)
    locked.chmod(0)
    try:
        [failure] = read_documents([locked])
    finally:
        locked.chmod(0o755)
    assert "cannot read folder" in failure.reason


SUFFIX_LIST = sorted(SUFFIXES)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SUFFIX_LIST), st.binary(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
def test_no_bytes_make_a_reader_raise(tmp_path_factory, suffix, data, bom):
    path = tmp_path_factory.mktemp("fuzz") / f"eingabe{suffix}"
    path.write_bytes(bom + data)
    for item in read_documents([path]):
        assert isinstance(item, (Document, InputFailure))
        if isinstance(item, InputFailure):
            assert "\n" not in str(item)


def test_public_surface():
    from lagebild.io import readers

    assert set(readers.__all__) == {"InputFailure", "MAX_DOCUMENT_BYTES", "read_documents", "SUFFIXES", "text_id"}


ARTICLE = Path(__file__).parent / "fixtures" / "artikel_mit_teasern.html"  # an invented page


def test_html_article_without_navigation_teasers_and_related_links():
    pytest.importorskip("trafilatura")
    [doc] = read_documents([ARTICLE])
    assert (doc.title, doc.published, doc.outlet) == ("Drohnenangriff auf Markt in Charkiw", "2024-05-15", "Beispielzeitung")
    assert doc.url == "https://beispielzeitung.example/charkiw"
    assert "drei Zivilisten getötet" in doc.text
    for boilerplate in ("Mehr zum Thema", "al-Faschir", "Rafah", "Startseite", "Impressum"):
        assert boilerplate not in doc.full_text, boilerplate


def test_a_teaser_link_is_no_event_of_the_article():
    pytest.importorskip("trafilatura")
    from lagebild import extract_many

    events = list(extract_many([ARTICLE], geocode=False))
    assert [(e.event_type, e.fatalities) for e in events] == [("Explosions/Remote violence", 3)]


def test_html_is_read_whole_without_trafilatura(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if the html extra were not installed
    [doc] = read_documents([ARTICLE])
    assert "drei Zivilisten getötet" in doc.text and "Startseite" not in doc.text
    assert doc.outlet == "Beispielzeitung" and doc.published == "2024-05-15"

"""Reading every input format, and every kind of bad input, into Documents."""

from __future__ import annotations

import io
import json

import pytest

from lagebild.io.readers import MAX_DOCUMENT_BYTES, InputFailure, read_documents
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
    assert doc.id == "stdin"
    monkeypatch.setattr("sys.stdin", Stdin((json.dumps({"id": "s1", "text": REPORT}) + "\n").encode()))
    [doc] = read_documents(["-"])
    assert doc.id == "s1"

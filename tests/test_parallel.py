"""Extraction on several worker processes: the same items, events and failures, in the same order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild import pipeline, workers
from lagebild.io.readers import InputFailure, read_documents
from lagebild.pipeline import Resources, extract, extract_parallel
from lagebild.records import Document

from .conftest import EXAMPLES, write


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(geocode=False)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    found = [d for d in read_documents([EXAMPLES]) if isinstance(d, Document)]
    # More than a few batches, so that several workers take part.
    return [Document(f"{d.id}-{n}", d.text, d.title, published=d.published) for n in range(2) for d in found]


def _rows(pairs) -> list[tuple[str, list[dict]]]:
    return [(str(item) if isinstance(item, InputFailure) else item.id, [e.to_dict() for e in events])
            for item, events in pairs]  # fmt: skip


def test_workers_give_what_one_process_gives(documents, resources):
    failure = InputFailure("kaputt.jsonl:3", "broken JSON line")
    inputs = [*documents[:20], failure, *documents[20:]]
    alone = _rows(extract(inputs, resources))
    together = _rows(extract_parallel(inputs, resources, jobs=2))
    assert together == alone
    assert together[20][0] == str(failure)
    assert sum(len(events) for _, events in together) > 50


def test_a_report_the_stages_fail_on_is_a_failure_in_its_place(documents, resources, monkeypatch):
    real = pipeline.extract_document

    def fails_on_one(document, res, trail=None, **options):
        if document.id == documents[30].id:
            raise RuntimeError("kaputt")
        return real(document, res, trail, **options)

    monkeypatch.setattr(pipeline, "extract_document", fails_on_one)  # the workers are forked: they see it
    pairs = list(extract_parallel(documents, resources, jobs=2))
    assert [isinstance(item, InputFailure) for item, _ in pairs].count(True) == 1
    failed, events = pairs[30]
    assert isinstance(failed, InputFailure) and "RuntimeError: kaputt" in str(failed) and events == []
    assert [item.id for item, _ in pairs[31:]] == [d.id for d in documents[31:]]


def test_a_worker_that_dies_ends_the_run_with_a_message(documents, resources, monkeypatch):
    parent = os.getpid()
    real = pipeline.extract_document

    def dies(document, res, trail=None, **options):
        if os.getpid() != parent:
            os._exit(9)  # as if killed for want of memory
        return real(document, res, trail, **options)

    monkeypatch.setattr(pipeline, "extract_document", dies)
    with pytest.raises(workers.ExtractionError, match="--jobs 1"):
        list(extract_parallel(documents, resources, jobs=2))


def test_a_short_input_is_extracted_without_workers(documents, resources, monkeypatch):
    monkeypatch.setattr(workers, "_in_pool", None)  # calling it would fail
    pairs = list(extract_parallel(documents[: workers.BATCH_SIZE - 1], resources, jobs=2))
    assert [item.id for item, _ in pairs] == [d.id for d in documents[: workers.BATCH_SIZE - 1]]


def _extracted_where(document: Document, resources: Resources) -> list[int]:
    return [os.getpid()]


def test_beside_a_caller_one_job_extracts_in_a_worker_after_the_first_batch(documents, resources):
    # The store's writer works on each result: extraction goes on in a worker meanwhile.
    pairs = list(workers.extract_in_workers(documents, resources, _extracted_where, 1, beside_caller=True))
    assert [item.id for item, _ in pairs] == [d.id for d in documents]
    where = [pid for _, [pid] in pairs]
    assert set(where[: workers.BATCH_SIZE]) == {os.getpid()}
    assert os.getpid() not in where[workers.BATCH_SIZE :] and len(set(where[workers.BATCH_SIZE :])) == 1
    alone = list(workers.extract_in_workers(documents, resources, _extracted_where, 1))
    assert {pid for _, [pid] in alone} == {os.getpid()}


def test_results_come_while_the_input_is_still_read(documents, resources):
    """A slow input (a pipe): each result is out before the input has gone much further."""
    read = []

    def slowly():
        for document in documents:
            read.append(document.id)
            yield document

    for n, (item, _) in enumerate(extract_parallel(slowly(), resources, jobs=2)):
        assert len(read) <= n + 1 + 2 * workers.IN_FLIGHT_PER_JOB * workers.BATCH_SIZE + 1


def test_jobs_must_be_positive(resources):
    with pytest.raises(ValueError):
        list(extract_parallel([], resources, jobs=0))


def test_workers_geocode_with_their_own_connection(documents):
    with_gazetteer = Resources.load()
    alone = _rows(extract(documents[:40], with_gazetteer))
    assert _rows(extract_parallel(documents[:40], with_gazetteer, jobs=2)) == alone
    assert any(event["latitude"] is not None for _, events in alone for event in events)


def test_the_command_line_gives_the_same_file_with_any_number_of_jobs(tmp_path, documents):
    corpus = tmp_path / "corpus.jsonl"
    import json

    write(corpus, "".join(json.dumps({"id": d.id, "text": d.text, "title": d.title, "published": d.published},
                                     ensure_ascii=False) + "\n" for d in documents))  # fmt: skip
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"events-{jobs}.jsonl"
        result = subprocess.run([sys.executable, "-m", "lagebild", "extract", str(corpus), "--no-geocode", "-q",
                                 "--jobs", jobs, "-o", str(out)], capture_output=True, text=True, timeout=600)  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs[jobs] = Path(out).read_text(encoding="utf-8")
    assert outputs["1"] == outputs["2"] and outputs["1"].count("\n") > 50
    refused = subprocess.run([sys.executable, "-m", "lagebild", "extract", str(corpus), "--jobs", "0"],
                             capture_output=True, text=True, timeout=600)  # fmt: skip
    assert refused.returncode == 2 and "--jobs" in refused.stderr

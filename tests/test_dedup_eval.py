"""The merge check of ``../shared/eval/dedup`` (issue 18), when that folder lies beside the repo.

Real reports of one event by several outlets, and look-alike reports of different events:
ingested into a fresh store, every cluster's reports must sit in one stored event of the
cluster's event type, and no stored event may hold both reports of a near miss. The texts
stay where they are; only the gold file's document ids are read here.
"""

from __future__ import annotations

import json

import pytest

from lagebild.pipeline import Resources
from lagebild.store.store import EventFilter, EventStore

from .conftest import SHARED

DEDUP = SHARED / "eval" / "dedup"

pytestmark = pytest.mark.skipif(not (DEDUP / "gold.json").exists(), reason="../shared/eval/dedup is not beside the repo")


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """Each stored event's type and the ids of the reports behind it."""
    path = tmp_path_factory.mktemp("dedup") / "events.db"
    with EventStore.open(path) as store:
        result = store.ingest([DEDUP / "docs.jsonl"], Resources.load())
        assert not result.failures
        return [(s.event.event_type, {r.doc_id for r in store.reports(s.event_id)}) for s in store.events(EventFilter())]


GOLD = json.loads((DEDUP / "gold.json").read_text(encoding="utf-8")) if (DEDUP / "gold.json").exists() else {}


@pytest.mark.parametrize("cluster", GOLD.get("clusters", []), ids=lambda c: c["id"])
def test_every_cluster_is_one_stored_event_of_its_type(stored, cluster):
    wanted = set(cluster["docs"])
    holding = [(event_type, docs) for event_type, docs in stored if wanted <= docs]
    assert any(event_type == cluster["event"]["event_type"] for event_type, _ in holding), (
        f"{cluster['id']}: no stored {cluster['event']['event_type']} event holds {sorted(wanted)}; "
        f"events holding any of them: {[(t, sorted(d)) for t, d in stored if d & wanted]}"
    )


@pytest.mark.parametrize("near_miss", GOLD.get("near_misses", []), ids=lambda n: n["id"])
def test_no_stored_event_holds_both_reports_of_a_near_miss(stored, near_miss):
    both = set(near_miss["docs"])
    assert not [docs for _, docs in stored if both <= docs]

"""The store commands as a user runs them: ingest, events, show, export, stats."""

from __future__ import annotations

from lagebild.store import default_path


def test_default_path_lives_beside_the_gazetteer(lagebild_home):
    assert default_path() == lagebild_home / "lagebild.db"

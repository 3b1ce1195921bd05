"""Set-up: where lagebild keeps its files, and the test session's use of the user's gazetteer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lagebild.geo import default_path
from lagebild.store.store import default_path as store_path


def test_xdg_data_home_is_respected(monkeypatch, tmp_path):
    monkeypatch.delenv("LAGEBILD_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "lagebild" / "gazetteer.sqlite"
    assert store_path() == tmp_path / "lagebild" / "lagebild.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relativ")  # not absolute: ignored, as the XDG spec says
    assert default_path() == Path.home() / ".local" / "share" / "lagebild" / "gazetteer.sqlite"
    monkeypatch.setenv("LAGEBILD_HOME", str(tmp_path / "eigen"))
    assert default_path() == tmp_path / "eigen" / "gazetteer.sqlite"


def test_the_session_uses_the_users_gazetteer(lagebild_home, monkeypatch):
    link = lagebild_home / "gazetteer.sqlite"
    if os.environ.get("LAGEBILD_TEST_HOME") or not link.is_symlink():
        pytest.skip("LAGEBILD_TEST_HOME is set, or the user's gazetteer is of another data version")
    monkeypatch.delenv("LAGEBILD_HOME")
    assert link.resolve() == default_path().resolve()
    assert (lagebild_home / "lagebild.db").exists() is False or not (lagebild_home / "lagebild.db").is_symlink()

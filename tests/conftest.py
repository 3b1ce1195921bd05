"""Shared fixtures: a private LAGEBILD_HOME per test session, and German report files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def lagebild_home(tmp_path_factory) -> Path:
    """Keep the gazetteer built by tests out of the user's home, but share it across tests."""
    home = Path(os.environ.get("LAGEBILD_TEST_HOME") or tmp_path_factory.mktemp("lagebild-home"))
    previous = os.environ.get("LAGEBILD_HOME")
    os.environ["LAGEBILD_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("LAGEBILD_HOME", None)
    else:
        os.environ["LAGEBILD_HOME"] = previous


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path

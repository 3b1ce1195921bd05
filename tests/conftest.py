"""Shared fixtures: a private LAGEBILD_HOME per test session (sharing the user's gazetteer), and
German report files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest

from lagebild.geo import default_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def lagebild_home(tmp_path_factory) -> Path:
    """A private LAGEBILD_HOME for the session (event stores and other files tests leave),
    whose gazetteer is the user's (see ``_share_gazetteer``); LAGEBILD_TEST_HOME, if set,
    is used whole instead."""
    explicit = os.environ.get("LAGEBILD_TEST_HOME")
    users = default_path()  # before the session's home replaces the user's
    home = Path(explicit or tmp_path_factory.mktemp("lagebild-home"))
    if not explicit:
        _share_gazetteer(users, home / users.name)
    previous = os.environ.get("LAGEBILD_HOME")
    os.environ["LAGEBILD_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("LAGEBILD_HOME", None)
    else:
        os.environ["LAGEBILD_HOME"] = previous


def _share_gazetteer(users: Path, ours: Path) -> None:
    """Let the session use the user's gazetteer (about 95 MB, a minute to build) through a
    link: built, it is reused; not yet built, it is built once, there. A gazetteer of another
    data version (another checkout's) is left alone: the session builds its own."""
    try:
        users.parent.mkdir(parents=True, exist_ok=True)
        if users.exists() and not _current(users):
            return
        for name in (users.name, users.name + ".lock"):  # the lock too: one builder at a time
            (ours.parent / name).symlink_to(users.parent / name)
    except OSError:
        return  # no user gazetteer to share (a read-only home): the session builds its own


def _current(path: Path) -> bool:
    from lagebild.geo.db import meta
    from lagebild.geo.sources import BundledSources, bundle_version

    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        try:
            return meta(connection, "bundle_version") == bundle_version(BundledSources())
        except sqlite3.Error:
            return False


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path

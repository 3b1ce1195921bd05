"""lagebild: German-language conflict reporting in, geocoded ACLED-style events out.

    >>> import lagebild
    >>> events = lagebild.extract("Bei Gefechten in Charkiw ...", published="2024-05-14")  # doctest: +SKIP
    >>> events[0].to_acled()["actor1"]                                                     # doctest: +SKIP

The names below are loaded on first use, so ``import lagebild`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Document", "Event", "Store", "extract", "extract_many"]

_WHERE = {"Document": "records", "Event": "records", "Store": "api", "extract": "api", "extract_many": "api"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'lagebild' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

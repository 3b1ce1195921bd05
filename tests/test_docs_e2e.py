"""/docs and /redoc in a real browser, offline: the API documentation renders from local files
(the live server and browser of test_web_e2e; skipped where that module is skipped)."""

from __future__ import annotations

import pytest

from .test_web_e2e import TIMEOUT_MS, browser, page, server  # noqa: F401 - fixtures shared with the map page's tests

pytest.importorskip("fastapi_offline", reason="the server extra's fastapi-offline is not installed")


@pytest.mark.parametrize(("path", "shown"), [("/docs", ".opblock-summary-path"), ("/redoc", "[data-section-id]")])
def test_api_docs_render_without_the_internet(page, server, path, shown):  # noqa: F811
    page.goto(f"{server.url}{path}", wait_until="domcontentloaded")
    page.wait_for_selector(shown, timeout=TIMEOUT_MS)
    assert "/api/events" in page.content()
    assert page.outside == [] and page.errors == []

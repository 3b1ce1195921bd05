"""The page in a real browser: `lagebild serve` in a subprocess, headless Debian chromium.

Skipped only when chromium (/usr/bin/chromium, or LAGEBILD_CHROMIUM) or Python playwright is
missing; `.ci/run` installs chromium. Every request that leaves the loopback server is blocked
and recorded, so the page is tested offline, as users without network see it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .served import Served
from .test_server import SCRIPT, make_store

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).is_file():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium, or set LAGEBILD_CHROMIUM)",
                allow_module_level=True)  # fmt: skip
playwright_api = pytest.importorskip("playwright.sync_api", reason="Python playwright is not installed")

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    running = Served(["--db", str(make_store(folder / "lagebild.db"))], folder / "server.log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh profile
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, service_workers="block",
        )  # fmt: skip
        yield context
        context.close()


@pytest.fixture()
def page(browser, server):
    """A tab that can reach the test server only; errors and outside requests are recorded."""
    tab = browser.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.errors, tab.outside = [], []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))

    def only_local(route):
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            tab.outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_local)
    yield tab
    tab.close()


# Page functions are passed as "() => ..." (compiled by the debugger protocol): a bare
# expression would need eval(), which the page's Content-Security-Policy forbids.
def open_page(page, server, query: str = "") -> None:
    page.goto(f"{server.url}/{query}", wait_until="domcontentloaded")
    page.wait_for_selector("body[data-state=ready], body[data-state=error]")


# Markers inside the visible map: single ones plus those inside clusters.
SHOWN_MARKERS = """(() => {
    const box = document.querySelector('#map').getBoundingClientRect();
    const inside = (el) => { const r = el.getBoundingClientRect();
        return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom; };
    return [...document.querySelectorAll('.event-marker')].filter(inside).length +
        [...document.querySelectorAll('.marker-cluster')].filter(inside)
            .reduce((n, c) => n + Number(c.textContent), 0);
})()"""


def shown_markers(page) -> int:
    return page.evaluate(f"() => {SHOWN_MARKERS}")


def test_map_table_timeline_and_filters(page, server, tmp_path):
    open_page(page, server)
    assert page.text_content("#count") == "5 events, 1 without coordinates"
    assert page.get_attribute("#map", "data-markers") == "4"
    assert shown_markers(page) == 4
    page.wait_for_function("() => document.querySelectorAll('.leaflet-outline-pane path').length > 100")  # world outline
    assert page.locator("#events tbody tr").count() == 5
    assert page.locator("#timeline rect.bar").count() == 5  # five event days
    assert page.locator(".event-marker.type-battles").count() == 1
    assert not page.is_visible("#message")

    page.select_option("#f-type", "Battles")
    page.wait_for_function("() => document.querySelector('#count').textContent.startsWith('2 events')")
    assert page.locator("#events tbody tr").count() == 2
    assert page.get_attribute("#map", "data-markers") == "1"
    assert "type=Battles" in page.url

    page.fill("#f-min-sources", "2")
    page.dispatch_event("#f-min-sources", "change")
    page.wait_for_function("() => document.querySelector('#count').textContent === '1 event'")
    assert page.locator("#events tbody tr").get_attribute("data-event-id") == "UKR1"

    page.click("#f-reset")
    page.wait_for_function("() => document.querySelector('#count').textContent.startsWith('5 events')")
    page.wait_for_function(f"() => ({SHOWN_MARKERS}) === 4")  # the map zooms back out to all of them
    page.wait_for_timeout(500)  # markercluster moves markers out of their clusters in 0.3 s
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)

    while page.locator(".leaflet-control-zoom-out.leaflet-disabled").count() == 0:
        page.click(".leaflet-control-zoom-out")  # out to the whole world, where nearby events cluster
        page.wait_for_timeout(400)
    page.wait_for_selector(".marker-cluster")
    assert page.wait_for_function(f"() => ({SHOWN_MARKERS}) === 4")
    page.locator("#map").screenshot(path=str(tmp_path / "clustered.png"))
    assert page.errors == []
    assert {urlsplit(u).hostname for u in page.outside} <= {"tile.openstreetmap.org"}  # no CDN


def test_clicking_a_row_shows_every_report_with_marked_evidence(page, server, tmp_path):
    open_page(page, server)
    page.click("#events tbody tr[data-event-id=UKR1]")
    page.wait_for_selector("#detail[data-state=ready]")
    assert "Armed clash" in page.text_content("#detail-title")
    assert page.locator("#events tr.selected").get_attribute("data-event-id") == "UKR1"
    first = page.locator("article.report[data-doc-id=charkiw-a]")
    second = page.locator("article.report[data-doc-id=charkiw-b]")
    marks = {
        role: first.locator(f"mark.ev-{role}").all_text_contents()
        for role in ("trigger", "actor1", "actor2", "location", "date", "fatalities")
    }
    assert marks == {
        "trigger": ["Gefechten"], "actor1": ["russischen Truppen"], "actor2": ["ukrainischen Armee"],
        "location": ["Charkiw"], "date": ["am Dienstag"], "fatalities": ["drei Soldaten"],
    }  # fmt: skip
    assert second.locator("mark.ev-source").all_text_contents() == ["ukrainischen Generalstabs"]
    assert second.locator("mark.ev-trigger").all_text_contents() == ["Kämpfen"]
    assert first.locator(".ev-sentence").count() > 0
    assert first.locator("a").get_attribute("href") == "https://example.org/charkiw-a"
    assert second.locator("a").count() == 0  # a javascript: URL is never made a link
    assert "event=UKR1" in page.url
    page.screenshot(path=str(tmp_path / "detail.png"), full_page=True)
    assert page.errors == []


def test_clicking_a_marker_and_report_markup_stays_text(page, server, tmp_path):
    open_page(page, server, "?country=Syria")
    assert page.get_attribute("#map", "data-markers") == "1"
    page.wait_for_timeout(500)  # the map fits its bounds and markercluster settles in 0.3 s
    page.click(".event-marker[data-event-id=SYR1]")
    page.wait_for_selector("#detail[data-state=ready]")
    report = page.locator("article.report[data-doc-id=aleppo] .report-text")
    assert report.locator("mark.ev-trigger").all_text_contents() == ["Luftangriff"]
    assert report.locator("mark.ev-fatalities").all_text_contents() == ["zwölf Zivilisten"]
    assert SCRIPT in report.text_content()  # shown as text ...
    assert report.locator("script, img, b").count() == 0  # ... never as elements
    page.wait_for_timeout(300)  # an <img onerror> would have fired by now
    assert page.evaluate("window.__lagebild_pwned") is None
    page.screenshot(path=str(tmp_path / "marker.png"), full_page=True)
    assert page.errors == []


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?since=2024-13-45", ["since", "2024-13-45"]),
        ("?min_sources=-1", ["min_sources", "greater than or equal to 1"]),
        ("?limit=abc", ["limit", "abc"]),
    ],
)
def test_bad_filter_in_the_address_shows_the_reason(page, server, query, words):
    open_page(page, server, query)
    assert page.get_attribute("body", "data-state") == "error"
    message = page.text_content("#message")
    assert message.startswith("cannot show events:")
    for word in words:
        assert word in message
    assert page.locator("#events tbody tr").count() == 0
    assert page.errors == []


def test_unknown_event_in_the_address_shows_the_reason(page, server):
    open_page(page, server, "?event=NOPE99")
    page.wait_for_selector("#detail[data-state=error]")
    assert "no event with id 'NOPE99'" in page.text_content("#message")
    assert page.locator("#events tbody tr").count() == 5  # the rest of the page still works


def test_empty_store_says_how_to_fill_it(page, tmp_path):
    from lagebild.store.store import EventStore

    EventStore.open(tmp_path / "empty.db").close()
    empty = Served(["--db", str(tmp_path / "empty.db")], tmp_path / "server.log")
    try:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(empty.url) else route.abort())
        open_page(page, empty)
        assert page.text_content("#message") == "no events yet — run lagebild ingest"
        assert page.text_content("#count") == "0 events"
        assert page.errors == []
    finally:
        empty.stop()

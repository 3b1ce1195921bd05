"""The web server's JSON API, through FastAPI's TestClient, on a small hand-built store."""

from __future__ import annotations

import csv
import io
import re

from pathlib import Path

import httpx
import pytest

from lagebild.errors import StoreError
from lagebild.records import Document, Event, Evidence, Span
from lagebild.store.store import EventStore

fastapi = pytest.importorskip("fastapi", reason="the server extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from lagebild.web.server import SECURITY_HEADERS, create_app, loopback_hosts  # noqa: E402

from .served import Served  # noqa: E402

CHARKIW = dict(
    event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
    actor1="Military Forces of Russia (2000-)", actor2="Military Forces of Ukraine (2019-)",
    country="Ukraine", iso="UA", admin1="Kharkiv", location="Kharkiv", latitude=49.9935, longitude=36.2304,
    geo_precision=1, event_date="2024-05-14", year=2024, fatalities=3, fatalities_low=3, fatalities_high=3,
)  # fmt: skip
SCRIPT = '<script>window.__lagebild_pwned = 1</script> <img src=x onerror="window.__lagebild_pwned = 2">'

# (document, event id, event fields, evidence sentence, {role: its text in that sentence})
REPORTS = [
    (
        Document(id="charkiw-a", title="Drei Tote bei Kämpfen in Charkiw", outlet="Testagentur",
                 published="2024-05-15", url="https://example.org/charkiw-a",
                 text="Bei heftigen Gefechten zwischen russischen Truppen und der ukrainischen Armee in Charkiw "
                      "sind am Dienstag drei Soldaten getötet worden. Die Lage bleibt angespannt."),
        "UKR1", CHARKIW,
        "Bei heftigen Gefechten zwischen russischen Truppen und der ukrainischen Armee in Charkiw sind am "
        "Dienstag drei Soldaten getötet worden.",
        dict(trigger="Gefechten", actor1="russischen Truppen", actor2="ukrainischen Armee", location="Charkiw",
             date="am Dienstag", fatalities="drei Soldaten"),
    ),
    (
        Document(id="charkiw-b", title="Kämpfe um Charkiw", outlet="Morgenblatt", published="2024-05-15",
                 url="javascript:alert(1)",
                 text="Nach Angaben des ukrainischen Generalstabs kamen bei Kämpfen in Charkiw am Dienstag drei "
                      "Soldaten ums Leben."),
        "UKR2", CHARKIW,
        "Nach Angaben des ukrainischen Generalstabs kamen bei Kämpfen in Charkiw am Dienstag drei Soldaten ums Leben.",
        dict(trigger="Kämpfen", location="Charkiw", date="am Dienstag", fatalities="drei Soldaten",
             source="ukrainischen Generalstabs"),
    ),
    (
        Document(id="aleppo", title="Luftangriff auf Aleppo", outlet="Testagentur", published="2024-05-17",
                 text="Bei einem Luftangriff der syrischen Luftwaffe auf Aleppo sind am Donnerstag zwölf Zivilisten "
                      f"getötet worden. Ein Sprecher zitierte ein Flugblatt: {SCRIPT} und <b>fett</b>."),
        "SYR1",
        dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
             disorder_type="Political violence", actor1="Military Forces of Syria (2000-2024)",
             actor2="Civilians (Syria)", country="Syria", iso="SY", admin1="Aleppo", location="Aleppo",
             latitude=36.2021, longitude=37.1343, geo_precision=1, event_date="2024-05-16", year=2024,
             fatalities=12, fatalities_low=12, fatalities_high=12),
        "Bei einem Luftangriff der syrischen Luftwaffe auf Aleppo sind am Donnerstag zwölf Zivilisten getötet worden.",
        dict(trigger="Luftangriff", actor1="syrischen Luftwaffe", location="Aleppo", date="am Donnerstag",
             fatalities="zwölf Zivilisten"),
    ),
    (
        Document(id="berlin", title="Kundgebung in Berlin", outlet="Hauptstadtbote", published="2024-05-18",
                 text="Rund 2000 Menschen haben am Samstag in Berlin friedlich gegen den Krieg demonstriert."),
        "DEU1",
        dict(event_type="Protests", sub_event_type="Peaceful protest", disorder_type="Demonstrations",
             actor1="Protesters (Germany)", country="Germany", iso="DE", admin1="Berlin", location="Berlin",
             latitude=52.5244, longitude=13.4105, geo_precision=1, event_date="2024-05-18", year=2024, fatalities=0),
        "Rund 2000 Menschen haben am Samstag in Berlin friedlich gegen den Krieg demonstriert.",
        dict(trigger="demonstriert", actor1="Rund 2000 Menschen", location="Berlin", date="am Samstag"),
    ),
    (
        Document(id="faschir", title="Angriff auf Dorf bei al-Faschir", outlet="Testagentur", published="2024-05-21",
                 text="Kämpfer der RSF haben am Montag ein Dorf nahe al-Faschir überfallen und mindestens 20 "
                      "Bewohner getötet."),
        "SDN1",
        dict(event_type="Violence against civilians", sub_event_type="Attack", disorder_type="Political violence",
             actor1="Rapid Support Forces", actor2="Civilians (Sudan)", country="Sudan", iso="SD",
             admin1="North Darfur", location="El Fasher", latitude=13.6279, longitude=25.3494, geo_precision=2,
             event_date="2024-05-20", year=2024, fatalities=20, fatalities_low=20, fatalities_high=None),
        "Kämpfer der RSF haben am Montag ein Dorf nahe al-Faschir überfallen und mindestens 20 Bewohner getötet.",
        dict(trigger="überfallen", actor1="Kämpfer der RSF", actor2="Bewohner", location="al-Faschir",
             date="am Montag", fatalities="mindestens 20 Bewohner"),
    ),
    (
        Document(id="irgendwo", title="Gefechte gemeldet", outlet="Testagentur", published="2024-05-22",
                 text="Aus dem Grenzgebiet wurden am Dienstag Gefechte zwischen Milizen gemeldet."),
        "XXX1",
        dict(event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
             actor1="Unidentified Armed Group", event_date="2024-05-21", year=2024),
        "Aus dem Grenzgebiet wurden am Dienstag Gefechte zwischen Milizen gemeldet.",
        dict(trigger="Gefechte", actor1="Milizen", date="am Dienstag"),
    ),
]  # fmt: skip


def _span(text: str, piece: str, start: int = 0) -> Span:
    at = text.index(piece, start)
    return Span(at, at + len(piece), piece)


def fixture_events() -> dict[str, list[Event]]:
    """Each document's events, with evidence offsets into its ``full_text``."""
    events = {}
    for document, event_id, fields, sentence, roles in REPORTS:
        text = document.full_text
        where = _span(text, sentence)
        evidence = Evidence(sentence=where, **{role: _span(text, piece, where.start) for role, piece in roles.items()})
        events[document.id] = [Event(event_id_cnty=event_id, doc_id=document.id, evidence=evidence, **fields)]
    return events


def make_store(path: Path) -> Path:
    """A store of the six reports above: five events, the Charkiw battle told twice."""
    events = fixture_events()
    with EventStore.open(path) as store:
        store.ingest([r[0] for r in REPORTS], None, extract=lambda document: events[document.id])
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("store") / "lagebild.db")


@pytest.fixture(scope="module")
def client(store_path) -> TestClient:
    return TestClient(create_app(store_path))


def test_events_lists_canonical_events_by_date(client):
    body = client.get("/api/events").json()
    assert body["count"] == 5
    assert [e["event_id"] for e in body["events"]] == ["UKR1", "SYR1", "DEU1", "SDN1", "XXX1"]
    charkiw = body["events"][0]
    assert charkiw["n_sources"] == 2
    assert charkiw["event"]["location"] == "Kharkiv"
    assert charkiw["event"]["fatalities"] == 3


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("country=Syria", ["SYR1"]),
        ("country=ua", ["UKR1"]),
        ("admin1=north%20darfur", ["SDN1"]),
        ("since=2024-05-16&until=2024-05-18", ["SYR1", "DEU1"]),
        ("type=Protests", ["DEU1"]),
        ("type=Battles", ["UKR1", "XXX1"]),
        ("actor=rapid%20support", ["SDN1"]),
        ("min_sources=2", ["UKR1"]),
        ("limit=2", ["UKR1", "SYR1"]),
        ("country=Chile", []),
        ("country=&type=", ["UKR1", "SYR1", "DEU1", "SDN1", "XXX1"]),  # an empty form field is no filter
    ],
)
def test_events_filters(client, query, ids):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    assert [e["event_id"] for e in response.json()["events"]] == ids


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("since=2024-13-45", 422, ["since", "2024-13-45"]),
        ("until=gestern", 422, ["until", "gestern"]),
        ("min_sources=-1", 422, ["min_sources", "greater than or equal to 1"]),
        ("min_sources=0", 422, ["min_sources"]),
        ("limit=abc", 422, ["limit", "abc"]),
        ("limit=0", 422, ["limit"]),
        ("since=2024-06-01&until=2024-05-01", 400, ["since", "after until"]),
    ],
)
@pytest.mark.parametrize("endpoint", ["/api/events", "/api/events.geojson"])
def test_bad_filters_are_4xx_with_a_readable_detail(client, endpoint, query, status, words):
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == status
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    for word in words:
        assert word in detail


def test_several_bad_values_are_all_named(client):
    detail = client.get("/api/events?since=2024-13-45&min_sources=-1&limit=abc").json()["detail"]
    assert "since" in detail and "min_sources" in detail and "limit" in detail


def test_one_event_with_its_reports_and_evidence(client):
    response = client.get("/api/events/UKR1")
    assert response.status_code == 200
    body = response.json()
    assert body["event_id"] == "UKR1"
    assert body["n_sources"] == 2
    assert body["merge_reasons"]
    assert [r["doc_id"] for r in body["reports"]] == ["charkiw-a", "charkiw-b"]
    first = body["reports"][0]
    assert first["title"] == "Drei Tote bei Kämpfen in Charkiw"
    assert first["outlet"] == "Testagentur"
    assert first["text"].startswith("Drei Tote bei Kämpfen in Charkiw\n\n")  # full_text: offsets index into it
    for role in ("sentence", "trigger", "actor1", "actor2", "location", "date", "fatalities"):
        span = first["evidence"][role]
        assert first["text"][span["start"] : span["end"]] == span["text"], role
    assert first["evidence"]["trigger"]["text"] == "Gefechten"
    assert body["reports"][1]["evidence"]["source"]["text"] == "ukrainischen Generalstabs"
    assert body["reports"][1]["event"]["doc_id"] == "charkiw-b"


def test_report_text_is_returned_as_it_is(client):
    text = client.get("/api/events/SYR1").json()["reports"][0]["text"]
    assert SCRIPT in text  # JSON carries it verbatim; the page must render it as text


def test_unknown_event_is_404_json(client):
    response = client.get("/api/events/NOPE99")
    assert response.status_code == 404
    assert response.json() == {"detail": "no event with id 'NOPE99'"}


def test_geojson_has_a_point_per_placed_event(client):
    response = client.get("/api/events.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    features = {f["id"]: f for f in body["features"]}
    assert set(features) == {"UKR1", "SYR1", "DEU1", "SDN1"}  # XXX1 has no coordinates
    assert features["SYR1"]["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}
    assert features["UKR1"]["properties"]["n_sources"] == 2
    assert features["SDN1"]["properties"]["event_type"] == "Violence against civilians"
    filtered = client.get("/api/events.geojson?type=Protests").json()["features"]
    assert [f["id"] for f in filtered] == ["DEU1"]


def test_stats(client):
    body = client.get("/api/stats").json()
    assert body["documents"] == 6
    assert body["events"] == 5
    assert body["by_country"]["Ukraine"] == 1
    assert body["by_type"]["Battles"] == 2
    assert body["by_month"] == {"2024-05": 5}
    assert body["sources_per_event"] == {"1": 4, "2": 1}


def test_openapi_documents_every_endpoint_with_response_models(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/stats"} <= set(paths)
    assert "/" not in paths
    parameters = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert parameters == {"country", "admin1", "since", "until", "type", "actor", "min_sources", "limit", "offset"}
    ok = paths["/api/events/{event_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/EventDetail")
    assert paths["/api/events/{event_id}"]["get"]["responses"]["404"]
    assert paths["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorOut"
    )
    components = schema["components"]["schemas"]
    assert {"EventList", "EventDetail", "ReportOut", "FeatureCollection", "StatsOut", "Event", "Evidence"} <= set(
        components
    )


def test_page_and_static_files(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert 'src="/static/app.js"' in page.text
    assert "cdn" not in page.text.lower() and "unpkg" not in page.text.lower()
    for path in (
        "/static/app.js",
        "/static/highlight.js",
        "/static/style.css",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/vendor/world-atlas/countries-110m.geojson",
    ):
        assert client.get(path).status_code == 200, path


def test_page_script_never_uses_html_strings():
    """Report text reaches the page only through text nodes (the e2e test checks a <script> too)."""
    web = Path(__file__).resolve().parent.parent / "src" / "lagebild" / "web"
    for name in ("app.js", "highlight.js"):
        source = (web / name).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{name} uses {sink}"


def test_empty_store(tmp_path):
    path = tmp_path / "empty.db"
    EventStore.open(path).close()
    client = TestClient(create_app(path))
    assert client.get("/api/events").json() == {"count": 0, "offset": 0, "next": None, "events": []}
    assert client.get("/api/events.geojson").json() == {"type": "FeatureCollection", "features": []}
    stats = client.get("/api/stats").json()
    assert stats["events"] == 0 and stats["documents"] == 0
    assert client.get("/api/events/UKR1").status_code == 404


def test_missing_store_file_names_the_path(tmp_path):
    missing = tmp_path / "nirgends.db"
    with pytest.raises(StoreError, match="nirgends.db"):
        create_app(missing)
    assert not missing.exists()  # serving never creates a store


def test_file_that_is_no_store(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("kein SQLite", encoding="utf-8")
    with pytest.raises(StoreError, match="notes.db"):
        create_app(path)


def test_store_that_vanishes_while_serving_is_503_json(tmp_path):
    path = make_store(tmp_path / "lagebild.db")
    client = TestClient(create_app(path))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    response = client.get("/api/events")
    assert response.status_code == 503
    assert "lagebild.db" in response.json()["detail"]


# -- hardening (issue 16): headers on every response, bounded integers, trusted hosts ---------

@pytest.mark.parametrize(
    "path",
    ["/", "/static/index.html", "/static/app.js", "/static/vendor/leaflet/leaflet.css", "/api/events",
     "/api/events.geojson", "/api/stats", "/api/events/UKR1", "/api/events/NOPE99", "/api/events?limit=abc",
     "/api/events?since=2024-06-01&until=2024-05-01", "/openapi.json", "/static/fehlt.js", "/nirgends"],
)  # fmt: skip
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, (path, name)
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("name", ["limit", "min_sources"])
@pytest.mark.parametrize("value", [2**63, 2**64, 10**30])
@pytest.mark.parametrize("endpoint", ["/api/events", "/api/events.geojson"])
def test_huge_integers_are_422_not_500(client, endpoint, name, value):
    response = client.get(f"{endpoint}?{name}={value}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"].startswith(f"{name}: ") and str(value) in response.json()["detail"]


def test_the_largest_integers_are_answered(client):
    response = client.get(f"/api/events?limit={2**63 - 1}&min_sources={2**63 - 1}")
    assert response.status_code == 200 and response.json()["count"] == 0
    assert client.get(f"/api/events?limit={2**63 - 1}").json()["count"] == 5


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1:8000", 200), ("localhost:8000", 200), ("LOCALHOST", 200), ("[::1]:8000", 200),
     ("evil.example:8000", 400), ("127.0.0.1.nip.io:8000", 400), ("localhost.evil.example", 400)],
)  # fmt: skip
def test_a_loopback_server_answers_only_to_loopback_names(store_path, host, status):
    client = TestClient(create_app(store_path, hosts=loopback_hosts("127.0.0.1")))
    for path in ("/api/events", "/", "/static/app.js"):
        response = client.get(path, headers={"host": host})
        assert response.status_code == status, (host, path)
        assert response.headers["x-frame-options"] == "DENY"
    if status == 400:
        assert "not served here" in response.json()["detail"]


def test_loopback_hosts():
    assert loopback_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert loopback_hosts("::1") == {"127.0.0.1", "localhost", "::1"}
    assert loopback_hosts("127.0.0.2") == {"127.0.0.1", "127.0.0.2", "localhost", "::1"}
    assert loopback_hosts("localhost") == {"127.0.0.1", "localhost", "::1"}
    assert loopback_hosts("0.0.0.0") is None and loopback_hosts("192.168.1.5") is None


@pytest.fixture()
def running_server(store_path, tmp_path):
    """``lagebild serve`` as a user starts it, on a free loopback port."""
    with Served(["--db", str(store_path)], tmp_path / "server.log") as served:
        yield served.url


def test_a_real_server_refuses_foreign_host_names_and_sets_headers(running_server):
    port = running_server.rsplit(":", 1)[1]
    ok = httpx.get(f"{running_server}/static/index.html")
    assert ok.status_code == 200 and ok.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert httpx.get(f"{running_server}/api/events", headers={"host": f"localhost:{port}"}).status_code == 200
    rebound = httpx.get(f"{running_server}/api/events", headers={"host": f"attacker.example:{port}"})
    assert rebound.status_code == 400 and "not served here" in rebound.json()["detail"]
    huge = httpx.get(f"{running_server}/api/events?limit={2**63}")
    assert huge.status_code == 422 and huge.json()["detail"].startswith("limit: ")


def test_public_surface():
    from lagebild.web import server

    assert set(server.__all__) == {"SECURITY_HEADERS", "create_app", "loopback_hosts", "serve"}


# -- paging, CSV and offline docs (issue 15) -------------------------------------------------


def test_events_come_in_pages_with_a_link_to_the_next(client):
    first = client.get("/api/events?limit=2&type=")
    body = first.json()
    assert [e["event_id"] for e in body["events"]] == ["UKR1", "SYR1"] and body["offset"] == 0
    assert body["next"] and first.headers["link"] == f'<{body["next"]}>; rel="next"'
    ids = [e["event_id"] for e in body["events"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        ids += [e["event_id"] for e in body["events"]]
    assert ids == ["UKR1", "SYR1", "DEU1", "SDN1", "XXX1"] and body["offset"] == 4
    last = client.get("/api/events?limit=2&offset=4")
    assert last.json()["next"] is None and "link" not in last.headers
    assert client.get("/api/events?offset=-1").status_code == 422


def test_a_request_without_limit_gets_the_default_page(client, monkeypatch):
    from lagebild.web import server

    monkeypatch.setattr(server, "DEFAULT_LIMIT", 3)
    body = client.get("/api/events").json()
    assert body["count"] == 3 and "offset=3" in body["next"]
    features = client.get("/api/events.geojson?limit=1&offset=1")
    assert [f["id"] for f in features.json()["features"]] == ["SYR1"] and 'rel="next"' in features.headers["link"]


def test_events_as_acled_csv(client):
    response = client.get("/api/events.csv?country=Syria")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["event_id_cnty"], r["iso"], r["n_sources"]) for r in rows] == [("SYR1", "760", "1")]
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/events.csv").text)))) == 5


def test_api_docs_load_nothing_from_the_internet(client):
    pytest.importorskip("fastapi_offline")
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(source.startswith("/") for source in sources), sources
        assert "<script>" not in html  # no inline script: the CSP would block it
        for source in sources:
            assert client.get(source).status_code == 200, source

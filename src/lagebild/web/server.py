"""``lagebild serve``: a JSON API over the event store and one page that maps it.

Reads: the ``EventStore`` (``events``, ``event``, ``reports``, ``stats``), opened read-only
for each request, so the server never writes and a running ``lagebild ingest`` is seen at
the next request. Writes: nothing.

Endpoints (all documented in ``/openapi.json``):

- ``GET /api/events`` — canonical events, filtered like ``lagebild events``, a page of
  ``limit`` (default ``DEFAULT_LIMIT``) from ``offset`` on, with the ``next`` page's URL
- ``GET /api/events/{event_id}`` — one event with every report behind it and its evidence spans
- ``GET /api/events.geojson`` — the same page of events as a GeoJSON FeatureCollection
- ``GET /api/events.csv`` — the filtered events (all of them unless ``limit`` is given) as
  ACLED's CSV profile, as ``lagebild export`` writes it
- ``GET /api/stats`` — summary counts
- ``GET /`` — the page (``web/index.html``; scripts, styles and vendored libraries under
  ``/static/``; nothing is loaded from elsewhere but the optional OpenStreetMap tiles)
- ``GET /docs``, ``/redoc`` — the API documentation, from the Swagger UI and ReDoc files of
  the ``fastapi-offline`` package (served under ``/static-docs/``; without that package the
  two pages are off): nothing is loaded from the internet

A page of events names the next one in ``next`` and in a ``Link: <...>; rel="next"`` header.

Every error is JSON ``{"detail": "..."}``: 422 for a bad filter value, 400 for an empty
date range, 404 for an unknown event id, 503 when the store file can no longer be read.
"""

from __future__ import annotations

import io
import ipaddress
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import StoreError
from ..records import Event, Evidence
from ..store.store import EventFilter, EventStore, FilterError, StoredEvent, default_path

__all__ = ["SECURITY_HEADERS", "create_app", "loopback_hosts", "serve"]

log = logging.getLogger(__name__)

WEB_DIR = Path(str(files("lagebild").joinpath("web")))
# The page may load its own files and OpenStreetMap tiles, nothing else; inline scripts and
# event handler attributes never run, whatever a report's text contains.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# Sent with every response, pages, files, JSON and errors alike. No page may frame ours
# (clickjacking); no file is read as another type than it says; other sites learn our origin
# at most (OpenStreetMap's tile servers refuse requests without a Referer), never the query.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_INTEGER = 2**63 - 1  # SQLite's largest integer: a bigger limit is refused, not a crash
DEFAULT_LIMIT = 500  # events per page when the request names no limit: a bounded answer


class ErrorOut(BaseModel):
    """What every failed request returns."""

    detail: str = Field(examples=["since: Input should be a valid date (got '2024-13-45')"])


class EventOut(BaseModel):
    """A canonical event: the merged ``Event`` and how many reports stand behind it."""

    event_id: str
    n_sources: int
    merge_reasons: list[str]
    event: Event


class EventList(BaseModel):
    count: int = Field(description="Number of events returned (after ``limit``).")
    offset: int = Field(0, description="How many matching events come before this page.")
    next: str | None = Field(None, description="URL of the next page; null on the last page.")
    events: list[EventOut]


class ReportOut(BaseModel):
    """One report behind an event. Evidence offsets index into ``text``."""

    doc_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    text: str
    evidence: Evidence | None = None
    event: Event = Field(description="The event as this report alone tells it.")


class EventDetail(EventOut):
    reports: list[ReportOut]


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="Longitude, latitude (WGS 84).")


class FeatureProperties(BaseModel):
    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: str | None
    admin1: str | None
    country: str | None
    iso: str | None
    geo_precision: int | None
    fatalities: int | None
    n_sources: int


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: FeatureProperties


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature] = Field(description="Events without coordinates are left out.")


class StatsOut(BaseModel):
    documents: int = Field(description="Reports stored.")
    events: int = Field(description="Canonical events (one per happening, however many reports tell it).")
    members: int | None = Field(None, description="Events as single reports tell them, before merging.")
    by_country: dict[str, int]
    by_type: dict[str, int]
    by_month: dict[str, int] = Field(description="Events per YYYY-MM of their date.")
    sources_per_event: dict[int, int] = Field(description="Number of events by how many reports stand behind them.")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Filters that cannot match (since after until)."},
    422: {"model": ErrorOut, "description": "A filter value that does not parse."},
}


def _store(request: Request) -> Iterator[EventStore]:
    """A read-only store for one request (SQLite connections stay in their thread)."""
    with EventStore.open(request.app.state.db_path, readonly=True) as opened:
        yield opened


def _event_filter(
    country: Annotated[str | None, Query(description="Country name or ISO 3166-1 alpha-2 code.")] = None,
    admin1: Annotated[str | None, Query(description="First-level administrative region.")] = None,
    since: Annotated[date | None, Query(description="First day (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")] = None,
    type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles.")] = None,  # noqa: A002
    actor: Annotated[str | None, Query(description="Actor name (either side).")] = None,
    min_sources: Annotated[
        int, Query(ge=1, le=MAX_INTEGER, description="Only events told by at least this many reports.")
    ] = 1,
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_INTEGER, description=f"At most this many events (a page; default {DEFAULT_LIMIT}).")
    ] = None,
) -> EventFilter:
    """The query parameters of ``lagebild events`` as an ``EventFilter``."""
    if since and until and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    return EventFilter(country=country or None, admin1=admin1 or None, since=since, until=until,
                       event_type=type or None, actor=actor or None, min_sources=min_sources, limit=limit)  # fmt: skip


def _offset(
    offset: Annotated[int, Query(ge=0, le=MAX_INTEGER, description="Skip this many matching events (paging).")] = 0,
) -> int:
    return offset


Store = Annotated[EventStore, Depends(_store)]
Filter = Annotated[EventFilter, Depends(_event_filter)]
Offset = Annotated[int, Depends(_offset)]


def _page(store: EventStore, where: EventFilter, offset: int, request: Request) -> tuple[list[StoredEvent], str | None]:
    """One page of events and the URL of the next (None on the last page).

    The store answers from the first event on; a page reads ``offset + limit + 1`` events
    and keeps its own (the one after it tells whether there is a next page)."""
    limit = where.limit or DEFAULT_LIMIT
    found = store.events(replace(where, limit=min(offset + limit + 1, MAX_INTEGER)))
    page = found[offset : offset + limit]
    more = len(found) > offset + limit
    return page, str(request.url.include_query_params(offset=offset + limit, limit=limit)) if more else None


def _link(next_url: str | None) -> dict[str, str]:
    return {"Link": f'<{next_url}>; rel="next"'} if next_url else {}


def create_app(db_path: Path | str | None = None, *, hosts: Iterable[str] | None = None) -> FastAPI:
    """The web app over the event store at ``db_path`` (default: the store ``ingest`` fills).

    ``hosts``: the host names a request may name in its Host header (any, if None); others
    are refused with 400, so that a web page cannot reach a loopback server by pointing its
    own domain at 127.0.0.1 (DNS rebinding). Raises ``StoreError`` naming the path when
    there is no store there.
    """
    path = _existing_store(db_path)
    app = FastAPI(
        title="lagebild",
        version=__version__,
        description="Geocoded ACLED-style events read from German-language conflict reports.",
        docs_url=None,  # FastAPI's own pages load Swagger UI and ReDoc from a CDN: ours are local
        redoc_url=None,
    )
    app.state.db_path = path
    app.add_middleware(_Guard, hosts=None if hosts is None else frozenset(h.lower().strip("[]") for h in hosts))

    @app.get("/api/events", response_model=EventList, responses=ERRORS, tags=["events"])
    def list_events(store: Store, where: Filter, offset: Offset, request: Request) -> JSONResponse:
        """Canonical events matching the filters, ordered by date, then id: one page of ``limit``."""
        page, next_url = _page(store, where, offset, request)
        events = [_event_out(stored) for stored in page]
        body = EventList(count=len(events), offset=offset, next=next_url, events=events)
        return JSONResponse(body.model_dump(mode="json"), headers=_link(next_url))

    @app.get("/api/events.geojson", response_model=FeatureCollection, responses=ERRORS, tags=["events"])
    def events_geojson(store: Store, where: Filter, offset: Offset, request: Request) -> JSONResponse:
        """One page of the events matching the filters as a GeoJSON FeatureCollection of points."""
        page, next_url = _page(store, where, offset, request)
        collection = FeatureCollection(features=[f for s in page if (f := _feature(s))])
        return JSONResponse(collection.model_dump(mode="json"), media_type="application/geo+json", headers=_link(next_url))

    @app.get("/api/events.csv", responses={200: {"content": {"text/csv": {}}}, **ERRORS}, tags=["events"])
    def events_csv(store: Store, where: Filter) -> StreamingResponse:
        """The events matching the filters (all unless ``limit`` is given) in ACLED's CSV profile,
        with ``n_sources`` and ``merge_reasons``, as ``lagebild export`` writes them."""
        found = store.events(where)
        headers = {"Content-Disposition": 'attachment; filename="lagebild-events.csv"'}
        return StreamingResponse(_csv_chunks(found), media_type="text/csv; charset=utf-8", headers=headers)

    @app.get(
        "/api/events/{event_id}",
        response_model=EventDetail,
        responses={404: {"model": ErrorOut, "description": "No event with this id."}},
        tags=["events"],
    )
    def one_event(event_id: str, store: Store) -> EventDetail:
        """One event with the full text of every report behind it and the evidence spans."""
        stored = store.event(event_id)
        if stored is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        reports = [
            ReportOut(doc_id=r.doc_id, title=r.title, outlet=r.outlet, url=r.url, published=r.published,
                      text=r.text, evidence=r.evidence, event=r.event)
            for r in store.reports(event_id)
        ]  # fmt: skip
        return EventDetail(**_event_out(stored).model_dump(), reports=reports)

    @app.get("/api/stats", response_model=StatsOut, tags=["stats"])
    def stats(store: Store) -> StatsOut:
        """Counts of documents and events, by country, event type and month."""
        return StatsOut(**store.stats())

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    _api_docs(app)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError) -> JSONResponse:
        where = "type" if exc.field == "event_type" else exc.field  # the query parameter's name
        return JSONResponse({"detail": f"{where}: {exc}"}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, exc: StoreError) -> JSONResponse:
        log.error("event store failed: %s", exc)
        return JSONResponse({"detail": f"the event store cannot be read: {exc}"}, status_code=503)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # Answered outside the middleware (Starlette's outermost layer): the headers are set here.
        return JSONResponse({"detail": "internal error; the server log has the details"}, status_code=500,
                            headers=SECURITY_HEADERS)  # fmt: skip

    return app


class _Guard:
    """The one middleware: refuses a request whose Host header names a host not in ``hosts``
    (when given), and puts ``SECURITY_HEADERS`` on every response."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None:
            host = _host_name(Headers(scope=scope).get("host", ""))
            if host not in self.hosts:
                detail = f"host {host or '(none)'!r} is not served here; use http://{sorted(self.hosts)[0]}:PORT/"
                await JSONResponse({"detail": detail}, status_code=400, headers=SECURITY_HEADERS)(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host_name(header: str) -> str:
    """The host of a Host header, without port and IPv6 brackets, in lower case.

    >>> [_host_name(h) for h in ("LocalHost:8000", "[::1]:8000", "127.0.0.1", "[::1]")]
    ['localhost', '::1', '127.0.0.1', '::1']
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


def loopback_hosts(host: str) -> frozenset[str] | None:
    """The host names a server bound to ``host`` answers to: on loopback, ``host`` and the
    usual names of loopback; elsewhere any (None), since the names it is reached by are not
    known here.

    >>> sorted(loopback_hosts("127.0.0.1"))
    ['127.0.0.1', '::1', 'localhost']
    >>> loopback_hosts("0.0.0.0") is None
    True
    """
    name = host.lower().strip("[]")
    try:
        loopback = ipaddress.ip_address(name).is_loopback
    except ValueError:
        loopback = name == "localhost"
    return LOOPBACK_NAMES | {name} if loopback else None


def serve(db_path: Path | str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted; loopback only unless ``host`` says otherwise."""
    import uvicorn

    app = create_app(db_path, hosts=loopback_hosts(host))
    log.info("serving %s on http://%s:%d/", app.state.db_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")


def serve_parquet(folder: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the merged events of a folder ``lagebild merge`` wrote: loaded into a store in
    a temporary folder (the API answers from the same queries), removed at exit."""
    import tempfile

    from ..merge import merged_events

    with tempfile.TemporaryDirectory(prefix="lagebild-parquet-") as scratch:
        path = Path(scratch) / "merged.db"
        with EventStore.open(path) as store:
            count = store.add_merged(merged_events(folder))
        log.info("%s: %d merged events loaded", folder, count)
        serve(path, host=host, port=port)


def _existing_store(db_path: Path | str | None) -> Path:
    """The store's path, after checking that it opens read-only (StoreError names the path)."""
    path = Path(db_path).expanduser() if db_path else default_path()
    EventStore.open(path, readonly=True).close()
    return path


def _event_out(stored: StoredEvent) -> EventOut:
    return EventOut(event_id=stored.event_id, n_sources=stored.n_sources,
                    merge_reasons=list(stored.merge_reasons), event=stored.event)  # fmt: skip


def _feature(stored: StoredEvent) -> Feature | None:
    e = stored.event
    if e.latitude is None or e.longitude is None:
        return None
    properties = FeatureProperties(
        event_id=stored.event_id, event_date=e.event_date, event_type=e.event_type,
        sub_event_type=e.sub_event_type, actor1=e.actor1, actor2=e.actor2, location=e.location,
        admin1=e.admin1, country=e.country, iso=e.iso, geo_precision=e.geo_precision,
        fatalities=e.fatalities, n_sources=stored.n_sources,
    )  # fmt: skip
    return Feature(id=stored.event_id, geometry=PointGeometry(coordinates=(e.longitude, e.latitude)),
                   properties=properties)  # fmt: skip


def _csv_chunks(found: list[StoredEvent], rows: int = 500) -> Iterator[str]:
    """The CSV text of the events, a few hundred rows at a time."""
    from ..io.writers import EventWriter
    from ..store.store import EXPORT_EXTRA

    buffer = io.StringIO(newline="")
    writer = EventWriter(buffer, "csv", extra_columns=EXPORT_EXTRA)
    writer.begin()
    for start in range(0, max(len(found), 1), rows):
        chunk = found[start : start + rows]
        writer.write([s.event for s in chunk], [{"n_sources": s.n_sources, "merge_reasons": s.merge_reasons} for s in chunk])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _api_docs(app: FastAPI) -> None:
    """/docs and /redoc from local files: our two pages (no inline script, as the CSP wants)
    and the Swagger UI and ReDoc files of the fastapi-offline package; off without it."""
    try:
        import fastapi_offline
    except ImportError:
        log.info("fastapi-offline is not installed: /docs and /redoc are off")
        return
    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/static-docs", StaticFiles(directory=assets), name="static-docs")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> FileResponse:
        return FileResponse(WEB_DIR / "docs.html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> FileResponse:
        return FileResponse(WEB_DIR / "redoc.html")


def _validation_message(exc: RequestValidationError) -> str:
    """One line per bad value: "since: Input should be a valid date … (got '2024-13-45')"."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        got = error.get("input")
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}" + (f" (got {got!r})" if got is not None else ""))
    return "; ".join(parts) or "invalid request"

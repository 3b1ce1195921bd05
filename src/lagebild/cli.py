"""The ``lagebild`` command line: thin wrappers, one per library function."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .errors import LagebildError
from .readers import InputFailure, read_documents
from .records import Document, parse_partial_date

app = typer.Typer(
    help="Turn German-language conflict reporting into geocoded ACLED-style events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Manage the local gazetteer (GeoNames data).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
err = Console(stderr=True, soft_wrap=True)
# Piped output is read by programs and people alike: no folding at 80 columns.
out = Console(width=None if sys.stdout.isatty() else 200)
PROGRESS_THRESHOLD = 5

InputsArg = Annotated[list[str], typer.Argument(help="Files (.txt .md .html .jsonl .csv), folders, or - for stdin.")]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date (YYYY[-MM[-DD]]) for inputs without one.")
]
NoGeoOpt = Annotated[bool, typer.Option("--no-geocode", help="Skip the gazetteer (no coordinates).")]


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except LagebildError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


def _print_version(value: bool) -> None:
    if value:
        out.print(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version)
    ] = False,
) -> None:
    """Turn German-language conflict reporting into geocoded ACLED-style events."""


def _published(value: str | None) -> str | None:
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None


def _resources(no_geocode: bool):
    from .pipeline import Resources

    if not no_geocode:
        err.print("[dim]opening the gazetteer (the first run builds it, about a minute)…[/dim]", highlight=False)
    return Resources.load(geocode=not no_geocode)


@app.command()
def extract(
    inputs: InputsArg,
    output: Annotated[
        Optional[list[Path]], typer.Option("-o", "--output", help="Output file(s); the suffix picks the format.")
    ] = None,
    fmt: Annotated[
        Optional[str], typer.Option("--format", "-f", help="jsonl, csv, geojson or parquet (default: from -o).")
    ] = None,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table and summary.")] = False,
) -> None:
    """Extract events from reports and write them as JSONL, CSV, GeoJSON or Parquet."""
    from .pipeline import run
    from .writers import format_for, write_events

    published = _published(published)
    targets = [(path, format_for(path, fmt)) for path in (output or [])]
    items = list(read_documents(inputs, published=published))
    resources = _resources(no_geocode)
    documents = [i for i in items if isinstance(i, Document)]
    if len(documents) > PROGRESS_THRESHOLD and not quiet:
        with _progress() as progress:
            task = progress.add_task("extracting", total=len(items))
            result = run(items, resources, on_document=lambda _: progress.advance(task))
    else:
        result = run(items, resources)
    for failure in result.failures:
        err.print(f"[red]failed:[/red] {failure}", highlight=False)
    if targets:
        for path, target_format in targets:
            write_events(result.events, path, target_format)
            if not quiet:
                err.print(f"wrote {len(result.events)} events to {path}", highlight=False)
    else:
        for event in result.events:
            sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    if not quiet:
        if targets:
            _events_table(result.events[:20], len(result.events))
        _summary(result)
    if result.failures:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    )  # fmt: skip


def _events_table(events, total: int) -> None:
    table = Table(title=f"events ({min(len(events), total)} of {total})", title_justify="left")
    for column in ("date", "type", "actor1", "actor2", "location", "country", "dead"):
        table.add_column(column, overflow="fold")
    for e in events:
        dead = "" if e.fatalities is None else str(e.fatalities)
        table.add_row(e.event_date or "", e.sub_event_type, e.actor1 or "", e.actor2 or "", e.location or "",
                      e.country or "", dead)  # fmt: skip
    out.print(table)


def _summary(result) -> None:
    by_type = ", ".join(f"{t}: {n}" for t, n in sorted(result.by_type.items())) or "none"
    err.print(
        f"{result.documents} documents read, {len(result.events)} events ({by_type}), "
        f"{len(result.failures)} inputs failed",
        highlight=False,
    )


@app.command()
def mentions(
    inputs: InputsArg,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
) -> None:
    """Show the actors, places, numbers, dates, triggers and cues found in each report."""
    from .mentions import analyse

    resources = _resources(no_geocode)
    failed = False
    for item in read_documents(inputs, published=_published(published)):
        if isinstance(item, InputFailure):
            err.print(f"[red]failed:[/red] {item}", highlight=False)
            failed = True
            continue
        analysis = analyse(item, resources.lexicon, resources.gazetteer)
        table = Table(title=f"{item.id} (published {item.published or 'unknown'})", title_justify="left")
        for column in ("sentence", "kind", "text", "span", "value"):
            table.add_column(column, overflow="fold")
        for m in analysis.mentions:
            table.add_row(str(m.sentence), m.kind, m.text, f"{m.start}-{m.end}", _describe(m, resources))
        out.print(table)
    if failed:
        raise typer.Exit(1)


def _describe(mention, resources) -> str:
    value = mention.value
    if mention.kind == "actor":
        actor = resources.lexicon.actors.get(value)
        return f"{actor.name} [{actor.type}]" if actor else str(value)
    if mention.kind == "description":
        return f"{value.pattern} -> {value.resolves_to}"
    if mention.kind == "trigger":
        return value.sub_event_type
    if mention.kind == "quantity":
        return f"best {value.best}, low {value.low}, high {value.high}"
    if mention.kind == "date":
        return f"{value.start}..{value.end} (precision {value.precision})"
    if mention.kind == "place" and resources.gazetteer is not None:
        from .geocode import resolve_place

        place = resolve_place(mention.text, resources.gazetteer, None, near=mention.detail.get("near", False))
        return f"{place.name}, {place.admin1}, {place.country}" if place else "not found"
    return str(value)


@app.command()
def explain(
    inputs: InputsArg,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
) -> None:
    """Show for each report which triggers fired, which roles were filled and what was dropped."""
    from .pipeline import extract_document

    resources = _resources(no_geocode)
    failed = False
    for item in read_documents(inputs, published=_published(published)):
        if isinstance(item, InputFailure):
            err.print(f"[red]failed:[/red] {item}", highlight=False)
            failed = True
            continue
        trail = []
        analysis, events = extract_document(item, resources, trail)
        out.print(f"[bold]{item.id}[/bold] — {len(analysis.sentences)} sentences, {len(events)} events")
        for decision in trail:
            sentence = analysis.sentences[decision.sentence].text
            out.print(f"  [{decision.sentence}] {decision.what}: {decision.detail}  [dim]{sentence[:90]}[/dim]",
                      highlight=False)  # fmt: skip
        for e in events:
            out.print(
                f"  -> {e.event_type} / {e.sub_event_type}: {e.actor1} vs {e.actor2} at {e.location} "
                f"({e.admin1}, {e.country}, precision {e.geo_precision}) on {e.event_date}, dead {e.fatalities} "
                f"[{e.fatalities_low}..{e.fatalities_high}], {e.certainty}, {e.salience}",
                highlight=False,
            )
    if failed:
        raise typer.Exit(1)


@app.command()
def geocode(
    name: Annotated[str, typer.Argument(help="A place name in any spelling, e.g. 'Dschisr asch-Schughur'.")],
    country: Annotated[Optional[list[str]], typer.Option("--country", "-c", help="Context country (ISO2).")] = None,
) -> None:
    """Show the gazetteer's candidates for a place name and the one lagebild chooses."""
    from .gazetteer import Gazetteer
    from .geocode import GeoContext, explain_geocode

    gazetteer = Gazetteer.open()
    candidates, choice = explain_geocode(name, gazetteer, GeoContext(countries=list(country or []), admin1=[]))
    table = Table(title=f"candidates for {name!r}", title_justify="left")
    for column in ("geonameid", "name", "feature", "country", "admin1", "population", "lat", "lon", "origin"):
        table.add_column(column)
    for c in candidates[:25]:
        table.add_row(str(c.geonameid), c.name, f"{c.feature_class}.{c.feature_code}", c.country_code or "",
                      c.admin1 or "", str(c.population or ""), f"{c.latitude:.4f}", f"{c.longitude:.4f}", c.origin)  # fmt: skip
    out.print(table)
    if choice is None:
        out.print("choice: none")
        raise typer.Exit(1)
    out.print(
        f"choice: {choice.name} ({choice.admin1}, {choice.country}) {choice.latitude}, {choice.longitude} "
        f"geo_precision {choice.geo_precision}" + (f" — {choice.note}" if choice.note else ""),
        highlight=False,
    )


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dump files (.txt or .zip).")],
) -> None:
    """Load GeoNames dump files into the local gazetteer; imported data takes precedence."""
    from .gazetteer import Gazetteer, import_geonames

    gazetteer = Gazetteer.open()
    with _progress() as progress:
        task = progress.add_task("importing", total=None)
        report = import_geonames(gazetteer, files, progress=lambda n: progress.advance(task, n))
    out.print(str(report))


@app.command()
def serve(
    db: Annotated[
        Optional[Path], typer.Option("--db", help="The event store (default: $LAGEBILD_HOME/lagebild.db).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback unless you say otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
) -> None:
    """Serve the event store: a JSON API (/api/..., schema at /openapi.json) and a map page at /."""
    try:
        from .server import serve as serve_store
    except ImportError as exc:
        err.print(f"[red]error:[/red] lagebild serve needs the server extra: pip install 'lagebild[server]' ({exc})",
                  highlight=False)  # fmt: skip
        raise typer.Exit(2) from None
    serve_store(db, host=host, port=port)

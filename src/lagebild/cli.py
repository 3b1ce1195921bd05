"""The ``lagebild`` command line: thin wrappers, one per library function."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
import typer.main
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .errors import LagebildError
from .io.readers import InputFailure, read_documents
from .records import parse_partial_date

if TYPE_CHECKING:
    from .events import Decision
    from .language.mentions import Analysis
    from .records import Event

app = typer.Typer(
    help="Turn German-language conflict reporting into geocoded ACLED-style events.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Manage the local gazetteer (GeoNames data).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
err = Console(stderr=True, soft_wrap=True)
# Piped output is read by programs and people alike: no folding at 80 columns.
out = Console(width=None if sys.stdout.isatty() else 200)
TABLE_ROWS = 20  # events shown after an extract into files

InputsArg = Annotated[
    list[str], typer.Argument(help="Files (.txt .md .html .jsonl .csv), folders, or - for stdin.", metavar="INPUT...")
]
PublishedOpt = Annotated[
    Optional[str],
    typer.Option("--published", metavar="DATE", help="Publication date (YYYY[-MM[-DD]]) for inputs without one."),
]
IdOpt = Annotated[
    Optional[str], typer.Option("--id", metavar="ID", help="Id of the report read from stdin (default: a hash of its text).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON lines for scripts instead of tables.")]
NoGeoOpt = Annotated[bool, typer.Option("--no-geocode", help="Skip the gazetteer (no coordinates).")]
JobsOpt = Annotated[
    Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: every core; 1: no workers).")
]
IngestJobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Extracting worker processes, beside the one that stores (default: every core).")]  # fmt: skip


def command() -> Any:
    """The command line as a click command whose help screens show values, not Python
    types: an argument shows its metavar ("INPUT..."), a flag nothing, an option its metavar."""
    root = typer.main.get_command(app)

    def no_type(param: Any) -> Any:
        param.display_type_rich = lambda ctx: None  # no "<list[str]>", no "<bool>"
        return param

    def plain(group: Any) -> None:
        for param in group.params:
            if param.param_type_name == "argument" or getattr(param, "is_flag", False):
                no_type(param)
            if param.param_type_name == "argument" and param.metavar:
                param._usage_display_name = lambda name=param.metavar: name  # "INPUT...", not "{INPUT...}..."
        made = group.get_help_option
        group.get_help_option = lambda ctx, made=made: (lambda option: option and no_type(option))(made(ctx))
        for sub in getattr(group, "commands", {}).values():
            plain(sub)

    plain(root)
    return root


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        command()(prog_name="lagebild")
    except LagebildError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # The reader of stdout (head, less) stopped reading: no error message, and none from
        # Python's own flush at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="With --version: the bundled data and its terms.")] = False,
) -> None:
    """Turn German-language conflict reporting into geocoded ACLED-style events."""
    if version:
        out.print(f"lagebild {__version__}", highlight=False)
        if verbose:
            out.print(notice(), highlight=False, markup=False)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        out.print(ctx.get_help(), highlight=False, markup=False)
        raise typer.Exit()


def notice() -> str:
    """The licence and the terms of the bundled data (the NOTICE file the package carries)."""
    from importlib import metadata

    try:
        found = [f for f in metadata.distribution("lagebild").files or () if f.name in ("NOTICE", "LICENSE")]
        texts = [f.read_text(encoding="utf-8") for f in sorted(found, key=lambda f: f.name != "NOTICE")]
    except (metadata.PackageNotFoundError, OSError):
        texts = []
    return "\n".join(t for t in texts if t) or "MIT licence; see the files LICENSE and NOTICE of the source distribution."


def _published(value: str | None) -> str | None:
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None


def _resources(no_geocode: bool):
    from .pipeline import Resources

    def tell() -> None:
        err.print("[dim]building the gazetteer (once per lagebild version, about a minute)…[/dim]", highlight=False)

    return Resources.load(geocode=not no_geocode, on_build=tell)


@app.command()
def extract(
    inputs: InputsArg,
    output: Annotated[
        Optional[list[Path]], typer.Option("-o", "--output", metavar="FILE", help="Output file(s); the suffix picks the format.")
    ] = None,
    fmt: Annotated[
        Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv, geojson or parquet (default: from -o).")
    ] = None,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table and summary.")] = False,
    doc_id: IdOpt = None,
    jobs: JobsOpt = None,
    engine: Annotated[
        str, typer.Option("--engine", metavar="ENGINE", help="local, or ray: on a Ray cluster, -o naming a folder for Parquet shards.")
    ] = "local",
    address: Annotated[Optional[str], typer.Option("--address", metavar="ADDR", help="ray: the cluster to join (default: a local Ray).")] = None,
) -> None:
    """Extract events from reports and write them as JSONL, CSV, GeoJSON or Parquet."""
    from .io.writers import FORMATS, Outputs, format_for
    from .pipeline import run

    published = _published(published)
    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"{engine!r} is not local or ray", param_hint="--engine")
    if engine == "ray":
        _extract_on_ray(inputs, output or [], fmt, published, no_geocode, jobs, address, quiet)
        return
    targets = [(path, format_for(path, fmt)) for path in (output or [])]
    stdout_format = fmt or "jsonl"
    if not targets and stdout_format not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if not targets and stdout_format == "parquet":
        raise typer.BadParameter("parquet is binary: write it to a file with -o FILE.parquet", param_hint="--format")
    # Every output is checked before the (slow) start: a typo fails at once, nothing written.
    outputs = Outputs(targets, stream=None if targets else sys.stdout, stream_format=stdout_format)
    resources = _resources(no_geocode)
    with outputs, _progress(enabled=not quiet) as progress:
        task = progress.add_task("extracting", total=None)

        def tell(item) -> None:
            if isinstance(item, InputFailure):
                progress.console.print(f"[red]failed:[/red] {item}", highlight=False)
            progress.advance(task)

        result = run(_with_stdin(inputs, published, doc_id), resources, published=published, on_document=tell,
                     write=outputs.write, keep=TABLE_ROWS, jobs=jobs)  # fmt: skip
    if result.documents == 0 and result.failures:
        # Every input failed: an output file from an earlier run stays as it was.
        err.print("[red]no input could be read; nothing written[/red]", highlight=False)
        raise typer.Exit(1)
    if not quiet:
        for path in outputs.paths:
            err.print(f"wrote {count(result.event_count, 'event')} to {path}", highlight=False)
        if targets:
            _events_table(result.events, result.event_count)
        _summary(result)
    if result.failures:
        raise typer.Exit(1)


def _with_stdin(inputs: list[str], published: str | None, doc_id: str | None) -> list:
    """The inputs, with the report on stdin read first under ``--id`` when one is given."""
    if doc_id is None:
        return inputs
    if "-" not in inputs:
        raise typer.BadParameter("names the report read from stdin; give - as an input", param_hint="--id")
    return [*read_documents(["-"], published=published, stdin_id=doc_id), *(i for i in inputs if i != "-")]


def _json_lines(rows) -> None:
    """One JSON object per line on stdout, for scripts."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def _extract_on_ray(inputs, output, fmt, published, no_geocode, jobs, address, quiet) -> None:
    if len(output) != 1 or fmt not in (None, "parquet"):
        raise typer.BadParameter("with --engine ray, give one -o: a folder for the Parquet shards", param_hint="-o")
    try:
        from .scale import extract_on_ray
    except ImportError as exc:
        err.print(f"[red]error:[/red] --engine ray needs the ray extra: pip install 'lagebild[ray]' ({exc})",
                  highlight=False)  # fmt: skip
        raise typer.Exit(2) from None
    report = extract_on_ray(inputs, str(output[0]), address=address, geocode=not no_geocode, published=published,
                            actors=jobs, progress=not quiet)  # fmt: skip
    for failure in report.failures:
        err.print(f"[red]failed:[/red] {failure}", highlight=False)
    if not quiet:
        err.print(str(report), highlight=False)
    if report.failures:
        raise typer.Exit(1)


def _progress(enabled: bool = True) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True, disable=not enabled,
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


def count(n: int, word: str) -> str:
    """ "1 event", "2 events": a number with its noun in the right form.

    >>> count(1, "document"), count(0, "event"), count(2, "input")
    ('1 document', '0 events', '2 inputs')
    """
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(result) -> None:
    by_type = ", ".join(f"{t}: {n}" for t, n in sorted(result.by_type.items())) or "none"
    err.print(
        f"{count(result.documents, 'document')} read, {count(result.event_count, 'event')} ({by_type}), "
        f"{count(len(result.failures), 'input')} failed",
        highlight=False,
    )


@app.command()
def mentions(
    inputs: InputsArg,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
) -> None:
    """Show the actors, places, numbers, dates, triggers and cues found in each report."""
    from .language.mentions import analyse

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
        from .geo import resolve_place

        place = resolve_place(mention.text, resources.gazetteer, None, near=mention.detail.near)
        return f"{place.name}, {place.admin1}, {place.country}" if place else "not found"
    return str(value)


@app.command()
def explain(
    inputs: InputsArg,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
) -> None:
    """Show for each report which triggers fired, which roles were filled and what was dropped."""
    from .pipeline import read_report

    resources = _resources(no_geocode)
    failed = False
    for item in read_documents(inputs, published=_published(published)):
        if isinstance(item, InputFailure):
            err.print(f"[red]failed:[/red] {item}", highlight=False)
            failed = True
            continue
        stories = read_report(item, resources)
        for story in stories:
            part = f" (digest item: {story.section.document.title})" if len(stories) > 1 else ""
            out.print(f"[bold]{item.id}[/bold]{part} — {len(story.analysis.sentences)} sentences, {len(story.events)} events",
                      highlight=False)  # fmt: skip
            _print_explanation(story.analysis, story.trail, story.events)
    if failed:
        raise typer.Exit(1)


def _print_explanation(analysis: Analysis, trail: list[Decision], events: list[Event]) -> None:
    for decision in trail:
        sentence = analysis.sentences[decision.sentence].text
        out.print(f"  [{decision.sentence}] {decision.by} {decision.what}: {decision.detail}  [dim]{sentence[:90]}[/dim]",
                  highlight=False)  # fmt: skip
    for e in events:
        out.print(
            f"  -> {e.event_type} / {e.sub_event_type}: {e.actor1} vs {e.actor2} at {e.location} "
            f"({e.admin1}, {e.country}, precision {e.geo_precision}) on {e.event_date}, dead {e.fatalities} "
            f"[{e.fatalities_low}..{e.fatalities_high}], {e.certainty}, {e.salience}",
            highlight=False,
        )


@app.command()
def geocode(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A place name in any spelling, e.g. 'Dschisr asch-Schughur'.")],
    country: Annotated[Optional[list[str]], typer.Option("--country", "-c", metavar="ISO2", help="Context country (ISO2).")] = None,
) -> None:
    """Show the gazetteer's candidates for a place name and the one lagebild chooses."""
    from .geo import Gazetteer, GeoContext, explain_geocode

    gazetteer = Gazetteer.open()
    candidates, choice = explain_geocode(name, gazetteer, GeoContext(countries=list(country or []), admin1=[]))
    table = Table(title=f"candidates for {name!r}", title_justify="left")
    for column in ("geonameid", "name", "feature", "country", "admin1", "admin2", "population", "lat", "lon", "origin"):
        table.add_column(column)
    for c in candidates[:25]:
        table.add_row(str(c.geonameid), c.name, f"{c.feature_class}.{c.feature_code}", c.country_code or "",
                      c.admin1 or "", c.admin2 or "", str(c.population or ""), f"{c.latitude:.4f}", f"{c.longitude:.4f}",
                      c.origin)  # fmt: skip
    out.print(table)
    if choice is None:
        out.print("choice: none")
        raise typer.Exit(1)
    out.print(
        f"choice: {choice.name} ({', '.join(filter(None, (choice.admin2, choice.admin1, choice.country)))}) "
        f"{choice.latitude}, {choice.longitude} "
        f"geo_precision {choice.geo_precision}" + (f" — {choice.note}" if choice.note else ""),
        highlight=False,
    )


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="GeoNames dump files (.txt or .zip).")],
) -> None:
    """Load GeoNames dump files into the local gazetteer; imported data takes precedence."""
    from .geo import Gazetteer, import_geonames

    gazetteer = Gazetteer.open()
    with _progress() as progress:
        task = progress.add_task("importing", total=None)
        report = import_geonames(gazetteer, files, progress=lambda n: progress.advance(task, n))
    out.print(str(report))


# -- the event store: ingest, events, show, export, stats ------------------------------

DbOpt = Annotated[
    Optional[Path], typer.Option("--db", metavar="PATH", help="The event store (default: $LAGEBILD_HOME/lagebild.db).")
]


def _day(value: str | None, option: str):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint=option) from None


def _event_filter(country, admin1, since, until, event_type, actor, min_sources, limit):
    from .store.store import EventFilter

    first, last = _day(since, "--since"), _day(until, "--until")
    if first and last and first > last:
        raise typer.BadParameter(f"{since} is after --until {until}", param_hint="--since")
    return EventFilter(country=country, admin1=admin1, since=first, until=last, event_type=event_type, actor=actor,
                       min_sources=min_sources, limit=limit)  # fmt: skip


_FILTER_OPTIONS = {"event_type": "--type", "country": "--country"}


def _filtered(store, event_filter):
    """The store's events for the filter; an unknown type or country is a usage error."""
    from .store.store import FilterError

    try:
        return store.events(event_filter)
    except FilterError as exc:
        raise typer.BadParameter(str(exc), param_hint=_FILTER_OPTIONS.get(exc.field, exc.field)) from None


def _admin1_note(store, event_filter, found) -> None:
    """Say so when --admin1 names an area no stored event lies in (0 events is no error)."""
    import difflib

    if found or not event_filter.admin1 or store.admin1_names(event_filter.admin1):
        return
    known = store.admin1_names()
    close = difflib.get_close_matches(event_filter.admin1, known, n=3, cutoff=0.6)
    hint = f"; similar: {', '.join(close)}" if close else ""
    areas = f"{len(known)} admin1 area{'' if len(known) == 1 else 's'} stored"
    err.print(f"note: no stored event lies in an admin1 area spelled like {event_filter.admin1!r} ({areas}{hint})",
              highlight=False)  # fmt: skip


CountryOpt = Annotated[
    Optional[str], typer.Option("--country", metavar="COUNTRY", help="Country: ISO2 or ISO3 code, or English or German name.")
]
Admin1Opt = Annotated[
    Optional[str], typer.Option("--admin1", metavar="AREA", help="First-level admin area in any spelling (Idlib finds Idleb).")
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", metavar="DAY", help="Events on or after this day (YYYY-MM-DD).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", metavar="DAY", help="Events on or before this day (YYYY-MM-DD).")]
TypeOpt = Annotated[
    Optional[str], typer.Option("--type", metavar="TYPE", help="ACLED event type or sub-event type, e.g. Battles or 'Air/drone strike'.")
]
ActorOpt = Annotated[Optional[str], typer.Option("--actor", metavar="NAME", help="Part of an actor's name.")]
# SQLite's integers end at 2^63 - 1: a larger bound is a usage error, not an overflow.
MAX_INTEGER = 2**63 - 1
MinSourcesOpt = Annotated[
    int, typer.Option("--min-sources", metavar="N", min=1, max=MAX_INTEGER, help="Only events told by at least this many reports.")
]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", metavar="N", min=0, max=MAX_INTEGER, help="At most this many events.")]


@app.command()
def ingest(
    inputs: InputsArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
    no_geocode: NoGeoOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and summary.")] = False,
    doc_id: IdOpt = None,
    jobs: IngestJobsOpt = None,
) -> None:
    """Extract reports and store their events, merged with what the store already knows."""
    from .store.store import EventStore

    published = _published(published)
    inputs = _with_stdin(inputs, published, doc_id)
    resources = _resources(no_geocode)
    with EventStore.open(db) as store:
        if quiet:
            report = store.ingest(inputs, resources, published=published, jobs=jobs)
        else:
            with _progress() as progress:
                task = progress.add_task("ingesting", total=None)
                report = store.ingest(inputs, resources, published=published, jobs=jobs,
                                      on_document=lambda _: progress.advance(task))  # fmt: skip
        for failure in report.failures:
            err.print(f"[red]failed:[/red] {failure}", highlight=False)
        if not quiet:
            err.print(f"{_ingest_summary(report)} ({report.seconds:.1f} s) -> {store.path}", highlight=False)
    if report.failures:
        raise typer.Exit(1)


def _ingest_summary(report) -> str:
    return (f"{count(report.documents, 'document')}: {report.added} added, {report.replaced} replaced, "
            f"{report.unchanged} unchanged, {count(report.duplicates, 'duplicate')}; "
            f"{count(report.events, 'event')} stored, {report.merged} merged into known events; "
            f"{count(len(report.failures), 'input')} failed")  # fmt: skip


@app.command()
def events(
    db: DbOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    event_type: TypeOpt = None,
    actor: ActorOpt = None,
    min_sources: MinSourcesOpt = 1,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the stored events (each real event once) with the number of reports behind it."""
    from .store.store import EventStore

    event_filter = _event_filter(country, admin1, since, until, event_type, actor, min_sources, limit)
    with EventStore.open(db, create=False) as store:
        found = _filtered(store, event_filter)
        _admin1_note(store, event_filter, found)
    if as_json:
        _json_lines({"event_id": s.event_id, "n_sources": s.n_sources, "merge_reasons": s.merge_reasons,
                     **s.event.to_dict()} for s in found)  # fmt: skip
        return
    table = Table(title=count(len(found), "event"), title_justify="left")
    for column in ("id", "date", "type", "actor1", "actor2", "location", "admin1", "country", "dead", "sources"):
        table.add_column(column, overflow="fold")
    for s in found:
        e = s.event
        table.add_row(s.event_id, e.event_date or "", e.sub_event_type, e.actor1 or "", e.actor2 or "",
                      e.location or "", e.admin1 or "", e.country or "", "" if e.fatalities is None else str(e.fatalities),
                      str(s.n_sources))  # fmt: skip
    out.print(table)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", help="A canonical event id, as 'lagebild events' lists it.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one stored event: every report behind it, its evidence, and why they were merged."""
    from .store.store import EventStore

    with EventStore.open(db, create=False) as store:
        stored = store.event(event_id)
        if stored is None:
            err.print(f"[red]error:[/red] no event {event_id!r} in {store.path}; 'lagebild events' lists them",
                      highlight=False)  # fmt: skip
            raise typer.Exit(1)
        reports = store.reports(stored.event_id)
    if as_json:
        _json_lines([{"event_id": stored.event_id, "n_sources": stored.n_sources, "merge_reasons": stored.merge_reasons,
                      "event": stored.event.to_dict(), "reports": [_report_dict(r) for r in reports]}])  # fmt: skip
        return
    e = stored.event
    high = "open" if e.fatalities_high is None else e.fatalities_high
    dead = "unknown" if e.fatalities is None else f"{e.fatalities} [{e.fatalities_low}..{high}]"
    out.print(f"[bold]{stored.event_id}[/bold] {e.event_date or 'undated'} {e.event_type} / {e.sub_event_type}: "
              f"{e.actor1 or '?'} vs {e.actor2 or '-'} at {e.location} ({e.admin1}, {e.country}); dead {dead}; "
              f"{stored.n_sources} sources: {e.source}", highlight=False)  # fmt: skip
    for number, r in enumerate(reports, start=1):
        out.print(f"\n[bold]report {number}[/bold]: {r.doc_id} — {r.title or '(untitled)'}", highlight=False)
        out.print(f"  outlet {r.outlet or 'unknown'}, published {r.published or 'unknown'}, url {r.url or '-'}",
                  highlight=False)  # fmt: skip
        m = r.event
        out.print(f"  tells: {m.event_date} {m.sub_event_type} at {m.location}, dead {m.fatalities}", highlight=False)
        if r.evidence is not None:
            out.print(f"  evidence: {r.evidence.sentence.text}", highlight=False, soft_wrap=True)
            for role in ("trigger", "actor1", "actor2", "location", "date", "fatalities", "source"):
                span = getattr(r.evidence, role)
                if span is not None:
                    out.print(f"    {role}: {span.text!r} [{span.start}:{span.end}]", highlight=False)
    out.print("\n[bold]why merged[/bold]:" if stored.merge_reasons else "\nonly one report", highlight=False)
    for reason in stored.merge_reasons:
        out.print(f"  - {reason}", highlight=False, soft_wrap=True)


def _report_dict(report) -> dict:
    from dataclasses import asdict

    return {"doc_id": report.doc_id, "title": report.title, "outlet": report.outlet, "url": report.url,
            "published": report.published, "evidence": asdict(report.evidence) if report.evidence else None,
            "event": report.event.to_dict()}  # fmt: skip


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help="The file to write.")],
    fmt: Annotated[
        Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="csv, jsonl, geojson or parquet (default: from -o).")
    ] = None,
    db: DbOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    event_type: TypeOpt = None,
    actor: ActorOpt = None,
    min_sources: MinSourcesOpt = 1,
    limit: LimitOpt = None,
) -> None:
    """Export the stored events (with the same filters as 'events') as CSV, JSONL, GeoJSON or Parquet."""
    from .io.writers import format_for
    from .store.store import EventStore, export_events

    event_filter = _event_filter(country, admin1, since, until, event_type, actor, min_sources, limit)
    target_format = format_for(output, fmt)
    with EventStore.open(db, create=False) as store:
        found = _filtered(store, event_filter)
        _admin1_note(store, event_filter, found)
        written = export_events(found, output, target_format)
    err.print(f"wrote {count(written, 'event')} to {output}", highlight=False)


@app.command()
def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Summarise the store: documents, events, sources per event, events by country, type and month."""
    from .store.store import EventStore

    with EventStore.open(db, create=False) as store:
        summary = store.stats()
        path = store.path
    if as_json:
        _json_lines([{"path": str(path), **summary}])
        return
    out.print(f"{path}: {count(summary['documents'], 'document')}, {count(summary['members'], 'event report')}, "
              f"{count(summary['events'], 'event')}", highlight=False)  # fmt: skip
    for title, key, column in (("sources per event", "sources_per_event", "reports"), ("by country", "by_country", "country"),
                               ("by type", "by_type", "type"), ("by month", "by_month", "month")):  # fmt: skip
        table = Table(title=title, title_justify="left")
        table.add_column(column)
        table.add_column("events", justify="right")
        for name, number in summary[key].items():
            table.add_row(str(name), str(number))
        out.print(table)


@app.command()
def merge(
    source: Annotated[str, typer.Argument(metavar="INPUT_PARQUET_DIR", help="The folder 'lagebild extract --engine ray' wrote (a path or URI).")],
    output: Annotated[str, typer.Option("-o", "--output", metavar="OUT_DIR", help="A new folder for the merged events (Parquet by country and year).")],
    engine: Annotated[str, typer.Option("--engine", metavar="ENGINE", help="local (this process) or ray (a Ray cluster).")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", metavar="ADDR", help="ray: the cluster to join (default: a local Ray).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="ray: merge tasks at once (default: the cluster's CPUs).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and summary.")] = False,
) -> None:
    """Merge extracted events across reports, as the store does, into Parquet partitioned by country and year."""
    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"{engine!r} is not local or ray", param_hint="--engine")
    try:
        from .merge import merge as merge_events
        if engine == "ray":
            import ray  # noqa: F401
    except ImportError as exc:
        err.print(f"[red]error:[/red] --engine ray needs the ray extra: pip install 'lagebild[ray]' ({exc})", highlight=False)
        raise typer.Exit(2) from None
    report = merge_events(source, output, engine=engine, address=address, workers=jobs, progress=not quiet)
    if not quiet:
        err.print(str(report), highlight=False)


@app.command()
def serve(
    db: Annotated[
        Optional[Path], typer.Option("--db", metavar="PATH", help="The event store (default: $LAGEBILD_HOME/lagebild.db).")
    ] = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on (loopback unless you say otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535, help="TCP port to listen on (0: any free one).")] = 8000,
    parquet: Annotated[
        Optional[str], typer.Option("--parquet", metavar="DIR", help="Serve the folder 'lagebild merge' wrote instead of a store (read-only).")
    ] = None,
) -> None:
    """Serve the event store: a JSON API (/api/..., schema at /openapi.json) and a map page at /."""
    try:
        from .web.server import serve as serve_store
    except ImportError as exc:
        err.print(f"[red]error:[/red] lagebild serve needs the server extra: pip install {escape(repr('lagebild[server]'))} "
                  f"({escape(str(exc))})", highlight=False)  # fmt: skip
        raise typer.Exit(2) from None
    if parquet is not None and db is not None:
        raise typer.BadParameter("serves either a store (--db) or a merged folder (--parquet), not both", param_hint="--parquet")
    if parquet is not None:
        from .web.server import serve_parquet

        serve_parquet(parquet, host=host, port=port)
        return
    serve_store(db, host=host, port=port)

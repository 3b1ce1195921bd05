"""Loading lagebild's lexicons and matching them against tokens.

Reads: the data files under ``lagebild/data`` (or a folder given by the caller):
``countries.tsv``, ``actors.tsv``, ``actor_descriptions.tsv``, ``triggers.toml``,
``cues.tsv``, ``sources.tsv``. Writes: a ``Lexicon`` holding typed entries and one
Aho-Corasick automaton over the inflection-free forms of every name, description, source
and cue phrase, so a text is scanned once however large the lexicon.

Actors of every country (state forces, police, civilians, protesters, rioters, unidentified
armed groups) are generated from ``countries.tsv`` with German adjective forms
("die sudanesische Armee", "ukrainische Streitkräfte", "israelische Luftwaffe").
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, compress, count, repeat
from operator import add, attrgetter, is_
from pathlib import Path
from typing import TypeVar

import ahocorasick

from ..errors import DataFileError
from ..records import quick_init
from .lemmas import lemma as _lemma
from .normalize import ARABIC_ARTICLES, name_key
from .text import _TOKEN, Token, match_form
from .wordlists import word_set

__all__ = ["Actor", "ACTOR_TYPES", "Country", "Description", "Lexicon", "NameMatch", "Trigger"]

log = logging.getLogger(__name__)

# ACLED's actor types and the text it writes into inter1/inter2.
ACTOR_TYPES = {
    "state": "State forces",
    "rebel": "Rebel group",
    "political_militia": "Political militia",
    "identity_militia": "Identity militia",
    "rioters": "Rioters",
    "protesters": "Protesters",
    "civilians": "Civilians",
    "external": "External/Other forces",
}
_STATE_NOUNS = (
    "armee", "streitkräfte", "truppen", "soldaten", "luftwaffe", "kampfjets", "kampfflugzeuge",
    "militär", "marine", "drohnen", "artillerie", "einheiten", "panzer", "luftangriffe",
    "angriffe", "raketenangriffe", "drohnenangriffe", "bodentruppen", "spezialkräfte",
    "regierungstruppen", "regierungskräfte", "armeeeinheiten", "kriegsschiffe", "flugzeuge",
    "kampfhubschrauber", "hubschrauber", "marschflugkörper", "raketen", "sicherheitskräfte",
    "militärs", "armeesoldaten", "besatzungstruppen", "invasionstruppen", "besatzer", "angreifer",
)  # fmt: skip
_POLICE_NOUNS = ("polizei", "polizisten", "polizeikräfte", "bereitschaftspolizei", "grenzpolizei")
_CIVILIAN_NOUNS = ("zivilisten", "zivilbevölkerung", "bürger", "staatsbürger")


@dataclass(slots=True, frozen=True)
class Country:
    iso2: str
    iso3: str
    iso_numeric: int
    name: str
    name_de: str
    region: str
    names_de_other: tuple[str, ...] = ()  # "Russlands", "Großbritannien", "Vereinigte Staaten"


@dataclass(slots=True, frozen=True)
class Actor:
    id: str
    name: str
    type: str  # a key of ACTOR_TYPES
    country: str | None  # ISO 3166-1 alpha-2; None for transnational actors
    # What German news calls its members, from its hyphenated names ("Huthi-Rebellen" -> "rebellen"):
    # "die Rebellen" can refer back to it whatever ACLED's type for it is.
    called: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class Description:
    """A German description ("die Terrormiliz", "Regimetruppen") that names no actor itself."""

    pattern: str
    role: str
    resolves_to: str  # coref | country_state | country_civilians | ... | an actor id
    compatible_types: tuple[str, ...] = ()
    country: str | None = None  # "country_state@SY": the state forces of Syria
    fallback: str | None = None  # what a coref description means when no antecedent fits


@dataclass(slots=True, frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    priority: int
    territory: bool = False
    generic: bool = False  # "Angriff", "Anschlag": an attack of no stated kind


# A phrase trigger: its lemmas, the trigger, and whether it is a separable verb whose
# particle must close its clause.
PhraseTrigger = tuple[tuple[str, ...], Trigger, bool]


@quick_init
@dataclass(slots=True, frozen=True)
class NameMatch:
    """A lexicon phrase found in the tokens: tokens[first:last + 1]."""

    first: int
    last: int
    kind: str  # actor | description | source | cue
    value: object


_text_of = attrgetter("text")
T = TypeVar("T")
_UNKNOWN = object()  # a word not yet answered for


def _per_word(known: dict[str, T], words: Sequence[str], answer: Callable[[str], T]) -> list[T]:
    """``answer(word)`` of each word, kept in ``known``: the words of news repeat, and a report
    has thousands of them, so the known answers are read without a line of Python per word."""
    found = list(map(known.get, words, repeat(_UNKNOWN)))
    for k in compress(count(), map(is_, found, repeat(_UNKNOWN))):
        if len(known) > 200_000:  # a huge input's vocabulary: start afresh
            known.clear()
        found[k] = known[words[k]] = answer(words[k])
    return found


@dataclass
class Lexicon:
    countries: dict[str, Country]
    actors: dict[str, Actor]
    descriptions: dict[str, Description]
    sources: dict[str, str]
    triggers: dict[str, Trigger]
    # (lemmas, trigger, separable): a separable verb's particle must close its clause.
    phrase_triggers: list[tuple[tuple[str, ...], Trigger, bool]]
    compound_modifiers: dict[str, Trigger]
    compound_heads: tuple[str, ...]
    disorder_types: dict[str, str]
    taxonomy: dict[str, tuple[str, ...]]
    # trigger lemmas that are nouns only: "das Abkommen", never "von der Straße abgekommen"
    noun_triggers: frozenset[str] = frozenset()
    _automaton: ahocorasick.Automaton = field(repr=False, default=None)
    _country_by_adjective: dict[str, str] = field(repr=False, default_factory=dict)
    _trigger_of_word: dict[str, Trigger | None] = field(repr=False, default_factory=dict)
    _country_names: dict[str, str] | None = field(repr=False, default=None)
    # name_key of multi-word actor names -> actor id: spellings the lexicon does not list
    # ("Hayet Tahrir esch-Scham", "Dschabhat an-Nusra") still find their actor.
    _actor_keys: dict[str, str] = field(repr=False, default_factory=dict)
    _actor_key_starts: frozenset[str] = field(repr=False, default=frozenset())
    _actor_key_openers: dict[str, bool] = field(repr=False, default_factory=dict)
    _phrases_by_first: dict[str, list[PhraseTrigger]] | None = field(init=False, repr=False, default=None)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Lexicon:
        """Load every lexicon file from ``data_dir`` (default: the bundled data)."""
        root = Path(data_dir) if data_dir else Path(str(resources.files("lagebild") / "data"))
        return _build(root)

    # -- matching ---------------------------------------------------------------------

    def match(self, tokens: Sequence[Token]) -> list[NameMatch]:
        """All lexicon phrases in ``tokens``; of overlapping names the longest wins."""
        forms = list(map(match_form, map(_text_of, tokens)))  # match_form is cached: no Python call per token
        haystack = " " + " ".join(forms) + " "
        # where each token's form begins in the haystack -> the token's index: after the forms
        # before it and a space for each of them and one more
        index_of = dict(zip(map(add, accumulate(map(len, forms), initial=0), count(1)), range(len(forms))))
        found: list[NameMatch] = []
        for end, (length, payloads) in self._automaton.iter(haystack):
            first = index_of.get(end - length + 2)
            if first is None:
                continue
            last = first + payloads[0][0] - 1
            if tokens[first].sentence != tokens[last].sentence:
                continue
            for _, kind, value in payloads:
                if kind == "cue" and _false_friend(tokens, first, last):
                    continue
                found.append(NameMatch(first, last, kind, value))
        found.extend(self._spelled_otherwise(tokens, found))
        return _longest_names(found)

    def _spelled_otherwise(self, tokens: Sequence[Token], found: list[NameMatch]) -> list[NameMatch]:
        """Multi-word actor names in a spelling no alias lists, found by their name_key."""
        if not self._actor_keys:
            return []
        covered = {i for m in found if m.kind != "cue" and m.last > m.first for i in range(m.first, m.last + 1)}
        extra: list[NameMatch] = []
        n = len(tokens)
        after = 0  # tokens before this one are inside a name found
        # a name starts with a capital, and with a word a listed name's key begins with
        opens = _per_word(self._actor_key_openers, list(map(_text_of, tokens)), self._opens_actor_key)
        for i in compress(count(), opens):
            if i < after or i in covered:
                continue
            words, hit = [], None
            for j in range(i, min(n, i + 7)):
                if tokens[j].sentence != tokens[i].sentence or j in covered:
                    break
                text = tokens[j].text
                if text == "-":
                    continue
                if not text[:1].isalpha():
                    break
                words.append(text)
                if len(words) >= 2 and text[:1].isupper():
                    actor = self._actor_keys.get(_span_key(" ".join(words)))
                    if actor is not None:
                        hit = NameMatch(i, j, "actor", actor)
            if hit is not None:
                extra.append(hit)
                after = hit.last + 1
        return extra

    def _opens_actor_key(self, word: str) -> bool:
        """Whether a listed multi-word actor name's key may begin with ``word``: a capitalised
        word (an Arabic article may begin any)."""
        return word[:1].isupper() and (word.lower() in ARABIC_ARTICLES or _span_key(word) in self._actor_key_starts)

    def trigger(self, word: str) -> Trigger | None:
        """The trigger a single word stands for, by its lemma or as a compound."""
        return self.word_triggers((word,))[0]

    def word_triggers(self, words: Sequence[str]) -> list[Trigger | None]:
        """``trigger(word)`` of each word; a word that opens with no letter stands for none."""
        return _per_word(self._trigger_of_word, words, self._word_trigger)

    def _word_trigger(self, word: str) -> Trigger | None:
        return self._find_trigger(word) if word[:1].isalpha() else None

    def _find_trigger(self, word: str) -> Trigger | None:
        lower = word.lower()
        if word[:1].isupper():
            noun, verb = _lemma(word), _lemma(lower)
            if noun != verb and verb.endswith(("en", "ern", "eln")) and noun not in self.triggers:
                return None  # "die Räume" are rooms (Raum), not a form of "räumen"
        hit = self.triggers.get(lower)
        lemma = _lemma(lower)
        if not word[:1].isupper() and (lower in self.noun_triggers or lemma in self.noun_triggers):
            return None
        if hit:
            return hit
        hit = self.triggers.get(lemma)
        if hit is None and lower.endswith("iert"):  # "bombardiert", "attackiert": simplemma keeps them
            hit = self.triggers.get(lower[:-4] + "ieren")
        if hit is None and word[:1].isupper():
            # A noun lemmatises as a noun only with its capital: "Bomben" is "Bombe", "bomben" a verb.
            noun = _lemma(word)
            hit, lemma = self.triggers.get(noun), noun if len(noun) >= len(lemma) else lemma
        if hit or len(lemma) < 8:
            return hit
        # ("Kamikazedrohnen", which simplemma does not know: the head in the plural)
        for form in (lemma, *(lemma[: -len(e)] for e in ("en", "n") if lemma.endswith(e))):
            for head in self.compound_heads:
                if form.endswith(head) and len(form) > len(head) + 2:
                    modifier = form[: -len(head)]
                    for cut in (modifier, modifier.rstrip("s"), modifier.rstrip("n")):
                        if cut in self.compound_modifiers:
                            return self.compound_modifiers[cut]
                    head_hit = self.triggers.get(_lemma(head))
                    if head_hit:
                        return head_hit
        for modifier, hit in self.compound_modifiers.items():
            if lemma.startswith(modifier) and lemma in self.triggers:
                return hit
        return None

    def phrases_by_first(self) -> dict[str, list[PhraseTrigger]]:
        """The phrase triggers by the lemma of their first word, in lexicon order."""
        if self._phrases_by_first is None:
            by_first: dict[str, list[PhraseTrigger]] = {}
            for words, trigger, separable in self.phrase_triggers:
                by_first.setdefault(words[0], []).append((words, trigger, separable))
            self._phrases_by_first = by_first
        return self._phrases_by_first

    def lemma(self, word: str) -> str:
        return _lemma(word.lower())

    def country_of_name(self, name: str, *, words: int = 1) -> str | None:
        """The ISO code of a German country name of at most ``words`` words ("Russland",
        "Israels", "USA"; with ``words=4`` also "Demokratische Republik Kongo")."""
        if self._country_names is None:
            self._country_names = {form.lower(): c.iso2 for c in self.countries.values()
                                   for form in (c.name_de, *c.names_de_other)}  # fmt: skip
        name = " ".join(name.split())
        return self._country_names.get(name.lower()) if name.count(" ") < words else None

    def country_of_adjective(self, word: str) -> str | None:
        return self._country_by_adjective.get(match_form(word))


def _false_friend(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether a cue met a word that only shares its form ("auf der anderen Seite der Grenze"
    is not "seit der"; "Auf Seiten der Armee" neither)."""
    friends = word_set("cue_false_friends")
    return any(tokens[k].text.lower() in friends for k in range(first, last + 1))


@lru_cache(maxsize=131_072)
def _span_key(text: str) -> str:
    return name_key(text)


def _distinctive_key(name: str) -> str | None:
    """The name_key of a name of two or more words, if long enough not to meet other names."""
    key = name_key(name)
    # a name opened by an abbreviation of one consonant ("UN-Soldaten" -> "n sldtn") would meet
    # any word with that skeleton ("Neun Soldaten")
    short = len(key.split(" ")[0]) < 2
    return key if key.count(" ") >= 1 and len(key.replace(" ", "")) >= 6 and not short else None


def _longest_names(found: list[NameMatch]) -> list[NameMatch]:
    """Drop names inside longer names; cues are kept alongside names."""
    names = sorted((m for m in found if m.kind != "cue"), key=lambda m: (m.first, -(m.last - m.first)))
    kept: list[NameMatch] = []
    covered_until = -1
    group_first, group_last = -1, -1
    for m in names:
        if m.first == group_first and m.last == group_last:
            kept.append(m)  # the same phrase, several readings
            continue
        if m.first <= covered_until and m.last <= covered_until:
            continue
        kept.append(m)
        group_first, group_last = m.first, m.last
        covered_until = max(covered_until, m.last)
    kept.extend(m for m in found if m.kind == "cue")
    return sorted(kept, key=lambda m: (m.first, m.last))


# -- loading ------------------------------------------------------------------------


def _read_tsv(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.exists():
        log.warning("lexicon file %s is missing; its entries are not used", path)
        return
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#") and line.strip()]
    if not lines:
        return
    header = lines[0][1].rstrip("\r\n").split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(f"{path}:{lines[0][0]}: missing columns {', '.join(missing)}")
    for number, line in lines[1:]:
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) > len(header):
            raise DataFileError(f"{path}:{number}: {len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, (c.strip() for c in cells)))


_ALIAS_OF = re.compile(r"alias_of:country_state@([A-Z]{2})")
_FALLBACK = re.compile(r"fallback:(\S+?)(?:[;,\s]|$)")
_ACRONYM_PREFIX = re.compile(r"^[A-Z0-9][A-Za-z0-9\-]*: ")


_FULL_NAME_SUFFIX = re.compile(r"^(?!Military |Police )([^:]+?) - .+$")


def _display_name(name: str) -> str:
    """ACLED writes some actors as "HTS: Hayat Tahrir al Sham" or "Boko Haram - Jamaatu Ahli
    is-Sunnah lid-Dawati wal-Jihad"; the name is the one news and analysts use.

    >>> _display_name("HTS: Hayat Tahrir al Sham"), _display_name("Boko Haram - Jamaatu Ahli is-Sunnah")
    ('Hayat Tahrir al Sham', 'Boko Haram')
    """
    return _FULL_NAME_SUFFIX.sub(r"\1", _ACRONYM_PREFIX.sub("", name))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@cache
def _build(root: Path) -> Lexicon:
    patterns: dict[str, list[tuple[int, str, object]]] = defaultdict(list)

    def add(phrase: str, kind: str, value: object) -> None:
        words = _phrase_words(phrase)
        if not words:
            return
        key = " " + " ".join(map(match_form, words)) + " "
        entry = (len(words), kind, value)
        if entry not in patterns[key]:
            patterns[key].append(entry)

    countries = _load_countries(root / "countries.tsv")
    actors: dict[str, Actor] = {}
    actor_keys: dict[str, set[str]] = {}
    adjectives: dict[str, str] = {}
    for country in countries.values():
        for actor, aliases in _country_actors(country, root):
            actors[actor.id] = actor
            for alias in aliases:
                add(alias, "actor", actor.id)
    for number, row in _read_tsv(root / "countries.tsv", ["iso2"]):
        for stem in _split(row.get("adjective_de", "")):
            for ending in ("e", "en", "er", "es", "em"):
                adjectives[match_form(stem + ending)] = row["iso2"]
    for number, row in _read_tsv(root / "actors.tsv", ["id", "name", "type", "country", "aliases"]):
        if row["type"] not in ACTOR_TYPES:
            raise DataFileError(f"{root / 'actors.tsv'}:{number}: unknown actor type {row['type']!r}")
        country = None if row["country"] in ("", "XX") else row["country"]
        alias_of = _ALIAS_OF.search(row.get("notes", ""))
        if alias_of:
            # More names for a generated actor (IDF, FARDC, Tatmadaw): no actor of their own.
            actor = actors[f"state:{alias_of.group(1)}"]
        else:
            called = tuple(sorted({alias.rsplit("-", 1)[1].lower() for alias in _split(row["aliases"]) if "-" in alias}))
            actor = Actor(row["id"], _display_name(row["name"]), row["type"], country, called)
            actors[actor.id] = actor
        for alias in [row["name"], *_split(row["aliases"])]:
            add(alias, "actor", actor.id)
            if key := _distinctive_key(_display_name(alias)):
                actor_keys.setdefault(key, set()).add(actor.id)
        periods: dict[str, Actor] = {}
        for former in _split(row.get("former_names", "")):
            # A report that says "al-Nusra-Front" is about the group under that name; the
            # names of one period are one actor, called by the first of them.
            name, _, period = (part.strip() for part in former.partition("@"))
            if period not in periods:
                periods[period] = Actor(f"{actor.id}@{len(periods)}", name, actor.type, actor.country, actor.called)
                actors[periods[period].id] = periods[period]
            add(name, "actor", periods[period].id)
            if key := _distinctive_key(name):
                actor_keys.setdefault(key, set()).add(periods[period].id)
    descriptions: dict[str, Description] = {}
    for number, row in _read_tsv(root / "actor_descriptions.tsv", ["pattern", "role", "resolves_to"]):
        target, _, country = row["resolves_to"].partition("@")
        fallback = _FALLBACK.search(row.get("notes", ""))
        description = Description(
            row["pattern"], row["role"], target, tuple(_split(row.get("compatible_types", ""))), country or None,
            fallback.group(1) if fallback else None,
        )
        descriptions[description.pattern] = description
        add(description.pattern, "description", description)
    sources: dict[str, str] = {}
    for _, row in _read_tsv(root / "sources.tsv", ["name", "forms"]):
        for form in _split(row["forms"]):
            sources[form] = row["name"]
            add(form, "source", row["name"])
    for _, row in _read_tsv(root / "cues.tsv", ["label", "phrase"]):
        add(row["phrase"], "cue", row["label"])

    automaton = ahocorasick.Automaton()
    for key, entries in patterns.items():
        automaton.add_word(key, (len(key), entries))
    automaton.make_automaton()

    triggers, nouns, phrases, modifiers, heads, disorder, taxonomy = _load_triggers(root / "triggers.toml")
    return Lexicon(
        countries=countries,
        actors=actors,
        descriptions=descriptions,
        sources=sources,
        triggers=triggers,
        phrase_triggers=phrases,
        compound_modifiers=modifiers,
        compound_heads=heads,
        disorder_types=disorder,
        taxonomy=taxonomy,
        noun_triggers=nouns,
        _automaton=automaton,
        _country_by_adjective=adjectives,
        _actor_keys={key: next(iter(ids)) for key, ids in actor_keys.items() if len(ids) == 1},
        _actor_key_starts=frozenset(key.split(" ")[0] for key in actor_keys),
    )


def _phrase_words(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


def _load_countries(path: Path) -> dict[str, Country]:
    countries = {}
    for number, row in _read_tsv(path, ["iso2", "iso3", "name", "name_de", "region"]):
        try:
            numeric = int(row.get("iso_numeric") or 0)
        except ValueError:
            raise DataFileError(f"{path}:{number}: iso_numeric is not a number") from None
        countries[row["iso2"]] = Country(row["iso2"], row["iso3"], numeric, row["name"], row["name_de"], row["region"],
                                         tuple(_split(row.get("names_de_other", ""))))
    return countries


_TAKES_THE = re.compile(r"(United |Democratic Republic|Republic of|Central African|Czech Republic|Dominican Republic"
                        r"|Philippines|Netherlands|Bahamas|Comoros|Maldives|Marshall Islands|Solomon Islands)")


def _country_actors(country: Country, root: Path) -> Iterator[tuple[Actor, list[str]]]:
    stems: list[str] = []
    for _, row in _read_tsv_cached(root / "countries.tsv"):
        if row["iso2"] == country.iso2:
            stems = _split(row.get("adjective_de", ""))
            break
    name, iso = country.name, country.iso2
    # ACLED writes "Military Forces of the United States", "... of the Democratic Republic of Congo".
    of = f"the {name}" if _TAKES_THE.match(name) else name

    def forms(nouns: Sequence[str]) -> list[str]:
        return [f"{stem}e {noun}" for stem in stems for noun in nouns]

    yield Actor(f"state:{iso}", f"Military Forces of {of}", "state", iso), [
        f"Military Forces of {of}", f"Military Forces of {name}", f"Armee {country.name_de}s", *forms(_STATE_NOUNS)
    ]
    yield Actor(f"police:{iso}", f"Police Forces of {of}", "state", iso), [
        f"Police Forces of {of}", f"Police Forces of {name}", *forms(_POLICE_NOUNS)
    ]
    yield Actor(f"civilians:{iso}", f"Civilians ({name})", "civilians", iso), forms(_CIVILIAN_NOUNS)
    yield Actor(f"protesters:{iso}", f"Protesters ({name})", "protesters", iso), forms(("demonstranten",))
    yield Actor(f"rioters:{iso}", f"Rioters ({name})", "rioters", iso), []
    yield Actor(f"unidentified:{iso}", f"Unidentified Armed Group ({name})", "political_militia", iso), []


@cache
def _read_tsv_cached(path: Path) -> tuple[tuple[int, dict[str, str]], ...]:
    return tuple(_read_tsv(path, ["iso2"]))


def _load_triggers(path: Path):
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: {exc}") from None
    taxonomy = {k: tuple(v) for k, v in data["taxonomy"].items()}
    type_of = {sub: event_type for event_type, subs in taxonomy.items() for sub in subs}
    triggers: dict[str, Trigger] = {}
    phrases: list[tuple[tuple[str, ...], Trigger, bool]] = []
    modifiers: dict[str, Trigger] = {}
    nouns: set[str] = set()
    for entry in data["trigger"]:
        sub = entry["sub_event_type"]
        if sub not in type_of:
            raise DataFileError(f"{path}: unknown sub_event_type {sub!r}")
        trigger = Trigger(
            type_of[sub], sub, int(entry["priority"]), bool(entry.get("territory")), bool(entry.get("generic"))
        )
        nouns.update(noun.lower() for noun in entry.get("nouns", []))
        for lemma in [*entry.get("lemmas", []), *entry.get("nouns", [])]:
            key = lemma.lower()
            if key not in triggers or triggers[key].priority < trigger.priority:
                triggers[key] = trigger
        for phrase in entry.get("phrases", []):
            phrases.append((tuple(w.lower() for w in phrase), trigger, False))
        for phrase in entry.get("separable", []):
            phrases.append((tuple(w.lower() for w in phrase), trigger, True))
        for modifier in entry.get("compound_modifiers", []):
            modifiers.setdefault(modifier.lower(), trigger)
    heads = tuple(sorted(data["compounds"]["heads"], key=len, reverse=True))
    return triggers, frozenset(nouns), phrases, modifiers, heads, dict(data["disorder_type"]), taxonomy

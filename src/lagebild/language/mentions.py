"""The language layer: everything recognised in one document, with character spans.

Reads: a ``Document``, a ``Lexicon`` and (optionally) a ``Gazetteer``. Writes: an
``Analysis`` — the document's sentences and tokens and its ``Mention`` records of kind
``actor``, ``description``, ``source``, ``cue``, ``trigger``, ``quantity``, ``date`` and
``place``, each with its span in ``Document.full_text`` and its sentence index.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from itertools import compress, count
from operator import attrgetter
from typing import TYPE_CHECKING

from ..records import Document, FigureDetail, Mention, PlaceDetail, TokenRange, TriggerDetail
from . import dates as dates_module
from . import quantities
from .analysis import Analysis
from .lemmas import is_known, lemma
from .lexicon import Lexicon
from .text import Sentence, Token, split_sentences, tokenize
from .wordlists import word_list, word_set

if TYPE_CHECKING:
    from ..geo import Gazetteer

__all__ = ["QUOTES", "Analysis", "analyse", "attributive_after", "important_place"]


# Words after which a capitalised name is a place ("in Idlib", "nahe Charkiw").
# Prepositions that also introduce people and things ("von Putin", "aus Angst") support only
# names the gazetteer knows in exactly that spelling.
WEAK_LOCATIVE = frozenset("um aus nach von vom über zwischen gegen richtung".split())
LOCATIVE = frozenset(
    "in im auf bei nahe nähe um aus nach von vom über zwischen nördlich südlich östlich westlich "
    "nordöstlich nordwestlich südöstlich südwestlich provinz stadt dorf dörfer ortschaft region "
    "gebiet oblast gouvernement gouvernorat bezirk distrikt kreis hauptstadt vorort vororten "
    "flughafen lager camp flüchtlingslager stadtteil viertel bundesstaat departement landkreis "
    "städte orte ortschaften dorfes stadtrand außenbezirk außenbezirken umgebung richtung "
    "grenzstadt kleinstadt hafenstadt hafen grenzübergang militärflughafen luftwaffenstützpunkt "
    "stützpunkt garnison krankenhaus markt".split()
)
NEAR = frozenset("bei nahe nähe unweit außerhalb umgebung vor".split())
ARTICLE_PARTS = frozenset("al el as ash asch ad ar an at az es ez ed er ul abu bin ibn bani beni bir tal tell wadi jabal dschabal ras".split())
# The parts of a country the compass names ("im Norden Israels").
COMPASS = frozenset("norden süden osten westen nordosten nordwesten südosten südwesten".split())
_NOT_PLACE_STARTS = frozenset(
    "der die das den dem des ein eine einer eines einem einen bei in im am an auf aus nach "
    "von vom zu zum zur mit und oder aber doch so wie als wenn seit laut nahe über unter "
    "gegen für durch um während trotz nachdem bevor dabei damit dort hier heute gestern "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april "
    "mai juni juli august september oktober november dezember "
    "mio mrd nr dr prof ca bzw usw inkl".split()  # abbreviations ("3 Mio. Euro")
) | COMPASS  # "im Westen Malis" is Mali: a compass word starts no place name


# "Beirut (AFP) –", "BANGKOK epd |", "Damaskus - ", "Kiew/Moskau (dpa)": the place a report was
# filed from, at the start of a line.
_DATELINE = re.compile(
    r"^[ \t]*(?!(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|In|Im|Am|Bei|Nach|Laut)\b)"
    r"[A-ZÄÖÜ][\w.'’\-]*(?:[ /][A-ZÄÖÜ][\w.'’\-]*){0,3}"
    r"(?:\s*\([A-Za-z/ .,]{2,14}\)\s*[-–—:|]?|\s+[a-zA-Z]{2,6}\s*\||\s+[-–—]\s)",
    re.MULTILINE,
)


DIRECTIONS = COMPASS | frozenset("nord süd ost west zentrum mitte inland ausland grenze front".split())


def analyse(document: Document, lexicon: Lexicon, gazetteer: Gazetteer | None = None, *, item: bool = False) -> Analysis:
    """Split, tokenise and find every lexicon entry, number, date and place in ``document``;
    ``item``: the document is an item of a digest, titled by a subheading ("Irak: ...")."""
    text = document.full_text
    sentences = split_sentences(text)
    tokens = tokenize(text, sentences)
    analysis = Analysis(document, text, sentences, tokens)
    sentence_at = _sentence_lookup(sentences)
    mentions = analysis.mentions
    claimed: set[int] = set()  # tokens inside actor, description or source names

    for match in lexicon.match(tokens):
        first, last = tokens[match.first], tokens[match.last]
        after_place_noun = match.first > 0 and tokens[match.first - 1].low in _ADMIN_OR_PLACE_NOUNS
        if match.kind == "source" and after_place_noun:
            continue  # "im Bundesstaat al-Dschasira" is a place, not the broadcaster
        mentions.append(
            Mention(match.kind, text[first.start : last.end], first.start, last.end, match.value, first.sentence,
                    TokenRange(match.first, match.last))
        )  # fmt: skip
        if match.kind != "cue":
            claimed.update(range(match.first, match.last + 1))

    triggers = lexicon.word_triggers(list(map(_text_of, tokens)))
    for i in compress(count(), triggers):  # the few trigger words, picked out without a line of Python per token
        if not _attributive(tokens, i):
            token = tokens[i]
            mentions.append(Mention("trigger", token.text, token.start, token.end, triggers[i], token.sentence, TriggerDetail(i)))
    mentions.extend(_phrase_triggers(tokens, text, lexicon))
    # "Frau Deitelhoff", "Herr Müller": a title, not "women" or "men" as a group.
    if any(m.kind == "description" and m.text.lower() in ("frau", "herr") for m in mentions):
        starts = {t.start: k for k, t in enumerate(tokens)}
        mentions[:] = [m for m in mentions if not (
            m.kind == "description" and m.text.lower() in ("frau", "herr") and m.start in starts
            and starts[m.start] + 1 < len(tokens) and tokens[starts[m.start] + 1].text[:1].isupper())]  # fmt: skip
    # "Kämpfen" and "Kämpfer" share a match form; a word that is a trigger describes no actor.
    trigger_spans = {(m.start, m.end) for m in mentions if m.kind == "trigger"}
    mentions[:] = [m for m in mentions if not (m.kind == "description" and (m.start, m.end) in trigger_spans)]

    # "M23", "Brigade 44": a number inside a name counts nothing
    named = sorted((m.start, m.end) for m in mentions if m.kind in ("actor", "source"))
    for q in quantities.find_quantities(text):
        k = bisect.bisect_right(named, (q.start, 10**12)) - 1
        if k >= 0 and named[k][0] <= q.start and q.end <= named[k][1]:
            continue
        mentions.append(Mention("quantity", q.text, q.start, q.end, q.quantity, sentence_at(q.start), FigureDetail(q.kind)))
    for d in dates_module.find_dates(text, document.published):
        mentions.append(Mention("date", d.text, d.start, d.end, d.range, sentence_at(d.start), FigureDetail(d.kind)))
    if gazetteer is not None:
        title = document.title.strip()
        body_start = len(title) if title and text.startswith(title) and not item else 0
        places = _place_mentions(tokens, text, claimed, gazetteer, body_start)
        datelines = [m.span() for m in _DATELINE.finditer(text)] if places else []
        # where the report was filed, not where it happened
        mentions.extend(replace(place, detail=replace(place.detail, dateline=True))
                        if any(start <= place.start < end for start, end in datelines) else place
                        for place in places)  # fmt: skip
    mentions.sort(key=lambda m: (m.start, m.end))
    return analysis


def _sentence_lookup(sentences: list[Sentence]):

    starts = [s.start for s in sentences]

    def sentence_at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return sentence_at


_DETERMINERS = frozenset("der die das den dem des ein eine einer eines einem einen".split())


def _attributive(tokens: list[Token], i: int) -> bool:
    """A participle used as an adjective ("die belagerte Stadt", "der umkämpften Stadt")
    describes a noun; it tells no happening of its own."""
    word = tokens[i].text
    if not word[:1].islower() or i == 0 or i + 1 >= len(tokens):
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    if not (after.sentence == tokens[i].sentence and after.text[:1].isupper() and word.endswith(("te", "ten", "tes", "ter", "tem"))):
        return False
    if before.sentence == tokens[i].sentence and before.low in _DETERMINERS:
        return True
    # "aus der von Syriens Armee belagerten Stadt": the agent between the article and the participle
    by = next((k for k in range(i - 1, max(0, i - 5), -1) if tokens[k].low in ("von", "vom")), None)
    return by is not None and by > 0 and tokens[by - 1].low in _DETERMINERS and tokens[by - 1].sentence == tokens[i].sentence


def _phrase_triggers(tokens: list[Token], text: str, lexicon: Lexicon) -> list[Mention]:
    by_first = lexicon.phrases_by_first()
    if not by_first:
        return []
    lemmas = list(map(_lemma_or_self, map(_text_of, tokens)))
    found = []
    # Each sentence's lemmas and words: a phrase whose other words the sentence lacks is
    # passed over before its window is looked through (the window lies in the sentence).
    vocabulary: dict[int, set[str]] = {}
    # (the tokens that may open a phrase picked out without a line of Python per token)
    for i in compress(count(), map(by_first.__contains__, lemmas)):
        entries = by_first[lemmas[i]]
        if not entries:
            continue
        sentence = tokens[i].sentence
        if sentence not in vocabulary:
            first = bisect.bisect_left(tokens, sentence, key=_sentence_of)
            last = bisect.bisect_right(tokens, sentence, key=_sentence_of)
            vocabulary[sentence] = set(lemmas[first:last]).union(map(_low_of, tokens[first:last]))
        for words, trigger, separable in entries:
            if not vocabulary[sentence].issuperset(words[1:]):
                continue
            # "Kontrolle über ... Goma übernommen"; a separable verb's bracket may span a long middle field
            window = range(i + 1, min(len(tokens), i + (25 if separable else 15)))
            if not separable:  # the verb of a phrase may come first: "brachten ... unter ihre Kontrolle"
                window = [*range(max(0, i - 15), i), *window]
            rest = [j for j in window if tokens[j].sentence == tokens[i].sentence]
            if separable:  # "griffen am Montag Stellungen an", not "griffen an der Grenze"
                rest = [j for j in rest if _closes_clause(tokens, j)]
            positions = [next((j for j in rest if lemmas[j] == w or tokens[j].low == w), None) for w in words[1:]]
            if all(p is not None for p in positions):
                first, last = min(i, *positions), max(i, *positions)
                start, end = tokens[first].start, tokens[last].end  # the words as written
                found.append(Mention("trigger", text[start:end], start, end, trigger, tokens[i].sentence,
                                     TriggerDetail(i, phrase=True)))  # fmt: skip
    return found


@functools.lru_cache(maxsize=131_072)  # the words of news repeat: each is looked up once
def _lemma_or_self(word: str) -> str:
    """A word's lemma; a number or punctuation mark stands for itself."""
    return lemma(word.lower()) if word[0].isalpha() else word


def _sentence_of(token: Token) -> int:
    return token.sentence


_text_of = attrgetter("text")
_low_of = attrgetter("low")


_CLAUSE_JOINS = frozenset("und oder sowie aber , ; . : ! ? – — ) » « „ “ \"".split())


@functools.lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """A word of German's dictionary ("Stellungen", "Kämpfe"): after a place name it starts
    the sentence's next phrase rather than continuing the name."""
    return is_known(word)


def _closes_clause(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` stands last in its clause, where a separable particle goes."""
    if j + 1 >= len(tokens) or tokens[j + 1].sentence != tokens[j].sentence:
        return True
    return tokens[j + 1].low in _CLAUSE_JOINS


def _place_mentions(tokens: list[Token], text: str, claimed: set[int], gazetteer: Gazetteer, body_start: int = 0) -> list[Mention]:
    """Capitalised names the gazetteer knows, taken where the context makes a place likely
    (``body_start``: where the text after the report's title begins)."""
    found: list[Mention] = []
    # "Präsident Gustavo Petro ... Petro sagte": a surname the text gave a person stays a person's
    surnames: set[str] = set()
    n = len(tokens)
    after = 0  # tokens before this one lie in a name found
    # Where a name may start: a capital or an Arabic article; picked out without a line of
    # Python per token, as most words start none.
    for i in compress(count(), map(_may_open_name, map(_text_of, tokens))):
        if i < after:
            continue
        token = tokens[i]
        if i in claimed or not _may_start_place(token, tokens, i) or _names_outlet(tokens, i):
            continue
        if _in_person_name(tokens, i):
            if token.low not in ARTICLE_PARTS and not token.joined:
                surnames.add(token.low)
            continue
        if token.low in surnames and not (i > 0 and tokens[i - 1].low in LOCATIVE and tokens[i - 1].sentence == token.sentence):
            continue
        if _noun_before_name(tokens, text, i, gazetteer):
            continue  # "in der Stadt Soumpi": the name starts after the noun, which says what kind of place it is
        if i > 1 and tokens[i - 1].low in _NAME_PARTICLES and tokens[i - 1].text.islower() and (
                tokens[i - 2].text[:1].isupper() and tokens[i - 2].sentence == token.sentence):  # fmt: skip
            continue  # "im Complexo da Maré": the end of a longer name the gazetteer does not know, no Malé
        j = _name_end(tokens, i, claimed)
        j = _joined_by_und(tokens, text, i, j, gazetteer)
        j = _joined_by_particle(tokens, text, i, j, gazetteer)
        previous = tokens[i - 1].low if i > 0 and tokens[i - 1].sentence == token.sentence else ""
        before = tokens[i - 2].low if i > 1 and tokens[i - 2].sentence == token.sentence else ""
        locative = previous in LOCATIVE or (previous in ("der", "des", "dem", "den") and before in LOCATIVE) or (
            previous in DIRECTIONS and before in ("im", "in"))  # "im Norden Mosambiks": in that country's north
        best, exact = None, False
        # "in der Nähe von X", "am Rand von X": "von" says where, as "in" does
        near_of = previous in ("von", "vom") and before in ("nähe", "umgebung", "rand", "stadtrand", "umland")
        for end in range(min(j, i + 6), i - 1, -1):
            # "im Nuseirat-Lager", "die Kismayo-Region": a name joined to a place noun is the place
            noun_after = tokens[end].joined and end + 2 < n and tokens[end + 2].low in _ADMIN_OR_PLACE_NOUNS
            # an article part ends no name, save a town of that one word ("in Beni", not "Beni" of "Beni Suef")
            lone_town = end == i == j and len(tokens[end].text) >= 4
            if not tokens[end].text[:1].isalpha() or (tokens[end].joined and not noun_after) or (
                    tokens[end].low in ARTICLE_PARTS and not lone_town):  # fmt: skip
                continue
            # (the name ends in a word here, not in an article: it is never articles alone)
            surface = text[token.start : tokens[end].end]
            if gazetteer.has_name(surface, exact=True):
                best, exact = end, True
                break
            if locative and (previous not in WEAK_LOCATIVE or near_of) and gazetteer.has_name(surface):
                best = end
                break
        compound_noun = best is not None and tokens[best].joined and best + 2 < n and (
            tokens[best + 2].low in _ADMIN_OR_PLACE_NOUNS)  # fmt: skip
        if best is not None and best < j and not compound_noun and not common_word(tokens[best + 1].text) and (not exact or not any(
                important_place(c) for c in gazetteer.exact(text[token.start : tokens[best].end]))):
            best = None  # a minor match on part of a longer name ("Tin" of "Tin Hama"): the whole name is unknown
        if best is None:
            unknown = _unknown_place(tokens, text, i, j, previous, found, claimed)
            if unknown is not None:
                surface = text[token.start : tokens[unknown].end]
                found.append(Mention("place", surface, token.start, tokens[unknown].end, None, token.sentence,
                                     PlaceDetail(i, unknown, near=previous in NEAR, locative=True, exact=False, unknown=True,
                                                 bearing=unknown + 1 < n and tokens[unknown + 1].low in BEARINGS)))  # fmt: skip
                after = unknown + 1
                continue
            continue
        surface = text[token.start : tokens[best].end]
        if _quoted(tokens, i, best):
            after = best + 1  # „El Chapo“, «Jaime Martínez»: a nickname or a group's name, not a place
            continue
        # A spelling only the transliteration key knows is taken after "in", "bei" ... alone;
        # the event stage keeps it only if it lies in the document's focus countries.
        flag_state = previous in ("von", "des") and before in ("flagge", "flaggen")  # "unter der Flagge von Belize"
        flag_state = flag_state or previous in ("fluss", "flusses", "ufer")  # "am Fluss Oskil": a river
        flag_state = flag_state or (previous in ("des", "der") and before in ("ufer", "fluss", "flusses", "mündung"))  # "am Ufer des Dnipro"
        # "15 Kilometer hinter der Grenze zu Israel": the neighbour across the border, not where it happened
        flag_state = flag_state or (previous in ("zu", "zum", "zur", "nach") and before in ("grenze", "grenzen"))
        # "eine mit Kigali verbündete Gruppe", "die von Moskau unterstützten Truppen": a government
        flag_state = flag_state or (previous in ("mit", "von", "vom") and attributive_after(tokens, best))
        # "Irak: Soldaten ...": a name opening a line before a colon heads a digest's item (a report's own title is no item)
        heading = not previous and token.start >= body_start and _opens_entry(tokens, text, i, best)
        if not flag_state and _looks_like_name(surface, tokens, i, best, gazetteer, locative=locative, exact=exact,
                                               heading=heading):  # fmt: skip
            # "bei Bachmut", "nahe der Stadt Homs", "10 km südlich von Homs": near the place, not in it
            near = _near(tokens, i)
            seat = _seat(tokens, i, best, locative=locative) or (
                previous == "in" and _in_a_citation(tokens, i) and any(c.feature_code == "PPLC" for c in gazetteer.exact(surface)))  # fmt: skip
            found.append(Mention("place", surface, token.start, tokens[best].end, None, token.sentence,
                                 PlaceDetail(i, best, near=near, locative=locative, exact=exact, seat=seat,
                                             in_area=previous in ("in", "bei", "nahe") and _in_named_area(tokens, best),
                                             place_noun=previous in PLACE_NOUNS, weak=previous in WEAK_LOCATIVE,
                                             admin_noun=_admin_noun_before(tokens, i, found),
                                             site_noun=_site_noun(tokens, i),
                                             direction=_compass_before(tokens, i))))  # fmt: skip
        after = best + 1
    return found


# "in den Bezirken Sirwah und Raghwan", "in den Provinzen Idlib und Hama": each name is such an area
_PLURAL_ADMIN_NOUNS = {"bezirken": "Bezirk", "bezirke": "Bezirk", "provinzen": "Provinz", "distrikten": "Distrikt",
                       "distrikte": "Distrikt", "regionen": "Region", "bundesstaaten": "Bundesstaat",
                       "gouvernements": "Gouvernement", "gouvernoraten": "Gouvernorat", "oblasten": "Oblast"}  # fmt: skip


def _joined_by_und(tokens: list[Token], text: str, i: int, j: int, gazetteer: Gazetteer) -> int:
    """The end of a name over "und", where the gazetteer knows the whole ("Sistan und
    Belutschistan", "Bosnien und Herzegowina"); else ``j``."""
    if j + 2 < len(tokens) and tokens[j + 1].low == "und" and tokens[j + 2].sentence == tokens[i].sentence and (
            tokens[j + 2].text[:1].isupper() and gazetteer.has_name(text[tokens[i].start : tokens[j + 2].end], exact=True)):  # fmt: skip
        return j + 2
    return j


# Lower-case links inside Romance and Portuguese place names ("Rio de Janeiro", "Ciudad del Este")
_NAME_PARTICLES = frozenset("de da do del della dos du la las los".split())


def _joined_by_particle(tokens: list[Token], text: str, i: int, j: int, gazetteer: Gazetteer) -> int:
    """The end of a name over a lower-case particle, where the gazetteer knows the whole
    ("Rio de Janeiro", "Santa Cruz de la Sierra"); else ``j``."""
    end = j
    while end + 2 < len(tokens) and tokens[end + 1].low in _NAME_PARTICLES and tokens[end + 1].text.islower() and (
            tokens[end + 2].sentence == tokens[i].sentence and tokens[end + 2].text[:1].isupper()):  # fmt: skip
        last = end + 2
        while last + 1 < len(tokens) and tokens[last + 1].sentence == tokens[i].sentence and (
                tokens[last + 1].text[:1].isupper() and last + 1 - i < 6):  # fmt: skip
            last += 1
        if last - i >= 6:
            break
        if not any(gazetteer.has_name(text[tokens[i].start : tokens[k].end], exact=True) for k in range(last, end + 1, -1)):
            break
        end = next(k for k in range(last, end + 1, -1) if gazetteer.has_name(text[tokens[i].start : tokens[k].end], exact=True))
    return end


def _seat(tokens: list[Token], i: int, best: int, *, locative: bool) -> bool:
    """Whether the place ``i``..``best`` is where someone sits or speaks, not where it happened."""
    sentence = tokens[i].sentence
    name = i
    # "die Militärführung in der Hauptstadt Naypyidaw": the noun phrase of the place opens with its article
    if i > 0 and tokens[i].low.endswith(word_list("place_noun_ends")) and tokens[i - 1].low in ("der", "dem"):
        i -= 1  # (the name found with its noun)
    elif i > 1 and tokens[i - 1].low.endswith(word_list("place_noun_ends")) and tokens[i - 2].low in ("der", "dem"):
        i -= 2
    previous = tokens[i - 1].low if i > 0 and tokens[i - 1].sentence == sentence else ""
    before = tokens[i - 2].low if i > 1 and tokens[i - 2].sentence == sentence else ""
    # "das Verteidigungsministerium in Niamey": where an institution sits, not where it happened;
    # "sagte eine UN-Sprecherin in Genf": where a speaker spoke.
    seat = previous == "in" and ((before.endswith(word_list("institutions")) and not _at_building(tokens, i - 2))
                                 or _speaker_before(tokens, i - 1))
    # "nach Angaben aus Kabul", "aus Kreisen in Bamako": where a source sits
    seat = seat or (previous == "aus" and (before in word_set("citing") or before in ("kreisen", "quellen")))
    # "Kiew widerspricht", "hatte Islamabad erklärt": a government speaking, not a place
    seat = seat or (not locative and _government_speaking(tokens, name, best))
    # "erlag in einem Krankenhaus in Cali seinen Verletzungen": where the wounded were treated;
    # but "ein Angriff auf ein Krankenhaus in Gaza" struck there
    seat = seat or (previous == "in" and before.endswith(word_list("hospitals")) and not (
        {t.low for t in tokens[max(0, i - 4) : i - 2] if t.sentence == sentence} & {"auf", "gegen", "vor", "nahe"}))  # fmt: skip
    # "die in London ansässige Beobachtungsstelle": where an organisation is based
    seat = seat or (previous == "in" and best + 1 < len(tokens) and tokens[best + 1].low.startswith("ansässig"))
    # "Die Armee in Tel Aviv erklärte": who sits there speaks
    return seat or (previous == "in" and before != "" and tokens[i - 2].text[:1].isupper()
                    and best + 1 < len(tokens) and tokens[best + 1].sentence == sentence
                    and tokens[best + 1].low in word_set("saying"))  # fmt: skip


def _in_a_citation(tokens: list[Token], i: int) -> bool:
    """Whether the name at ``i`` closes the phrase of a source ("Nach Angaben eines Händlers in
    Bamako", "laut einem Sprecher in Kiew"): a word of citing a few words before, no verb between;
    a capital there is where the source sits."""
    source = False  # who is cited stands between: "nach eigenen Angaben in Mogadischu" cites no one there
    for k in range(i - 2, max(-1, i - 7), -1):
        word = tokens[k]
        if word.sentence != tokens[i].sentence or word.text in ",;:":
            return False
        if word.low in word_set("citing"):
            return source
        source = source or word.text[:1].isupper()
        if word.text[:1].islower() and word.low not in ("eines", "einer", "des", "der", "dem", "den", "einem", "von", "vom", "örtlichen", "lokalen"):
            return False  # a verb or an adverb: the place belongs to the clause, not to the source
    return False


def _admin_noun_before(tokens: list[Token], i: int, found: list[Mention]) -> str | None:
    """The admin noun a name stands after ("Provinz Idlib"), in the singular; a name listed after
    one that stood after a plural ("in den Bezirken Sirwah und Raghwan") shares it."""
    if i == 0 or tokens[i - 1].sentence != tokens[i].sentence:
        return None
    previous = tokens[i - 1]
    if previous.low in ADMIN_NOUNS:
        return previous.text
    if previous.low in _PLURAL_ADMIN_NOUNS:
        return _PLURAL_ADMIN_NOUNS[previous.low]
    listed = found[-1] if found and previous.low in ("und", "sowie", ",") and found[-1].end <= previous.start else None
    if listed is None or listed.detail.last != i - 2 or listed.detail.first < 1:
        return None
    return listed.detail.admin_noun if tokens[listed.detail.first - 1].low in _PLURAL_ADMIN_NOUNS else None


def _name_end(tokens: list[Token], i: int, claimed: set[int]) -> int:
    """The last token a name starting at ``i`` may span: over "al-Khalakhil", "Dschisr
    asch-Schughur", "Khuwayn al-Khabir", "Deir ez-Zor"."""
    n, j = len(tokens), i
    while j + 1 < n and tokens[j + 1].sentence == tokens[i].sentence:
        nxt = tokens[j + 1]
        if nxt.text == "-" and j + 2 < n and tokens[j].joined:
            after = tokens[j + 2]
            # "das Dorf Kiri-tam": after a place noun, or when no German word, a lower-case tail
            # belongs to the name
            named = i > 0 and tokens[i - 1].low in PLACE_NOUNS
            tail = after.text[:1].islower() and after.text.isalpha() and (named or not common_word(after.text))
            if after.text[:1].isupper() or after.low in ARTICLE_PARTS or tail or (
                    after.low in _HYPHEN_PARTICLES and after.joined):  # fmt: skip
                j += 2
                continue
            break
        # "Fada N'Gourma": an apostrophe inside a name part
        if (nxt.text[:1].isupper() and nxt.text.replace("'", "").replace("’", "").isalpha() and j + 1 not in claimed
                and nxt.low not in _NOT_PLACE_STARTS) or (
                nxt.low in ARTICLE_PARTS and nxt.joined):  # fmt: skip
            j += 1
            continue
        break
    return j


# How far back from "in X" a verb of saying makes X the place a statement was made:
# "teilte das Rote Kreuz am Abend in Genf mit", "sagte ein Sprecher in Kiew".
SPEAKER_REACH_TOKENS = 8


_OPENING_QUOTES = frozenset('„"«»‚‹“')
_CLOSING_QUOTES = frozenset('“"»«‘›”')
QUOTES = _OPENING_QUOTES | _CLOSING_QUOTES | {"’"}


def _quoted(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the name stands alone between quotation marks."""
    if first == 0 or last + 1 >= len(tokens):
        return False
    before, after = tokens[first - 1], tokens[last + 1]
    return before.sentence == after.sentence == tokens[first].sentence and (
        before.text in _OPENING_QUOTES and after.text in _CLOSING_QUOTES)  # fmt: skip


def _government_speaking(tokens: list[Token], first: int, last: int) -> bool:
    """Whether a verb of speaking or reacting stands right before or after the name."""
    near = [tokens[k] for k in (first - 1, last + 1) if 0 <= k < len(tokens) and tokens[k].sentence == tokens[first].sentence]
    return any(t.low in word_set("saying") or t.low in word_set("reacting") for t in near)


def _compass_before(tokens: list[Token], i: int) -> str | None:
    """ "im Norden Israels", "im Süden des Libanon": the part of the named place the text means."""
    words = [t.low for t in tokens[max(0, i - 4) : i] if t.sentence == tokens[i].sentence]
    if words[-1:] and words[-1] in ("des", "der"):
        words = words[:-1]
    if len(words) < 2 or words[-1] not in COMPASS:
        return None
    # "im Norden", and the target of fire: "Raketen auf den Norden Israels"
    return words[-1] if words[-2] in ("im", "in") or words[-3:-1] == ["auf", "den"] else None


def _noun_before_name(tokens: list[Token], text: str, i: int, gazetteer: Gazetteer) -> bool:
    """Whether the token is a place noun ("Stadt", "Dorf", "Ort") before a capitalised name,
    and not part of a name the gazetteer knows in exactly that spelling ("Provinz Idlib")."""
    word = tokens[i].low
    if word not in PLACE_NOUNS or word in ADMIN_NOUNS or i + 1 >= len(tokens):
        return False
    following = tokens[i + 1]
    if following.sentence != tokens[i].sentence or not following.text[:1].isupper():
        return False
    if i + 2 < len(tokens) and tokens[i + 2].sentence == following.sentence and tokens[i + 2].text[:1].isupper():
        return True  # "das Dorf Beit Dschinn": the noun stands before a name of more words
    return not gazetteer.has_name(text[tokens[i].start : following.end], exact=True)


def _near(tokens: list[Token], i: int) -> bool:
    """Whether the name at ``i`` is placed near, not in: "bei Bachmut", "nahe der Stadt Homs",
    "nahe der Frontstadt Pokrowsk", "10 km südlich von Homs", "30 Kilometer südlich der
    Hauptstadt Mogadischu"."""
    words = [t.low for t in tokens[max(0, i - 3) : i] if t.sentence == tokens[i].sentence]
    if words and words[-1].endswith(word_list("place_noun_ends")):
        words = words[:-1]  # over the place noun the name stands after
    previous, before = (words[-1:] or [""])[0], (words[-2:-1] or [""])[0]
    return previous in NEAR or before in NEAR or (previous in ("von", "vom", "der", "des") and before in BEARINGS)


def _at_building(tokens: list[Token], noun: int) -> bool:
    """ "vor dem Parlament in Eriwan", "beim Ministerium in Bamako": the institution names a
    building where something happened, not a body that speaks or acts."""
    words = [t.low for t in tokens[max(0, noun - 2) : noun] if t.sentence == tokens[noun].sentence]
    return bool(set(words) & {"vor", "am", "beim", "im", "nahe", "vorm", "auf", "gegen"})


def _speaker_before(tokens: list[Token], preposition: int) -> bool:
    """Whether a verb of saying stands in the few words before the preposition of a place,
    with no clause break between: the place is where someone spoke."""
    sentence = tokens[preposition].sentence
    for k in range(preposition - 1, max(-1, preposition - 1 - SPEAKER_REACH_TOKENS), -1):
        word = tokens[k].low
        if tokens[k].sentence != sentence or word in _CLAUSE_JOINS:
            return False
        if word in word_set("saying") or _SPEAKER_NOUN in word:
            return True  # "sagte ... in Genf", "ein Sprecher des Büros am Freitag in Genf", "ein Armeesprecher in Abuja"
    return False


# Nouns of people who speak for others: where they stand is where they spoke.
_SPEAKER_NOUN = "sprecher"  # also in compounds: "Armeesprecher", "Polizeisprecherin"


# "das Online-Magazin The Irrawaddy", "der Zeitung «Daily Trust»", "der Sender Al-Arabija": a medium's name.
OUTLET_NOUNS = ("zeitung", "magazin", "sender", "nachrichtenagentur", "agentur", "portal", "blatt", "kanal",
                "fernsehen", "rundfunk", "radio", "website", "webseite", "newsportal", "tageszeitung")  # fmt: skip


def _names_outlet(tokens: list[Token], i: int) -> bool:
    """Whether the capitalised name at ``i`` follows an outlet noun ("Magazin The Irrawaddy")."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if tokens[k].sentence != tokens[i].sentence:
            return False
        word = tokens[k].low
        if word.endswith(OUTLET_NOUNS):
            return True
        # "der Sender Al-Mayadeen": the Arabic article before the name is part of it
        if word not in ("the", "«", "„", '"', "»", "‹", "'", "al", "el", "al-", "el-", "-") and (
                word not in ("der", "die", "das", "des", "dem", "den")):  # fmt: skip
            return False
    return False


# "im Gebiet Donezk", "in der Provinz Idlib": the name is the admin area, not a town of that name.
# With the genitives of the district nouns: "im Süden des Distrikts Nihm" names the district.
ADMIN_NOUNS = frozenset("provinz gebiet oblast region gouvernement gouvernorat bundesstaat distrikt bezirk "
                        "departement landkreis kreis rajon raion rayon distrikts distriktes bezirks bezirkes kreises "
                        "landkreises rajons gebiets gebietes grenzgebiet grenzgebiets grenzgebietes grenzregion "
                        "bundesstaats bundesstaates departements gouvernements gouvernorats territorium territoriums".split())  # fmt: skip
PLACE_NOUNS = frozenset(
    "dorf dorfes dörfer dörfern ortschaft ortschaften ort orte orten stadt städte kleinstadt gemeinde "
    "siedlung flughafen lager camp flüchtlingslager stützpunkt militärbasis militärstützpunkt basis "
    "viertel stadtteil stadtviertel bezirk distrikt vorort vororte weiler region provinz".split()
)
_ADMIN_OR_PLACE_NOUNS = ADMIN_NOUNS | PLACE_NOUNS


def _opens_entry(tokens: list[Token], text: str, i: int, j: int) -> bool:
    """Whether the name opens a line as a ticker entry's place: "2) Ayorou: Ein Kleinbus ...",
    "Banibangou, Freitag: ..."."""
    # Back from the name over a numbering ("2) ") to the line start; any other character means no entry.
    k = tokens[i].start - 1
    while k >= 0 and text[k] in " \t0123456789).":
        k -= 1
    if (k >= 0 and text[k] != "\n") or j + 1 >= len(tokens):
        return False
    after = [t.text for t in tokens[j + 1 : j + 4] if t.sentence == tokens[i].sentence]
    return bool(after) and (after[0] == ":" or (after[0] == "," and ":" in after[1:]))


_SITE_NOUNS = frozenset("flughafen militärflughafen luftwaffenstützpunkt grenzübergang flüchtlingslager".split())
# "im Golf von Aden", "in der Straße von Hormus": waters named after a town are not the town
_WATER_NOUNS = frozenset("golf meerenge straße bucht".split())


def attributive_after(tokens: list[Token], last: int) -> bool:
    """Whether a participle that makes the name before it an attribute follows it
    ("unterstützte", "verbündeten", "kontrollierte")."""
    if last + 1 >= len(tokens) or tokens[last + 1].sentence != tokens[last].sentence:
        return False
    word = tokens[last + 1].low
    return any(word == stem or (word.startswith(stem) and len(word) - len(stem) <= 2)
               for stem in word_list("attributive_stems"))  # fmt: skip


def _site_noun(tokens: list[Token], i: int) -> str | None:
    """The facility noun before a name: "Flughafen Nairab", "den Flughafen von Nyala"."""
    k = i - 1
    if k >= 0 and tokens[k].low in ("von", "vom") and tokens[k].sentence == tokens[i].sentence:
        k -= 1
        if k >= 0 and tokens[k].sentence == tokens[i].sentence and tokens[k].low in _WATER_NOUNS:
            return f"{tokens[k].text} {tokens[k + 1].text}"  # the gazetteer names them so: "Golf von Aden"
    if k >= 0 and tokens[k].sentence == tokens[i].sentence and tokens[k].low in _SITE_NOUNS:
        return tokens[k].text
    return None


def _in_named_area(tokens: list[Token], last: int) -> bool:
    """Whether an admin area follows the name: "nahe Koumbri in der Provinz Yatenga",
    "in Barmal im Bezirk Paktika"."""
    follow = [t.low for t in tokens[last + 1 : last + 4] if t.sentence == tokens[last].sentence]
    return (follow[:1] == ["im"] and len(follow) > 1 and follow[1] in ADMIN_NOUNS) or (
        follow[:2] in (["in", "der"], ["in", "dem"]) and len(follow) > 2 and follow[2] in ADMIN_NOUNS)


def _unknown_place(tokens: list[Token], text: str, first: int, last: int, previous: str, found: list[Mention],
                   claimed: set[int]) -> int | None:  # fmt: skip
    """A name the gazetteer lacks, where the text makes clear it is a place: after "Dorf",
    "Ortschaften", "Flughafen" ..., listed with a place just found ("X und Y"), or opening a
    ticker entry ("2) Ayorou: ...")."""
    if not claimed.isdisjoint(range(first, last + 1)) or not tokens[last].text[:1].isalpha():
        return None
    words = [t.text for t in tokens[first : last + 1] if t.text[:1].isalpha()]
    if not words or all(w.lower() in ARTICLE_PARTS for w in words):
        return None
    if len(words) == 1 and (common_word(words[0]) or not words[0][:1].isupper()):
        return None
    listed = (
        previous in ("und", ",", "sowie", "oder")
        and found and found[-1].sentence == tokens[first].sentence
        and 0 <= tokens[first].start - found[-1].end <= 8
    )  # fmt: skip
    if listed and previous == ",":
        # "in Kafr Naha, Khan al-Asal und Urum al-Kubra" goes on as a list; "der Bürgermeister
        # von Charkiw, Igor Terechow, sagte" is an apposition.
        after = [t.text for t in tokens[last + 1 : last + 3] if t.sentence == tokens[first].sentence]
        listed = bool(after) and (after[0] in ("und", "sowie", "oder")
                                  or (after[0] == "," and len(after) > 1 and after[1][:1].isupper()))  # fmt: skip
    # "in al-Suhra": after a locative word, a name with a joined Arabic article is a place.
    arabic = previous in ("in", "bei", "nahe", "nach") and tokens[first].low in ARTICLE_PARTS and tokens[first].joined
    # "in Bambara Maoudé südlich von Timbuktu": placed by its bearing from a known place.
    bearing = (previous in ("in", "bei", "nahe") and last + 1 < len(tokens)
               and tokens[last + 1].sentence == tokens[first].sentence
               and tokens[last + 1].low in BEARINGS)  # fmt: skip
    in_area = previous in ("in", "bei", "nahe") and _in_named_area(tokens, last)
    # "bis nach Munigi vorgedrungen", "bis in die Vororte": how far an advance went.
    reached = previous in ("nach", "vor") and first >= 2 and tokens[first - 2].low == "bis"
    named_area = previous in ADMIN_NOUNS  # "im Gebiet Walungu": an admin area the gazetteer lacks
    if previous in PLACE_NOUNS or named_area or listed or arabic or bearing or reached or in_area:
        return last
    # Opening a ticker entry; looked at last, being the dearest test. "Startseite NachrichtenJemen:
    # ..." is a web page's crumbs, not a ticker's place.
    header = _opens_entry(tokens, text, first, last) and not any(common_word(w) for w in words)
    return last if header else None


# Lower-case words inside hyphenated names: "Port-au-Prince", "Châlons-en-Champagne".
_HYPHEN_PARTICLES = frozenset("au aux du de des la le les en sur sous lès".split())

BEARINGS = frozenset(
    "nördlich südlich östlich westlich nordöstlich nordwestlich südöstlich südwestlich nahe unweit".split()
)


# Words before a person's name ("Präsident Assad", "Sprecher Kirby") and name particles after
# a given name ("Rami Abdel Rahman"): a place name there is a person's name.
PERSON_TITLES = frozenset(
    "präsident präsidentin ministerpräsident premierminister minister ministerin sprecher sprecherin "
    "general generalin kommandeur anführer chef chefin führer bürgermeister bürgermeisterin gouverneur "
    "herr frau dr prof könig prinz scheich emir imam pfarrer leiter leiterin oberst major hauptmann "
    "machthaber rebellenführer milizenführer oppositionsführer journalist journalistin aktivist aktivistin".split()
)
# Compound titles: "SDF-Sprecher", "Armeesprecher", "Oppositionsführer", "Ex-Präsident".
_TITLE_ENDS = ("sprecher", "sprecherin", "präsident", "präsidentin", "minister", "ministerin", "führer", "chef",
               "kommandeur", "general", "gouverneur", "bürgermeister", "baron", "barons", "boss", "bosses")  # fmt: skip
NAME_PARTICLES = frozenset("abdel abdul abd abu bin ibn ben ould ag".split())


def _in_person_name(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    previous = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == token.sentence else None
    following = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == token.sentence else None
    if following is not None and following.low in NAME_PARTICLES and following.text[:1].isupper():
        return True
    if previous is not None and previous.text == "." and i >= 2 and tokens[i - 2].low in ("dr", "prof"):
        return True  # "Dr. Ahmad"
    if previous is None or not previous.text[:1].isupper() or not previous.text.isalpha():
        return False
    if previous.low.endswith(word_list("place_noun_ends")):
        return False  # "die Gebietshauptstadt Cherson", "das Grenzdorf X": a place noun, no given name
    if previous.low in NAME_PARTICLES:  # "Abdel Rahman"
        return True
    word = previous.low
    if word in PERSON_TITLES or word.endswith(_TITLE_ENDS) or word in word_set("given_names"):
        return True  # "Sprecher Kassala"; "Mohamed Kassala": a given name, then the surname
    # "Sprecher Mustafa Bali", "Präsident Gustavo Petro": a given name after a title, then the surname
    title = tokens[i - 2].low if i >= 2 and tokens[i - 2].sentence == token.sentence else ""
    if title in PERSON_TITLES or title.endswith(_TITLE_ENDS):
        return True
    sentence_start = i < 2 or tokens[i - 2].sentence != token.sentence
    # An unknown capitalised word right before ("Mahsa Amini", "Igor Terechow") is a given name.
    return (not sentence_start and word not in _NOT_PLACE_STARTS and word not in LOCATIVE
            and len(word) > 2 and not common_word(previous.text)
            and not previous.text.isupper())  # fmt: skip


@functools.lru_cache(maxsize=65_536)  # the words of news repeat: each is looked at once
def _may_open_name(word: str) -> bool:
    """What ``_may_start_place`` asks of the word alone: a capitalised word that starts no
    ordinary phrase, or an Arabic article."""
    if not word[:1].isalpha():
        return False
    return word.lower() not in _NOT_PLACE_STARTS if word[:1].isupper() else word.lower() in ARTICLE_PARTS


def _may_start_place(token: Token, tokens: list[Token], i: int) -> bool:
    word = token.text
    if not word[:1].isalpha():
        return False
    if word[:1].isupper():
        return token.low not in _NOT_PLACE_STARTS
    # "al-Khalakhil": an Arabic article joined to a capitalised name.
    return token.low in ARTICLE_PARTS and token.joined and i + 2 < len(tokens) and tokens[i + 2].text[:1].isupper()


def _looks_like_name(
    surface: str, tokens: list[Token], first: int, last: int, gazetteer: Gazetteer, *, locative: bool, exact: bool,
    heading: bool = False,
) -> bool:
    """Whether a name the gazetteer knows is a place here.

    Ordinary German words are villages somewhere ("Armee", "Auch", "Granaten"): a one-word
    name that simplemma knows as a German word counts only if it names an important place
    (a city of 100,000, an admin area, a curated conflict place), and at the start of a
    sentence not even then without a locative word before it.
    """
    if last > first:
        return exact or locative
    word = tokens[first].text
    if word.isupper() and len(word) <= 4:
        return False
    if word.lower() in LOCATIVE or word.lower() in DIRECTIONS:
        return False
    if not common_word(word):
        return exact or locative
    sentence_start = first == 0 or tokens[first - 1].sentence != tokens[first].sentence
    if sentence_start and not locative:
        return heading and exact and any(important_place(c) for c in gazetteer.exact(surface))
    if locative and exact and gazetteer.is_exonym(surface):
        return True  # "in Dschenin", "bei Palmyra": a German name curated for the place
    # "ein Leck in einem Tank": a town takes no indefinite article, so after one a German word is the word
    if first > 0 and tokens[first - 1].low in _INDEFINITE_ARTICLES:
        return False
    # "vor dem Tor": towns take no article, so after one a German word that is only another name
    # of a city ("Tor", Slowjansk's old name) is the word
    # ("am Tor des Stützpunkts": "am" holds the article too)
    article = first > 0 and tokens[first - 1].low in ("der", "des", "dem", "den", "die", "das", "am", "im", "vom", "zum", "zur", "beim")
    # ("in den Bergen östlich von Baalbek": a plural after its article is the word, whatever city bears it)
    plural_article = first > 0 and tokens[first - 1].low == "den"
    return (exact or locative) and any(important_place(c) and not (article and c.feature_class == "P" and (
        plural_article or surface not in (c.name, c.ascii_name))) for c in gazetteer.exact(surface))  # fmt: skip


_INDEFINITE_ARTICLES = frozenset(("ein", "eine", "einer", "eines", "einem", "einen"))


def important_place(candidate) -> bool:
    """A place whose name is worth taking even where it is also a German word: a city of
    100,000, an admin area above the districts, or a curated or imported place."""
    # Not a district (ADM2): there are 33,000 of them, named "Landes", "Mine", "Federal".
    return (
        (candidate.population or 0) >= 100_000
        or (candidate.feature_class == "A" and candidate.feature_code != "ADM2")
        or candidate.origin != "bundled"
    )

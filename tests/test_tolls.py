"""Death tolls read from German sentences, and an event's toll from its sentences' figures."""

from __future__ import annotations

import pytest

import lagebild.language.tolls as tolls_module
from lagebild.language.lexicon import Lexicon
from lagebild.language.mentions import analyse
from lagebild.records import Document, Mention, Quantity
from lagebild.language.tolls import deaths_in, toll


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def _event_toll(lexicon: Lexicon):
    """The toll of an event told by every sentence of a text."""

    def event_toll(text: str):
        analysis = analyse(Document(id="t", text=text), lexicon)
        return toll([d for i in range(len(analysis.sentences)) for d in deaths_in(analysis, i)])

    return event_toll


def figures(lexicon: Lexicon, sentence: str) -> list[tuple[int, int, int | None]]:
    analysis = analyse(Document(id="t", text=sentence), lexicon)
    return [(q.best, q.low, q.high) for q, _ in deaths_in(analysis, 0)]


def test_public_api():
    assert set(tolls_module.__all__) == {"NEGATIONS", "POSSESSIVES", "deaths_in", "killed_or_injured", "toll"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bei dem Angriff wurden mindestens zwölf Zivilisten getötet.", [(12, 12, None)]),
        ("Dabei starben 44 HTS-Mitglieder und 37 Soldaten.", [(44, 44, 44), (37, 37, 37)]),
        ("Es wurden drei Menschen getötet, darunter zwei Kinder.", [(3, 3, 3)]),
        ("Zwölf Menschen wurden verletzt.", []),
        ("Seit Kriegsbeginn wurden 20.000 Menschen getötet.", []),
        ("Etwa 10 km südlich der Stadt wurde ein Soldat getötet.", [(1, 1, 1)]),
        ("Verletzt wurde niemand.", [(0, 0, 0)]),
        ("Bei dem Angriff kamen Menschen ums Leben.", [(3, 3, None)]),
        ("Sechs Tote, mehrere Schwerverletzte.", [(6, 6, 6)]),
        ("Eine Frau wurde verletzt, Tote gab es dort nach Angaben der Verwaltung nicht.", [(0, 0, 0)]),
        ("Bei dem Angriff wurde ein ranghoher Kommandeur der Miliz getötet.", [(1, 1, 1)]),
        ("Elf Menschen wurden getötet, wie ein örtlicher Helfer sagte.", [(11, 11, 11)]),
        ("Unter den Toten war nach Angaben der Klinik auch ein zweiter Attentäter.", []),
        ("Meldungen über Verletzte gab es bislang keine.", [(0, 0, 0)]),
        ("Niemand wurde verletzt, teilte die Feuerwehr mit.", [(0, 0, 0)]),
        ("Die Granaten schlugen in einem Park ein, ohne Schaden anzurichten.", [(0, 0, 0)]),
        ("Es gab nach Angaben der Polizei weder Tote noch Verletzte.", [(0, 0, 0)]),
        ("Über Opfer wurde zunächst nichts bekannt.", []),
        ("Bei dem Angriff starben zwei Zivilisten, ein 40-jähriger Bauer und sein Sohn.", [(2, 2, 2)]),
        ("Dabei seien neun Menschen getötet worden, unter ihnen vier Kinder.", [(9, 9, 9)]),
        ("Neben dem Anführer der Miliz wurden bei dem Angriff fünf seiner Leibwächter getötet.", [(1, 1, 1), (5, 5, 5)]),
        ("Neben Kassim sollen zwei weitere Kämpfer ums Leben gekommen sein.", [(1, 1, 1), (2, 2, 2)]),
        ("Anwohner haben am Montag drei Männer gelyncht, die sie für Diebe hielten.", [(3, 3, 3)]),
        ("Zwei Männer im Alter von 34 und 52 Jahren wurden getötet.", [(2, 2, 2)]),
        ("Zudem sollen rund 40 Regierungssoldaten gestorben sein.", [(40, 36, 44)]),
        ("Die Armee meldete, in Gao seien 23 „Terroristen neutralisiert“ worden, in Ansongo weitere 12.",
         [(23, 23, 23), (12, 12, 12)]),
        ("Sie zerstörten 23 Fahrzeuge der Armee, in Ansongo weitere 12.", []),
        ("Bei dem Anschlag auf das Lager wurden mindestens 21 Rekruten getötet.", [(21, 21, None)]),
        ("Im Januar war die Stadt Goma mit ihren zwei Millionen Einwohnern an die M23 gefallen.", []),
        ("Bei den Kämpfen um die Stadt sind nach Armeeangaben 12 Soldaten gefallen.", [(12, 12, 12)]),
        ("Die Polizei sagte, dass mehrere Kämpfer der Miliz am Freitag bei der Detonation einer Sprengfalle an "
         "einer Straße südlich der Stadt Kismayo in der Provinz Jubaland ums Leben gekommen seien.", [(3, 2, 9)]),
        ("Die Explosion auf dem Markt hat mindestens zwölf Menschenleben gefordert.", [(12, 12, None)]),
        ("Auf einer Landmine starben am Freitag drei Holzsammler und zwei Hochzeitsgäste.", [(3, 3, 3), (2, 2, 2)]),
        ("Soldaten töteten bei Baidoa 30 Al-Shabaab-Kämpfer.", [(30, 30, 30)]),
        ("Ein Attentäter erschoss am Montag einen Minister und zwei Bürgermeister.", [(1, 1, 1), (2, 2, 2)]),
        ("Die Angreifer erstachen zwei Wachleute, drei Geiseln wurden enthauptet.", [(2, 2, 2), (3, 3, 3)]),
        ("Vier Verletzte erlagen im Krankenhaus ihren Wunden.", [(4, 4, 4)]),
        ("Der Bürgermeister der Stadt wurde am Abend vor seinem Haus erschossen.", [(1, 1, 1)]),
        ("Ihr Anführer starb bei dem Luftangriff.", [(1, 1, 1)]),
        ("Die Kaserne wurde am Abend beschossen.", []),
        ("Der Reporter wurde nicht verletzt.", []),
        ("Das Ministerium meldete den Tod mehrerer Soldaten und zweier Polizisten.", [(3, 2, 9), (2, 2, 2)]),
        ("Die Zahl der Todesopfer des Anschlags auf den Busbahnhof ist auf 41 gestiegen.", [(41, 41, 41)]),
        ("Die Opferzahl des Raketenangriffs auf den Bahnhof erhöhte sich bis zum Abend auf 73.", [(73, 73, 73)]),
        ("Nach Angaben der Klinik stieg die Zahl der Toten seit Montag auf mindestens 23.", [(23, 23, None)]),
        ("Seit Kriegsbeginn ist die Zahl der Toten in der Provinz auf 20.000 gestiegen.", []),
        ("Die Zahl der Toten seit dem 3. Mai ist auf 400 gestiegen.", []),
        ("Seit dem Morgen ist die Zahl der Toten auf 12 gestiegen.", [(12, 12, 12)]),
        ("Bei dem Luftangriff wurden ein Vater und seine zwei Söhne getötet.", [(1, 1, 1), (2, 2, 2)]),
        ("Drei erschossene Wachleute, ein getöteter Fahrer – so lautet die Bilanz der Nacht.", [(3, 3, 3), (1, 1, 1)]),
        ("Nahe der Grenzstadt starben am Dienstag zwischen 30 und 35 Kämpfer.", [(30, 30, 35)]),
        ("Bewaffnete erschossen in ihrem Haus einen Bauern und seine Frau.", [(1, 1, 1), (1, 1, 1)]),
        ("Milizionäre töteten in der Nacht im Dorf den Lehrer, dessen Bruder und vier Hirten.",
         [(4, 4, 4), (1, 1, 1), (1, 1, 1)]),
        ("Bei den Kämpfen wurden 30 Menschen getötet und zwei Millionen Menschen vertrieben.", [(30, 30, 30)]),
        ("Hunderte Menschen nahmen am Freitag in Jos Abschied von den Opfern des Anschlags.", []),
        ("Zwei Soldaten sind unter den Toten.", [(2, 2, 2)]),
        ("Ein Attentäter riss in einer Moschee acht Gläubige mit in den Tod.", [(8, 8, 8)]),
        ("Russische Angriffe haben seit Mitternacht in der Region elf Zivilisten getötet.", [(11, 11, 11)]),
        ("Die Armee verlor bei den Gefechten nach eigenen Angaben 14 Soldaten.", [(14, 14, 14)]),
        ("Bei dem Überfall fielen am Dienstag neun Polizisten.", [(9, 9, 9)]),
        ("Tausende verloren bei den Kämpfen ihr Zuhause.", []),
        ("Bei dem Anschlag wurden mindestens 40 Menschen getötet oder verletzt.", []),
        ("Bei den Kämpfen wurden seit Sonntag 80 Kämpfer getötet.", []),
        # the wounded who died later, the noun left out
        ("Vier Bergleute starben sofort, ein weiterer erlag am Abend seinen Verletzungen.", [(4, 4, 4), (1, 1, 1)]),
        ("Die Miliz erschoss fünf Händler; ein sechster starb auf dem Weg ins Krankenhaus.", [(5, 5, 5), (1, 1, 1)]),
        ("Drei der Schwerverletzten starben in der Nacht.", [(3, 3, 3)]),
        # the next verb of a list of verbs is another clause's
        ("Die Granate tötete einen Hirten und verletzte drei Kinder.", [(1, 1, 1)]),
        # one named with an article before a counted figure
        ("Die Angreifer töteten den Gemeindevorsteher und drei seiner Wachleute.", [(3, 3, 3), (1, 1, 1)]),
        # the toll as an official puts it
        ("Die Polizei bezifferte die Zahl der Getöteten auf 23.", [(23, 23, 23)]),
        # "zum Opfer fallen" is to die; a day's sum is its dead, a sum since a day is not
        ("Neun Hirten fielen am Dienstag dem Überfall zum Opfer.", [(9, 9, 9)]),
        ("Am Freitag wurden bei den Angriffen insgesamt 27 Menschen getötet.", [(27, 27, 27)]),
        ("Seit Freitag wurden bei den Angriffen insgesamt 27 Menschen getötet.", []),
        # a war's count is no event's toll
        ("Die Zahl der Toten im Bürgerkrieg ist nach Schätzungen auf 80.000 gestiegen.", []),
        ("Die Regierung bezifferte die Zahl der Opfer des Konflikts auf 6000.", []),
        # who stands before a finite verb of killing with an object after it killed
        ("Ein Heckenschütze erschoss am Abend zwei Wachleute.", [(2, 2, 2)]),
        ("Drei Bewaffnete töteten in der Nacht einen Lehrer.", [(1, 1, 1)]),
        ("Drei Bewaffnete wurden in der Nacht getötet.", [(3, 3, 3)]),
        # one person named with a definite article after the verb, and the tie listed with them
        ("Milizen ermordeten in der Nacht den Ortsvorsteher.", [(1, 1, 1)]),
        ("Unbekannte erschossen am Morgen den Richter und seinen Leibwächter.", [(1, 1, 1), (1, 1, 1)]),
        ("Beim Einschlag starb am Abend der Besitzer des Ladens.", [(1, 1, 1)]),
        ("Die Soldaten schossen auf den Journalisten.", []),
        ("Die Rebellen töteten nach Angaben der Armee den Kommandeur nicht.", []),
        # a pair is two; a clause that says how it was told does not hide a lone death
        ("In der Nacht wurde ein älteres Ehepaar getötet.", [(2, 2, 2)]),
        ("Der Wachmann starb, wie die Feuerwehr mitteilte.", [(1, 1, 1)]),
        ("Wie viele Menschen starben, blieb unklar.", []),
        ("Dabei wurde nach Angaben der Klinik ein Mensch getötet; ein weiterer wurde verletzt.", [(1, 1, 1)]),
        # the object of an active perfect of killing, named with "den"
        ("Rebellen haben in der Nacht den Ortsvorsteher getötet.", [(1, 1, 1)]),
        ("Der Ortsvorsteher wurde in der Nacht von Rebellen getötet, die den Wachmann verschleppt hatten.", [(1, 1, 1)]),
        # a source put between the verb and its figure, and a participle of death put first
        ("Dabei starben nach Angaben der von den Rebellen geführten Lokalbehörde am Abend mindestens 14 Menschen.", [(14, 14, None)]),
        ("Getötet wurden bei dem Überfall auf den Kontrollposten am frühen Morgen ein Polizist und drei Bauern.",
         [(1, 1, 1), (3, 3, 3)]),
        # "ihre beiden Söhne": a tie of two
        ("Bei dem Einschlag starben eine Ärztin und ihre beiden Töchter.", [(1, 1, 1), (2, 2, 2)]),
        # a figure in a clause a subordinator opens is not the main verb's
        ("Neun Polizisten wurden getötet, als sich ein Attentäter vor der Wache in die Luft sprengte.", [(9, 9, 9)]),
        # a compound that opens with a noun of people names a thing: no one more dead
        ("Bei einem Angriff auf eine Kinderklinik starben am Montag drei Menschen.", [(3, 3, 3)]),
        ("Bei einem Angriff auf einen Militärkonvoi starben am Montag sieben Soldaten.", [(7, 7, 7)]),
        # people listed by a noun of person and a name, in a clause of dying in the plural
        ("Getötet wurden der Lehrer Ahmed Karimi und der Bauer Yusuf Ali, verletzt wurde der Fahrer Omar Haddad.",
         [(1, 1, 1), (1, 1, 1)]),
        ("Dabei wurden Hauptmann Luis Pérez und der Polizeibeamte Carlos Ruiz erschossen.", [(1, 1, 1), (1, 1, 1)]),
        ("Verletzt wurden der Fahrer Omar Haddad und der Reporter Sami Nasser.", []),
        # the wounded who die, told verb first; what they died of is no wound of theirs
        ("Am Morgen erlagen drei Verletzte in der Klinik ihren Wunden.", [(3, 3, 3)]),
        # the dead a march or a rally remembers are an earlier event's, unless someone dies at it
        ("Ein Jahr nach dem Dammbruch gedachten in Derna Hunderte Menschen der 40 Todesopfer.", []),
        ("Beim Gedenkmarsch für die Opfer des Brandes wurden am Sonntag zwei Teilnehmer erschossen.", [(2, 2, 2)]),
    ],
)
def test_figures_of_the_dead(lexicon, sentence, expected):
    assert figures(lexicon, sentence) == expected


def test_one_sentence_adds_up_and_the_largest_sentence_is_the_toll():
    def death(best, high, sentence):
        return Quantity(best, best, high), Mention("quantity", str(best), 0, 1, None, sentence)

    assert toll([]) is None
    assert toll([death(44, 44, 0), death(37, 37, 0), death(60, None, 1)]) == Quantity(81, 81, 81)
    assert toll([death(5, 5, 0), death(19, None, 1)]) == Quantity(19, 19, None)


def test_sentences_that_count_the_dead_of_different_sides_add_up(lexicon):
    event_toll = _event_toll(lexicon)
    # the army counts the rebels' dead, the rebels the soldiers'
    assert event_toll("Die Armee meldete 40 getötete Rebellen. Die Rebellen sprachen von zwölf getöteten Soldaten.").best == 52
    # a compound in the plural names its side too
    assert event_toll("Die Armee meldete 40 getötete Rebellen. Die Rebellen sprachen von zwölf getöteten Regierungssoldaten.").best == 52
    # two sources' counts of the same side's dead: the lower, as ACLED codes, the higher its bound
    assert event_toll("Die Armee meldete zwölf tote Soldaten. Die Rebellen sprachen von 40 getöteten Soldaten.") == Quantity(12, 12, 40)
    # a figure of both sides and one of a side: they may overlap, the larger
    assert event_toll("Fast 60 Kämpfer und Soldaten starben. Unter ihnen waren 20 Soldaten.").best == 54


def test_a_toll_as_it_stands_counts_the_further_dead_told_before_it(lexicon):
    event_toll = _event_toll(lexicon)
    # five dead, two more who died of wounds: the standing toll of seven counts them
    assert event_toll("Fünf Menschen wurden getötet. Zwei Schwerverletzte starben später. Die Zahl der Toten stieg damit auf sieben.").best == 7
    # without a standing toll the later dead add up
    assert event_toll("Fünf Menschen wurden getötet. Zwei Schwerverletzte starben später.").best == 7
    # further dead told after the standing toll still add
    assert event_toll("Die Zahl der Toten stieg auf sieben. Auch zwei Angreifer wurden getötet.").best == 9
    # the bomber who died too is one more
    assert event_toll("Bei dem Anschlag wurden sieben Menschen getötet. Auch der Attentäter kam ums Leben.").best == 8
    assert event_toll("Dabei starben neben dem Attentäter zwei Gäste.").best == 3


def test_another_sources_lower_count_of_the_same_dead_is_the_toll(lexicon):
    event_toll = _event_toll(lexicon)
    assert event_toll("Bei dem Luftangriff auf den Markt starben nach Angaben von Helfern 31 Menschen. Das "
                      "Gesundheitsministerium sprach dagegen von 26 Toten.").best == 26  # fmt: skip
    # the noun left out after the other source's number
    assert event_toll("Die Armee zählte sieben Tote, örtliche Behörden sprachen von fünf.").best == 5
    # a vague word is no count to set against a number
    assert event_toll("Die Rebellen hätten 18 Soldaten getötet. Die Armee sprach lediglich von einigen Toten.").best == 18
    # a figure that grows is no other source's count: the toll as it now stands
    assert event_toll("Mindestens acht Menschen wurden getötet. Später stieg die Zahl der Toten auf zwölf.").best == 12
    # a speaker's word in quotes still names whose dead: the other side's, which add up
    assert event_toll("Die Miliz habe 50 Soldaten getötet. Das Militär sprach von 100 getöteten „Extremisten“.").best == 150


def test_an_age_in_years_counts_one_person(lexicon):
    # "ein 71 Jahre alter Mann": the figure is an age, the article the count
    assert figures(lexicon, "In Cherson wurde am Abend ein 71 Jahre alter Mann durch Granatsplitter getötet.") == [(1, 1, 1)]
    assert figures(lexicon, "Getötet wurden eine 45 Jahre alte Lehrerin und ihr Sohn.")[:1] == [(1, 1, 1)]
    # the injured are no dead
    assert figures(lexicon, "Ein 30 Jahre alter Polizist wurde schwer verletzt.") == []


def test_wordings_of_tolls_from_an_own_battery(lexicon):
    event_toll = _event_toll(lexicon)
    # nobody dead, said with "keine" at the end
    assert event_toll("Tote gab es nach Angaben der Feuerwehr keine.") == Quantity(0, 0, 0)
    # kin whose own words say they were hurt are no dead
    assert event_toll("Ein Bauer wurde erschossen, seine Frau schwer verletzt.").best == 1
    # siblings are people; their ages are no count
    assert event_toll("Zwei Geschwister im Alter von sieben und neun Jahren wurden getötet.").best == 2
    # "insgesamt" with the one attack it sums up is that attack's toll, not a running total
    assert event_toll("Insgesamt starben bei dem Anschlag 23 Marktbesucher.").best == 23
    assert event_toll("Insgesamt wurden seit Kriegsbeginn 9000 Menschen getötet.") is None


def test_a_count_of_one_side_among_people_counted_is_some_of_them(lexicon):
    event_toll = _event_toll(lexicon)
    # the army's fighters are some of the seven people: the toll stays seven
    assert event_toll("Nach Angaben des Gesundheitsministeriums wurden sieben Menschen getötet. Die Armee sprach von "
                      "zwei getöteten Kämpfern.").best == 7  # fmt: skip
    # the same dead counted lower by a source that confirms them: the lower
    assert event_toll("Mindestens vier Demonstranten seien getötet worden. Die Polizei bestätigte zwei Tote.").best == 2

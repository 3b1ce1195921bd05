"""How far event assembly looks: the windows and thresholds its passes share.

Each is a named constant with the reason for its size, so that every rule using a window
uses the same one and a change to it is made once.
"""

__all__ = [
    "BACKGROUND_DAYS",
    "BEARING_REACH_CHARS",
    "CROWD_SENTENCES",
    "FIGHTING_SENTENCES",
    "FOLLOW_UP_SENTENCES",
    "NEXT_SENTENCE",
    "ROUTE_LOOKBACK_CHARS",
    "SIDE_FIGURE_REACH_CHARS",
    "SUBHEADING_MAX_WORDS",
]

# A reaction to a protest (police moving in, protesters shot) is told in the very next sentence.
NEXT_SENTENCE = 1
# What happened to a crowd is told within a few sentences of the protest; a ticker's entry
# hours later about the same town is another story.
CROWD_SENTENCES = 4
# Casualty figures, a closer place or the sides of an event follow within two sentences of it;
# further on, a report has moved to something else.
FOLLOW_UP_SENTENCES = 2
# Fighting is told over a paragraph: its dead, prisoners and captured arms within three sentences.
FIGHTING_SENTENCES = 3
# "in Bambara Maoudé südlich der Stadt Timbuktu": the town a bearing starts from follows closely.
BEARING_REACH_CHARS = 25
# "44 HTS-Mitglieder und 37 Mitglieder der Regimekräfte": the side a figure counts follows it
# within a short noun phrase.
SIDE_FIGURE_REACH_CHARS = 41
# "an der Straße zwischen X und Y", "von X nach Y": the route word stands just before the first town.
ROUTE_LOOKBACK_CHARS = 12
# A month or year that ended more than a month before publication is history, not news.
BACKGROUND_DAYS = 30
# A line of more words is a sentence that lost its full stop, not a subheading.
SUBHEADING_MAX_WORDS = 12

// Report text with its evidence spans marked. Built from text nodes and <mark> elements only,
// never from HTML strings: a report may contain anything, "<script>" included.
"use strict";

const EVIDENCE_ROLES = [
  ["trigger", "trigger"],
  ["actor1", "actor 1"],
  ["actor2", "actor 2"],
  ["location", "place"],
  ["date", "date"],
  ["fatalities", "figure"],
  ["source", "source"],
];

// Where a span sits in the text: its offsets when they hold its text, else the occurrence of
// its text nearest to them (offsets from an older extractor version may have drifted).
function locateSpan(text, span) {
  if (!span || typeof span.start !== "number" || typeof span.end !== "number") return null;
  if (span.start >= 0 && span.end <= text.length && span.start < span.end
      && (span.text == null || text.slice(span.start, span.end) === span.text)) {
    return [span.start, span.end];
  }
  if (!span.text) return null;
  let best = -1;
  for (let i = text.indexOf(span.text); i !== -1; i = text.indexOf(span.text, i + 1)) {
    if (best === -1 || Math.abs(i - span.start) < Math.abs(best - span.start)) best = i;
  }
  return best === -1 ? null : [best, best + span.text.length];
}

// A DocumentFragment of `text` in which every piece covered by an evidence span is a
// <mark class="ev ev-ROLE ..."> (one class per covering role) and the evidence sentence is
// wrapped in <span class="ev-sentence">. Returns {fragment, found, missing}.
function highlightedText(text, evidence) {
  const ranges = [];
  const missing = [];
  if (evidence) {
    const sentence = locateSpan(text, evidence.sentence);
    if (sentence) ranges.push({ role: "sentence", start: sentence[0], end: sentence[1] });
    for (const [role] of EVIDENCE_ROLES) {
      if (!evidence[role]) continue;
      const where = locateSpan(text, evidence[role]);
      if (where) ranges.push({ role, start: where[0], end: where[1] });
      else missing.push(role);
    }
  }
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const covering = ranges.filter((r) => r.start <= a && r.end >= b);
    const roles = covering.filter((r) => r.role !== "sentence").map((r) => r.role);
    let node = document.createTextNode(text.slice(a, b));
    if (roles.length) {
      const mark = document.createElement("mark");
      mark.className = "ev " + roles.map((r) => "ev-" + r).join(" ");
      mark.dataset.roles = roles.join(" ");
      mark.title = roles.map((r) => EVIDENCE_ROLES.find(([k]) => k === r)[1]).join(", ");
      mark.appendChild(node);
      node = mark;
    }
    if (covering.some((r) => r.role === "sentence")) {
      const sentence = document.createElement("span");
      sentence.className = "ev-sentence";
      sentence.appendChild(node);
      node = sentence;
    }
    fragment.appendChild(node);
  }
  return { fragment, found: ranges.length, missing };
}

// The lagebild page: filters -> /api/events (+ .geojson) -> map, timeline and table; a click on
// an event -> /api/events/{id} -> its fields and its reports with the evidence marked.
// Every piece of data is put into the page as text (textContent, text nodes), never as HTML.
"use strict";

const PAGE_LIMIT = 5000;
const FILTER_KEYS = ["since", "until", "country", "type", "actor", "min_sources"];
const URL_KEYS = [...FILTER_KEYS, "limit"];
const EVENT_TYPES = [
  ["Battles", "battles"],
  ["Explosions/Remote violence", "explosions"],
  ["Violence against civilians", "civilians"],
  ["Protests", "protests"],
  ["Riots", "riots"],
  ["Strategic developments", "strategic"],
];
const SVG = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function typeClass(eventType) {
  const known = EVENT_TYPES.find(([name]) => name === eventType);
  return "type-" + (known ? known[1] : "other");
}

class ApiError extends Error {}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== "" && value != null) url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError("the lagebild server does not answer — is `lagebild serve` still running?");
  }
  let body = null;
  try { body = await response.json(); } catch (err) { body = null; }
  if (!response.ok) {
    const detail = body && body.detail;
    throw new ApiError(typeof detail === "string" ? detail
      : detail ? JSON.stringify(detail) : `${response.status} ${response.statusText}`);
  }
  return body;
}

function showMessage(text, kind) {
  const box = $("message");
  box.textContent = text || "";
  box.className = kind || "error";
  box.hidden = !text;
}

// --- state in the address bar, so a filtered view can be reloaded and shared --------------

function urlParams() {
  const search = new URLSearchParams(window.location.search);
  const params = {};
  for (const key of URL_KEYS) if (search.get(key)) params[key] = search.get(key);
  return { params, eventId: search.get("event") };
}

function setUrl(params, eventId) {
  const search = new URLSearchParams();
  for (const key of URL_KEYS) if (params[key]) search.set(key, params[key]);
  if (eventId) search.set("event", eventId);
  const query = search.toString();
  window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
}

function formParams() {
  const form = $("filters");
  const params = {};
  for (const key of FILTER_KEYS) {
    const value = form.elements[key].value.trim();
    if (value && !(key === "min_sources" && value === "1")) params[key] = value;
  }
  if (state.params.limit) params.limit = state.params.limit;
  return params;
}

function fillForm(params) {
  const form = $("filters");
  for (const key of FILTER_KEYS) form.elements[key].value = params[key] || (key === "min_sources" ? "1" : "");
}

const state = { params: {}, eventId: null, request: 0, events: [], stats: null };

// --- map --------------------------------------------------------------------------------

function createMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([25, 20], 2);
  // The outline sits below the tiles: offline the tiles fail and the outline shows through.
  map.createPane("outline").style.zIndex = 150;
  fetch("/static/vendor/world-atlas/countries-110m.geojson")
    .then((r) => r.json())
    .then((world) => L.geoJSON(world, {
      pane: "outline", interactive: false,
      style: { color: "#8d99a6", weight: 0.7, fillColor: "#eef0ea", fillOpacity: 1 },
    }).addTo(map))
    .catch(() => {});
  const tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "&copy; OpenStreetMap contributors",
  });
  tiles.on("tileerror", (e) => { e.tile.style.visibility = "hidden"; });
  tiles.addTo(map);
  map.attributionControl.addAttribution("outline: Natural Earth");
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(cluster);
  return { map, cluster };
}

function markerSize(fatalities) {
  return fatalities ? Math.min(42, Math.round(12 + 4 * Math.sqrt(fatalities))) : 12;
}

function tooltipFor(p) {
  const box = el("div");
  box.appendChild(el("strong", `${p.event_date || "undated"} · ${p.sub_event_type || p.event_type}`));
  box.appendChild(el("div", [p.actor1, p.actor2].filter(Boolean).join(" — ") || "unnamed actors"));
  box.appendChild(el("div", [p.location, p.country].filter(Boolean).join(", ")));
  if (p.fatalities != null) box.appendChild(el("div", `${p.fatalities} dead`));
  return box;
}

function drawMarkers(view, collection, fit) {
  view.cluster.clearLayers();
  const markers = collection.features.map((feature) => {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const size = markerSize(p.fatalities);
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: `event-marker ${typeClass(p.event_type)}`, iconSize: [size, size] }),
      keyboard: true, title: "",
    });
    marker.bindTooltip(tooltipFor(p), { direction: "top", offset: [0, -size / 2] });
    marker.on("click", () => openEvent(p.event_id));
    marker.on("add", () => { marker.getElement().dataset.eventId = p.event_id; });
    return marker;
  });
  view.cluster.addLayers(markers);
  $("map").dataset.markers = String(markers.length);
  if (fit && markers.length) {
    // Not animated: Leaflet ignores a new view asked for while a zoom animation still runs.
    view.map.fitBounds(view.cluster.getBounds(), { maxZoom: 7, padding: [30, 30], animate: false });
  }
}

function drawLegend() {
  const legend = $("legend");
  for (const [name, cls] of [...EVENT_TYPES, ["other", "other"]]) {
    const item = el("span", null, "legend-item");
    item.appendChild(el("span", null, `swatch type-${cls}`));
    item.appendChild(document.createTextNode(name));
    legend.appendChild(item);
  }
  legend.appendChild(el("span", "marker size: fatalities", "legend-note"));
}

// --- timeline: events (bars) and fatalities (line) per day, plain SVG ------------------------

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text != null) node.textContent = String(text);
  return node;
}

const DAY_MS = 86400000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso) => Date.parse(iso + "T00:00:00Z");

// The bin (first and last day) a day falls in: the day itself, its week (Monday to Sunday)
// or its calendar month.
function binOf(iso, unit) {
  if (unit === "day") return [iso, iso];
  if (unit === "week") {
    const monday = dayMs(iso) - ((new Date(dayMs(iso)).getUTCDay() + 6) % 7) * DAY_MS;
    return [isoDay(monday), isoDay(monday + 6 * DAY_MS)];
  }
  const [y, m] = iso.split("-").map(Number);
  return [`${iso.slice(0, 7)}-01`, isoDay(Date.UTC(y, m, 1) - DAY_MS)];
}

// Events and fatalities per bin; days for short ranges, weeks or months for long ones.
function binned(events) {
  const dated = events.map(({ event }) => event).filter((e) => e.event_date && e.event_date.length === 10);
  if (!dated.length) return { unit: "day", bins: [] };
  const days = dated.map((e) => e.event_date).sort();
  const span = (dayMs(days[days.length - 1]) - dayMs(days[0])) / DAY_MS;
  const unit = span <= 180 ? "day" : span <= 1100 ? "week" : "month";
  const bins = new Map();
  for (const e of dated) {
    const [first, last] = binOf(e.event_date, unit);
    const bin = bins.get(first) || { first, last, events: 0, fatalities: 0 };
    bin.events += 1;
    bin.fatalities += e.fatalities || 0;
    bins.set(first, bin);
  }
  return { unit, bins: [...bins.values()].sort((a, b) => a.first.localeCompare(b.first)) };
}

function drawTimeline(events) {
  const box = $("timeline");
  box.replaceChildren();
  const { unit, bins } = binned(events);
  $("timeline-caption").textContent = `events (bars) and fatalities (line) per ${unit}`;
  const width = Math.max(Math.round(box.getBoundingClientRect().width), 300);
  const height = 130;
  const pad = { left: 34, right: 40, top: 10, bottom: 22 };
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!bins.length) {
    box.appendChild(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "no dated events"));
    return;
  }
  const start = dayMs(bins[0].first);
  const nDays = (dayMs(bins[bins.length - 1].last) - start) / DAY_MS + 1;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const perDay = innerW / nDays;
  const maxEvents = Math.max(...bins.map((b) => b.events));
  const maxDead = Math.max(1, ...bins.map((b) => b.fatalities));
  const x = (iso) => pad.left + ((dayMs(iso) - start) / DAY_MS) * perDay;
  const yEvents = (n) => pad.top + innerH - (n / maxEvents) * innerH;
  const yDead = (n) => pad.top + innerH - (n / maxDead) * innerH;

  box.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: pad.top + innerH, y2: pad.top + innerH, class: "axis" }));
  const bars = svg("g", { class: "bars" });
  const points = [];
  for (const bin of bins) {
    const slot = x(bin.last) + perDay - x(bin.first);
    const barWidth = Math.max(1, Math.min(28, slot * 0.8));
    const left = x(bin.first) + (slot - barWidth) / 2;
    const bar = svg("rect", {
      x: left, width: barWidth, y: yEvents(bin.events), height: pad.top + innerH - yEvents(bin.events),
      class: "bar", "data-day": bin.first,
    });
    const when = bin.first === bin.last ? bin.first : `${bin.first} to ${bin.last}`;
    bar.appendChild(svg("title", {}, `${when}: ${bin.events} events, ${bin.fatalities} fatalities — click to show them`));
    bar.addEventListener("click", () => applyFilters({ ...formParams(), since: bin.first, until: bin.last }));
    bars.appendChild(bar);
    points.push([left + barWidth / 2, yDead(bin.fatalities)]);
  }
  box.appendChild(bars);
  if (points.length > 1) box.appendChild(svg("polyline", { points: points.map((p) => p.join(",")).join(" "), class: "dead-line" }));
  for (const [cx, cy] of points) box.appendChild(svg("circle", { cx, cy, r: 2.5, class: "dead-dot" }));
  const label = (attrs, text) => box.appendChild(svg("text", attrs, text));
  label({ x: pad.left, y: height - 6, class: "tick" }, bins[0].first);
  label({ x: width - pad.right, y: height - 6, "text-anchor": "end", class: "tick" }, bins[bins.length - 1].last);
  label({ x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "tick" }, maxEvents);
  label({ x: width - pad.right + 4, y: pad.top + 8, class: "tick dead" }, `${maxDead} †`);
}

// --- table ------------------------------------------------------------------------------

function drawTable(events) {
  const body = $("events").tBodies[0];
  body.replaceChildren();
  for (const stored of events) {
    const e = stored.event;
    const row = document.createElement("tr");
    row.dataset.eventId = stored.event_id;
    row.tabIndex = 0;
    const typeCell = el("td");
    typeCell.appendChild(el("span", null, `swatch ${typeClass(e.event_type)}`));
    typeCell.appendChild(document.createTextNode(e.event_type));
    row.appendChild(el("td", e.event_date || ""));
    row.appendChild(typeCell);
    for (const value of [e.sub_event_type, e.actor1, e.actor2, e.location, e.country]) row.appendChild(el("td", value || ""));
    row.appendChild(el("td", e.fatalities == null ? "" : e.fatalities, "num"));
    row.appendChild(el("td", stored.n_sources, "num"));
    row.addEventListener("click", () => openEvent(stored.event_id));
    row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(stored.event_id); });
    if (stored.event_id === state.eventId) row.classList.add("selected");
    body.appendChild(row);
  }
}

// --- loading ----------------------------------------------------------------------------

function fillSelect(select, counts, current) {
  // "(unknown)" counts events without a country: no filter value selects them.
  for (const name of Object.keys(counts || {}).filter((n) => !n.startsWith("(")).sort()) {
    const option = el("option", `${name} (${counts[name]})`);
    option.value = name;
    select.appendChild(option);
  }
  if (current && ![...select.options].some((o) => o.value === current)) {
    const option = el("option", current);
    option.value = current;
    select.appendChild(option);
  }
  select.value = current || "";
}

async function loadEvents(fit) {
  const request = ++state.request;
  const params = { limit: PAGE_LIMIT, ...state.params };
  document.body.dataset.state = "loading";
  try {
    const [list, collection] = await Promise.all([api("/api/events", params), api("/api/events.geojson", params)]);
    if (request !== state.request) return;
    state.events = list.events;
    drawMarkers(view, collection, fit);
    drawTimeline(list.events);
    drawTable(list.events);
    const unplaced = list.count - collection.features.length;
    const limited = list.count >= Number(params.limit) ? ` (first ${list.count} only)` : "";
    $("count").textContent = `${list.count} ${list.count === 1 ? "event" : "events"}${limited}` + (unplaced ? `, ${unplaced} without coordinates` : "");
    if (state.stats && state.stats.events === 0) showMessage("no events yet — run lagebild ingest", "info");
    else if (!list.count) showMessage("no events match these filters", "info");
    else showMessage("");
    document.body.dataset.state = "ready";
  } catch (err) {
    if (request !== state.request) return;
    state.events = [];
    drawMarkers(view, { features: [] }, false);
    drawTimeline([]);
    drawTable([]);
    $("count").textContent = "";
    showMessage(`cannot show events: ${err.message}`, "error");
    document.body.dataset.state = "error";
  }
}

function applyFilters(params) {
  state.params = params;
  fillForm(params);
  setUrl(state.params, state.eventId);
  loadEvents(true);
}

// --- one event ---------------------------------------------------------------------------

const FIELDS = [
  ["date", (e) => e.event_date],
  ["event type", (e) => e.event_type],
  ["sub-event type", (e) => e.sub_event_type],
  ["actor 1", (e) => [e.actor1, e.assoc_actor_1].filter(Boolean).join("; ")],
  ["actor 2", (e) => [e.actor2, e.assoc_actor_2].filter(Boolean).join("; ")],
  ["interaction", (e) => e.interaction],
  ["location", (e) => [e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(", ")],
  ["coordinates", (e) => e.latitude == null ? "" : `${e.latitude}, ${e.longitude} (geo precision ${e.geo_precision})`],
  ["placed", (e) => e.geo_note || ""],
  ["fatalities", (e) => e.fatalities == null ? "" : e.fatalities
    + (e.fatalities_low != null && (e.fatalities_low !== e.fatalities || e.fatalities_high !== e.fatalities)
      ? ` (range ${e.fatalities_low}–${e.fatalities_high == null ? "open" : e.fatalities_high})` : "")],
  ["certainty", (e) => e.certainty],
  ["source", (e) => [e.source, e.source_original && `citing ${e.source_original}`].filter(Boolean).join(", ")],
  ["notes", (e) => e.notes],
];

function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (err) {
    return null;
  }
}

function drawReport(report) {
  const box = el("article", null, "report");
  box.dataset.docId = report.doc_id;
  box.appendChild(el("h3", report.title || report.doc_id));
  const meta = el("p", [report.outlet, report.published].filter(Boolean).join(" · "), "meta");
  const href = report.url && safeUrl(report.url);
  if (href) {
    const link = el("a", report.url);
    link.href = href;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    if (meta.textContent) meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(link);
  }
  box.appendChild(meta);
  const e = report.event;
  box.appendChild(el("p", `this report: ${e.sub_event_type || e.event_type}, ${[e.actor1, e.actor2].filter(Boolean).join(" — ")}`
    + `${e.location ? " in " + e.location : ""}${e.event_date ? " on " + e.event_date : ""}`
    + `${e.fatalities != null ? ", " + e.fatalities + " dead" : ""}`, "member"));
  const { fragment, found, missing } = highlightedText(report.text || "", report.evidence);
  const text = el("div", null, "report-text");
  text.appendChild(fragment);
  box.appendChild(text);
  if (!found) box.appendChild(el("p", "no evidence spans recorded for this report", "note"));
  else if (missing.length) box.appendChild(el("p", `spans not found in the text: ${missing.join(", ")}`, "note"));
  return box;
}

async function openEvent(eventId) {
  state.eventId = eventId;
  setUrl(state.params, eventId);
  for (const row of $("events").tBodies[0].rows) row.classList.toggle("selected", row.dataset.eventId === eventId);
  const panel = $("detail");
  panel.hidden = false;
  panel.dataset.state = "loading";
  $("detail-title").textContent = "loading…";
  $("detail-fields").replaceChildren();
  $("reports").replaceChildren();
  try {
    const detail = await api(`/api/events/${encodeURIComponent(eventId)}`);
    if (state.eventId !== eventId) return;
    const e = detail.event;
    $("detail-title").textContent = `${e.sub_event_type || e.event_type} · ${e.location || e.country || "unplaced"} · ${e.event_date || "undated"}`;
    const fields = $("detail-fields");
    for (const [name, get] of [...FIELDS, ["event id", () => detail.event_id],
      ["reports", () => `${detail.n_sources}` + (detail.merge_reasons.length ? ` (merged: ${detail.merge_reasons.join("; ")})` : "")]]) {
      const value = get(e);
      if (value === "" || value == null) continue;
      fields.appendChild(el("dt", name));
      fields.appendChild(el("dd", value));
    }
    const reports = $("reports");
    for (const report of detail.reports) reports.appendChild(drawReport(report));
    // Long reports scroll in their own box: bring the evidence into view there, not the page.
    for (const text of reports.querySelectorAll(".report-text")) {
      const mark = text.querySelector("mark");
      if (mark) text.scrollTop += mark.getBoundingClientRect().top - text.getBoundingClientRect().top - 40;
    }
    panel.dataset.state = "ready";
  } catch (err) {
    if (state.eventId !== eventId) return;
    $("detail-title").textContent = "event not shown";
    $("reports").appendChild(el("p", err.message, "error"));
    showMessage(`cannot show event ${eventId}: ${err.message}`, "error");
    panel.dataset.state = "error";
  }
}

function closeEvent() {
  state.eventId = null;
  $("detail").hidden = true;
  setUrl(state.params, null);
  for (const row of $("events").tBodies[0].rows) row.classList.remove("selected");
}

function drawHighlightLegend() {
  const legend = $("highlight-legend");
  legend.appendChild(el("span", "marked: "));
  for (const [role, label] of EVIDENCE_ROLES) legend.appendChild(el("mark", label, `ev ev-${role}`));
  legend.appendChild(el("span", "evidence sentence", "ev-sentence"));
}

// --- start ---------------------------------------------------------------------------------

const view = createMap();

async function start() {
  drawLegend();
  drawHighlightLegend();
  const { params, eventId } = urlParams();
  state.params = params;
  fillForm(params);
  const form = $("filters");
  let typing = null;
  form.addEventListener("change", () => applyFilters(formParams()));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(formParams()); });
  form.elements.actor.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => applyFilters(formParams()), 350);
  });
  form.addEventListener("reset", (ev) => { ev.preventDefault(); applyFilters({}); });
  $("detail-close").addEventListener("click", closeEvent);
  // The timeline is drawn in pixels: redraw it when its box changes width (detail panel, window).
  let lastWidth = 0;
  new ResizeObserver(([entry]) => {
    const width = Math.round(entry.contentRect.width);
    if (width !== lastWidth) { lastWidth = width; drawTimeline(state.events); }
  }).observe($("timeline-box"));
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeEvent(); });
  try {
    state.stats = await api("/api/stats");
    fillSelect($("f-country"), state.stats.by_country, params.country);
    fillSelect($("f-type"), state.stats.by_type, params.type);
  } catch (err) {
    showMessage(`cannot read the event store: ${err.message}`, "error");
  }
  await loadEvents(true);
  if (eventId) openEvent(eventId);
}

start();

// One-off: Natural Earth 110m countries (world-atlas TopoJSON) -> GeoJSON for lagebild serve.
// Run beside unpacked `npm pack world-atlas topojson-client` folders (package/ renamed):
//   node convert.js > countries-110m.geojson
const tc = require('./topojson-client/dist/topojson-client.js');
const topo = require('./world-atlas/countries-110m.json');
const fc = tc.feature(topo, topo.objects.countries);
const round = (p) => [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100];
// Rings that cross the antimeridian (Fiji, Chukotka) jump from +180 to -180, which Leaflet
// draws as a line across the world: unwrap them so their longitudes run on past 180.
// Antarctica's jump along 84.7 S is its southern edge and stays.
const unwrap = (ring) => {
  if (!ring.some((p, i) => i && Math.abs(p[0] - ring[i - 1][0]) > 180) || Math.min(...ring.map((p) => p[1])) < -80) return ring;
  const out = [ring[0]];
  for (const p of ring.slice(1)) {
    let lon = p[0];
    const prev = out[out.length - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (prev - lon > 180) lon += 360;
    out.push([lon, p[1]]);
  }
  return out;
};
const polygon = (rings) => rings.map((ring) => unwrap(ring.map(round)));
fc.features = fc.features.map((f) => ({
  type: 'Feature',
  properties: { name: f.properties.name },
  geometry: {
    type: f.geometry.type,
    coordinates: f.geometry.type === 'Polygon' ? polygon(f.geometry.coordinates) : f.geometry.coordinates.map(polygon),
  },
}));
process.stdout.write(JSON.stringify(fc));

// One-off: Natural Earth 110m countries (world-atlas TopoJSON) -> GeoJSON for lagebild serve.
// Run beside unpacked `npm pack world-atlas topojson-client` folders (package/ renamed): node convert.js > countries-110m.geojson
const tc = require('./topojson-client/dist/topojson-client.js');
const topo = require('./world-atlas/countries-110m.json');
const fc = tc.feature(topo, topo.objects.countries);
const r = (c) => Array.isArray(c[0]) ? c.map(r) : [Math.round(c[0]*100)/100, Math.round(c[1]*100)/100];
fc.features = fc.features.map(f => ({type: 'Feature', properties: {name: f.properties.name}, geometry: {type: f.geometry.type, coordinates: r(f.geometry.coordinates)}}));
process.stdout.write(JSON.stringify(fc));

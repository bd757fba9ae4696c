import type { Feature, Geometry } from 'geojson';
import type { InputLayer } from '../../../src/core/conflicts/check-conflicts';
import { seededRandom } from '../../../src/core/random/seeded-random';

type Props = Record<string, unknown>;

/**
 * Seeded features of every kind the rules name, in a 60 km square astride the 112.5°E boundary between the
 * 111°E and 114°E Gauss-Krüger zones, with precision radii from surveyed (0) to ±2 km and one ±25 km site.
 */
export function seededLayers(seed: number): InputLayer[] {
  const rand = seededRandom(seed);
  const m2lon = 1 / (111_320 * Math.cos((36.5 * Math.PI) / 180));
  const m2lat = 1 / 110_574;
  const polygon = (cx: number, cy: number, r: number, n: number): Geometry => {
    const ring: number[][] = [];
    const phase = rand() * Math.PI;
    for (let i = 0; i < n; i++) {
      const a = phase + (2 * Math.PI * i) / n + (rand() - 0.5) * 0.5;
      const rr = r * (0.55 + 0.45 * rand());
      ring.push([cx + rr * Math.cos(a) * m2lon, cy + rr * Math.sin(a) * m2lat]);
    }
    ring.push([...(ring[0] as number[])]);
    return { type: 'Polygon', coordinates: [ring] };
  };
  const rect = (cx: number, cy: number, w: number, h: number): Geometry => {
    const x0 = cx - (w / 2) * m2lon;
    const x1 = cx + (w / 2) * m2lon;
    const y0 = cy - (h / 2) * m2lat;
    const y1 = cy + (h / 2) * m2lat;
    return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  };
  const at = (): [number, number] => [112.5 + (rand() - 0.5) * 60_000 * m2lon, 36.5 + (rand() - 0.5) * 60_000 * m2lat];
  const precisions = [0, 0, 0, 5, 50, 500, 2000];
  const pick = (): number => precisions[Math.floor(rand() * precisions.length)] as number;
  const features = (n: number, make: (i: number) => { geometry: Geometry; props: Props }): Array<Feature<Geometry, Props>> =>
    Array.from({ length: n }, (_, i) => {
      const f = make(i);
      return { type: 'Feature', geometry: f.geometry, properties: f.props };
    });
  const layer = (name: string, list: Array<Feature<Geometry, Props>>): InputLayer => ({ name, features: list });
  const relicCentres = Array.from({ length: 120 }, at);
  return [
    layer('parks', features(40, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 600 + rand() * 1500, 9), props: { id: `park-${i}`, layer: 'chemical-park', name: `园区${i}`, precisionM: pick(), status: i === 3 ? 'withdrawn' : 'in-force' } };
    })),
    layer('relic-protection', features(120, (i) => {
      const [x, y] = relicCentres[i] as [number, number];
      return { geometry: rect(x, y, 80 + rand() * 300, 80 + rand() * 300), props: { id: `rp-${i}`, layer: 'relic-protection', name: `文物${i}`, precisionM: pick() } };
    })),
    layer('relic-control', features(120, (i) => {
      const [x, y] = relicCentres[i] as [number, number];
      return { geometry: rect(x, y, 600 + rand() * 600, 600 + rand() * 600), props: { id: `rc-${i}`, layer: 'relic-control', name: `文物${i}`, precisionM: pick() } };
    })),
    layer('acquisition', features(30, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 400 + rand() * 900, 7), props: { id: `la-${i}`, layer: 'land-acquisition', name: `片区${i}`, precisionM: pick() } };
    })),
    layer('meteo', features(12, (i) => {
      const [x, y] = i === 0 ? [112.5, 36.5] : at();
      return { geometry: { type: 'Point', coordinates: [x, y] }, props: { id: `radar-${i}`, layer: 'meteo-site', name: `X波段雷达${i}`, precisionM: i === 0 ? 25_000 : pick() } };
    })),
    layer('project', features(25, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 300 + rand() * 700, 8), props: { id: `pb-${i}`, layer: 'imported', category: 'project-boundary', name: `项目${i}`, precisionM: pick() } };
    })),
    layer('red-line', features(60, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 500 + rand() * 2500, 11), props: { id: `rl-${i}`, layer: 'imported', category: 'ecological-red-line', precisionM: 0 } };
    })),
    layer('farmland', features(400, (i) => {
      const [x, y] = at();
      return { geometry: rect(x, y, 100 + rand() * 400, 100 + rand() * 400), props: { id: `fl-${i}`, layer: 'imported', category: 'permanent-basic-farmland', precisionM: 0 } };
    })),
    layer('urban', features(20, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 1500 + rand() * 4000, 13), props: { id: `ub-${i}`, layer: 'imported', category: 'urban-development-boundary', precisionM: 0 } };
    })),
  ];
}


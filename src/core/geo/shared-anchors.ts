/**
 * Honest stacking: text-derived features of different sites placed at one approximate anchor (a township seat,
 * a county seat) are drawn on top of each other, and a click, a point query or a compliance check would claim
 * each of them. This groups them so that views can say "N sites share this approximate position" instead.
 */

/** What grouping needs of a feature. */
export interface AnchoredFeature {
  id: string;
  /** The site's name as shown. */
  name: string;
  /** What makes two features one site (e.g. the record they were built from); the name when absent. */
  site?: string | null;
  anchor: { lon: number; lat: number; name?: string } | null;
  precisionM: number;
}

/** Sites sharing one approximate position. */
export interface SharedAnchorGroup {
  /** Stable key of the position (anchor rounded to 1e-6° ≈ 0.1 m). */
  key: string;
  lon: number;
  lat: number;
  /** Name of the anchor (e.g. the township), when known. */
  anchorName: string | null;
  /** Largest position precision among the group's features, metres. */
  precisionM: number;
  /** Distinct site names, sorted. */
  sites: string[];
  /** Every feature of those sites. */
  featureIds: string[];
}

const keyOf = (lon: number, lat: number): string => `${lon.toFixed(6)},${lat.toFixed(6)}`;

/**
 * Groups approximately placed features (precision > 0) by anchor; only positions shared by two or more distinct
 * sites are returned, largest groups first. Surveyed features (precision 0) are never grouped.
 */
export function sharedAnchorGroups(features: Iterable<AnchoredFeature>): SharedAnchorGroup[] {
  const groups = new Map<string, SharedAnchorGroup & { names: Map<string, string> }>();
  for (const f of features) {
    if (f.anchor === null || !(f.precisionM > 0)) continue;
    const key = keyOf(f.anchor.lon, f.anchor.lat);
    let g = groups.get(key);
    if (g === undefined) {
      g = { key, lon: f.anchor.lon, lat: f.anchor.lat, anchorName: f.anchor.name ?? null, precisionM: 0, sites: [], featureIds: [], names: new Map() };
      groups.set(key, g);
    }
    const site = f.site ?? f.name;
    if (!g.names.has(site)) g.names.set(site, f.name);
    g.featureIds.push(f.id);
    g.precisionM = Math.max(g.precisionM, f.precisionM);
  }
  return [...groups.values()]
    .filter((g) => g.names.size > 1)
    .map(({ names, ...g }) => ({ ...g, sites: [...names.values()].sort(), featureIds: [...g.featureIds].sort() }))
    .sort((a, b) => b.sites.length - a.sites.length || (a.key < b.key ? -1 : 1));
}

/** For each feature id of a shared group, its group (for inspectors, search results and compliance rows). */
export function sharedAnchorIndex(groups: readonly SharedAnchorGroup[]): Map<string, SharedAnchorGroup> {
  const index = new Map<string, SharedAnchorGroup>();
  for (const g of groups) for (const id of g.featureIds) index.set(id, g);
  return index;
}

import type { Anchor } from '../model/anchor';
import { COUNTY_FALLBACK_PRECISION_M, countyKey, TOWNSHIP_FALLBACK_PRECISION_M } from './resolve-place';
import { shanxiGazetteerSchema } from './shanxi-schema';
import type { CountyEntry, DivisionAnchor, ShanxiGazetteerData, TownshipEntry } from './shanxi-schema';

/**
 * Names and codes of every Shanxi city, county and township with the anchors known for them: candidates for a
 * name (a picker), and resolution of a county (and township) to a point with a precision. Pure: the caller loads
 * the JSON (lazily, in the app) and passes it to {@link parseShanxiGazetteer}.
 */

/** Levels of the divisions. */
export const DIVISION_LEVELS = ['city', 'county', 'township'] as const;
/** One of {@link DIVISION_LEVELS}. */
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

/** How well a candidate's name matches the query, best first. */
export const MATCH_KINDS = ['exact', 'key', 'prefix', 'contains'] as const;
/** One of {@link MATCH_KINDS}. */
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A division offered for a name: what it is, where it is, and how it matched. */
export interface DivisionCandidate {
  level: DivisionLevel;
  code: string;
  name: string;
  /** Names of the enclosing divisions, outermost first (城市, 县). */
  parents: string[];
  anchor: { lon: number; lat: number; precisionM: number; source: string } | null;
  match: MatchKind;
}

/** Key of a township name: 季庄乡 and 季庄镇 compare equal, 新建路街道 and 新建路办事处 too. */
export function townshipKey(name: string): string {
  const stripped = name.trim().replace(/(街道办事处|街道|办事处|镇|乡)$/, '');
  return stripped.length >= 1 ? stripped : name.trim();
}

/** Reasons a county cannot be resolved. */
export const SHANXI_UNRESOLVED = {
  UNKNOWN: 'unknown-county',
  AMBIGUOUS: 'ambiguous-county',
} as const;

/** A resolved place: the finest division found and the point to use, with the radius of where the place may lie. */
export interface ShanxiResolution {
  ok: true;
  county: DivisionCandidate;
  township: DivisionCandidate | null;
  /** The point to use: the township's anchor, else the county's; null when neither has one. */
  anchor: DivisionCandidate['anchor'];
  /** Radius (m) within which a place of the township (or county) lies around `anchor`; null without an anchor. */
  precisionM: number | null;
  via: 'township' | 'county' | 'none';
  /** The township named but not found in the county (renamed or merged), when so. */
  townshipNotFound: string | null;
}

/** Why a county did not resolve, with the divisions that could be meant. */
export interface ShanxiUnresolved {
  ok: false;
  reason: (typeof SHANXI_UNRESOLVED)[keyof typeof SHANXI_UNRESOLVED];
  candidates: DivisionCandidate[];
}

/** Parses gazetteer JSON (unknown input) into a resolver, or returns the first schema problem. */
export function parseShanxiGazetteer(json: unknown): { ok: true; gazetteer: ShanxiGazetteer } | { ok: false; message: string } {
  const r = shanxiGazetteerSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, message: `${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}` };
  }
  return { ok: true, gazetteer: new ShanxiGazetteer(r.data) };
}

function matchOf(name: string, key: string, query: string, queryKey: string): MatchKind | null {
  if (name === query) return 'exact';
  if (key === queryKey) return 'key';
  if (name.startsWith(query)) return 'prefix';
  if (query.length >= 2 && name.includes(query)) return 'contains';
  return null;
}

/** The resolver over a parsed gazetteer. */
export class ShanxiGazetteer {
  private readonly cityName = new Map<string, string>();
  private readonly countyByCode = new Map<string, CountyEntry>();
  private readonly townshipsByCounty = new Map<string, TownshipEntry[]>();

  constructor(readonly data: ShanxiGazetteerData) {
    for (const c of data.cities) this.cityName.set(c.code, c.name);
    for (const c of data.counties) this.countyByCode.set(c.code, c);
    for (const t of data.townships) this.townshipsByCounty.set(t.county, [...(this.townshipsByCounty.get(t.county) ?? []), t]);
  }

  private anchorOf(a: DivisionAnchor | null): DivisionCandidate['anchor'] {
    if (!a) return null;
    return { lon: a.lon, lat: a.lat, precisionM: a.precisionM, source: this.data.anchorSources[a.source]?.source ?? 'unknown' };
  }

  private countyCandidate(c: CountyEntry, match: MatchKind): DivisionCandidate {
    return { level: 'county', code: c.code, name: c.name, parents: [this.cityName.get(c.city) ?? c.city], anchor: this.anchorOf(c.anchor), match };
  }

  private townshipCandidate(t: TownshipEntry, match: MatchKind): DivisionCandidate {
    const county = this.countyByCode.get(t.county);
    return { level: 'township', code: t.code, name: t.name, parents: [county ? (this.cityName.get(county.city) ?? '') : '', county?.name ?? t.county], anchor: this.anchorOf(t.anchor), match };
  }

  /**
   * Divisions whose name matches `query` (exact, same key, prefix, then contained), best match first, then by
   * code. `countyCode` limits townships to one county; `levels` limits the kinds listed.
   */
  candidates(query: string, opts: { countyCode?: string; levels?: readonly DivisionLevel[]; limit?: number } = {}): DivisionCandidate[] {
    const q = query.trim();
    if (q.length === 0) return [];
    const levels = new Set(opts.levels ?? DIVISION_LEVELS);
    const out: DivisionCandidate[] = [];
    if (levels.has('city')) {
      for (const c of this.data.cities) {
        const m = matchOf(c.name, countyKey(c.name), q, countyKey(q));
        if (m) out.push({ level: 'city', code: c.code, name: c.name, parents: ['山西省'], anchor: this.anchorOf(c.anchor), match: m });
      }
    }
    if (levels.has('county')) {
      for (const c of this.data.counties) {
        const m = matchOf(c.name, countyKey(c.name), q, countyKey(q));
        if (m) out.push(this.countyCandidate(c, m));
      }
    }
    if (levels.has('township')) {
      const list = opts.countyCode ? (this.townshipsByCounty.get(opts.countyCode) ?? []) : this.data.townships;
      for (const t of list) {
        const m = matchOf(t.name, townshipKey(t.name), q, townshipKey(q));
        if (m) out.push(this.townshipCandidate(t, m));
      }
    }
    const rank = (c: DivisionCandidate): number => MATCH_KINDS.indexOf(c.match);
    out.sort((a, b) => rank(a) - rank(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return out.slice(0, opts.limit ?? 50);
  }

  /** The townships of a county (for a picker), in code order. */
  townshipsOf(countyCode: string): DivisionCandidate[] {
    return (this.townshipsByCounty.get(countyCode) ?? []).map((t) => this.townshipCandidate(t, 'exact'));
  }

  /**
   * Resolves a county (name or 6-digit code; `city` narrows a name shared by several cities, such as 城区) and
   * optionally a township in it. Never guesses among same-name counties: those come back as candidates.
   */
  resolve(q: { county: string; township?: string | null; city?: string | null }): ShanxiResolution | ShanxiUnresolved {
    const byCode = /^\d{6}$/.test(q.county) ? this.countyByCode.get(q.county) : undefined;
    let matches = byCode
      ? [byCode]
      : this.data.counties.filter((c) => c.name === q.county.trim() || countyKey(c.name) === countyKey(q.county));
    if (q.city && matches.length > 1) {
      const cityKey = countyKey(q.city);
      matches = matches.filter((c) => countyKey(this.cityName.get(c.city) ?? '') === cityKey);
    }
    if (matches.length !== 1) {
      const candidates = matches.length > 1 ? matches.map((c) => this.countyCandidate(c, 'key')) : this.candidates(q.county, { levels: ['county'], limit: 10 });
      return { ok: false, reason: matches.length > 1 ? SHANXI_UNRESOLVED.AMBIGUOUS : SHANXI_UNRESOLVED.UNKNOWN, candidates };
    }
    const county = this.countyCandidate(matches[0]!, 'exact');
    const tName = q.township?.trim() || null;
    const towns = tName ? (this.townshipsByCounty.get(county.code) ?? []).filter((t) => t.name === tName || townshipKey(t.name) === townshipKey(tName)) : [];
    const township = towns.length === 1 ? this.townshipCandidate(towns[0]!, towns[0]!.name === tName ? 'exact' : 'key') : null;
    const notFound = tName && !township ? tName : null;
    if (township?.anchor) {
      return { ok: true, county, township, anchor: township.anchor, precisionM: Math.max(township.anchor.precisionM, TOWNSHIP_FALLBACK_PRECISION_M), via: 'township', townshipNotFound: null };
    }
    if (county.anchor) return { ok: true, county, township, anchor: county.anchor, precisionM: COUNTY_FALLBACK_PRECISION_M, via: 'county', townshipNotFound: notFound };
    return { ok: true, county, township, anchor: null, precisionM: null, via: 'none', townshipNotFound: notFound };
  }

  /**
   * Anchors of the counties and townships that have one, in the pipeline's anchor form (county names as the NBS
   * list writes them), for {@link Gazetteer}. `ids` already taken are skipped.
   */
  toAnchors(): Anchor[] {
    const out: Anchor[] = [];
    const mk = (id: string, level: 'county' | 'town', name: string, county: string, a: DivisionAnchor): Anchor => ({
      id,
      level,
      name,
      note: a.publishedName ? `published as ${a.publishedName}` : '',
      county,
      original: { lat: a.lat, lon: a.lon, datum: 'WGS84' },
      wgs84: { lat: a.lat, lon: a.lon },
      datumUnknown: false,
      precisionM: a.precisionM,
      source: this.data.anchorSources[a.source]?.source ?? 'unknown',
    });
    for (const c of this.data.counties) {
      if (c.anchor) out.push(mk(`nbs-${c.code}`, 'county', c.name, c.name, c.anchor));
      for (const t of this.townshipsByCounty.get(c.code) ?? []) if (t.anchor) out.push(mk(`nbs-${t.code}`, 'town', t.name, c.name, t.anchor));
    }
    return out;
  }
}

import type { Anchor } from '../model/anchor';
import type { AnchorRef } from '../model/feature-props';
import type { AliasRow, AnchorOverride, PlaceRow } from './gazetteer-schema';

/**
 * Radius for a place known only to lie somewhere in a township: townships here cover roughly 60–150 km², i.e.
 * 4–7 km from their seat, so a village resolved to its township's seat may be that far off.
 */
export const TOWNSHIP_FALLBACK_PRECISION_M = 6_000;
/**
 * Radius for a place known only to lie somewhere in a county: the counties concerned cover 700–3,000 km², i.e.
 * 15–30 km from their seat.
 */
export const COUNTY_FALLBACK_PRECISION_M = 25_000;

/** Township value of a place that lies in the county seat town. */
export const COUNTY_SEAT_TOWN = '县城';

/** How a name was resolved, from the best to the worst. */
export type ResolvedVia = 'override' | 'own-anchor' | 'township' | 'county-seat' | 'county';

/** A name placed at an anchor. */
export interface ResolvedPlace {
  ok: true;
  query: string;
  anchor: AnchorRef;
  /** Radius in metres within which the named place may lie around `anchor`. */
  precisionM: number;
  via: ResolvedVia;
  township: string | null;
  /** Human-readable explanation, English. */
  explanation: string;
}

/** Reasons a name could not be resolved. */
export const UNRESOLVED_REASONS = {
  UNKNOWN_COUNTY: 'unknown-county',
} as const;

/** A name that resolved to nothing. */
export interface UnresolvedPlace {
  ok: false;
  query: string;
  reason: (typeof UNRESOLVED_REASONS)[keyof typeof UNRESOLVED_REASONS];
  message: string;
}

/** Query for {@link Gazetteer.resolve}. */
export interface PlaceQuery {
  /** The name as the text gives it (平里村, 岭上村, 石口村, 魁星楼 …). */
  name: string;
  /** County-level unit; short forms (襄汾) are accepted. */
  county: string;
  /** Township when the text gives it (an address); wins over the division lists. */
  township?: string | null;
  /** Township the other references of the same feature resolved to, to pick among same-name villages. */
  contextTownship?: string | null;
}

const COUNTY_SUFFIX = /(自治县|县|市|区)$/;

/** Key for comparing county names: 襄汾县 and 襄汾 compare equal; 临县 stays 临县. */
export function countyKey(name: string): string {
  const trimmed = name.trim();
  const stripped = trimmed.replace(COUNTY_SUFFIX, '');
  return stripped.length >= 2 ? stripped : trimmed;
}

/** Key for comparing place names: 平里村 and 平里 compare equal. */
export function placeKey(name: string): string {
  const trimmed = name.trim();
  const stripped = trimmed.replace(/(自然村|村委会|村)$/, '');
  return stripped.length >= 1 ? stripped : trimmed;
}

function anchorRef(a: Anchor): AnchorRef {
  return { name: a.name, level: a.level, source: a.source, lon: a.wgs84.lon, lat: a.wgs84.lat };
}

/**
 * The gazetteer: anchors, the township of each named place, aliases and user overrides. A name resolves by
 * county and township, never by name alone (several villages share names).
 */
export class Gazetteer {
  private readonly countyAnchors = new Map<string, Anchor>();
  private readonly townAnchors = new Map<string, Anchor>();
  private readonly ownAnchors = new Map<string, Anchor>();
  private readonly anchorsById = new Map<string, Anchor>();
  private readonly places = new Map<string, PlaceRow[]>();
  private readonly aliases = new Map<string, string>();
  private readonly overrides = new Map<string, AnchorOverride>();

  constructor(anchors: readonly Anchor[], places: readonly PlaceRow[], aliases: readonly AliasRow[], overrides: readonly AnchorOverride[]) {
    for (const a of anchors) {
      this.anchorsById.set(a.id, a);
      const ck = countyKey(a.county);
      if (a.level === 'county' || a.level === 'city') {
        if (!this.countyAnchors.has(countyKey(a.name))) this.countyAnchors.set(countyKey(a.name), a);
      } else if (a.level === 'town') {
        this.townAnchors.set(`${ck}|${a.name}`, a);
      } else {
        for (const n of a.name.split('/').map((s) => s.trim())) this.ownAnchors.set(`${ck}|${placeKey(n)}`, a);
      }
    }
    for (const p of places) {
      if (p.anchorId && !this.anchorsById.has(p.anchorId)) throw new Error(`places row ${p.name}: unknown anchor ${p.anchorId}`);
      const k = `${countyKey(p.county)}|${placeKey(p.name)}`;
      this.places.set(k, [...(this.places.get(k) ?? []), p]);
    }
    for (const al of aliases) this.aliases.set(`${countyKey(al.county)}|${al.alias}`, al.canonical);
    for (const o of overrides) this.overrides.set(`${countyKey(o.county)}|${placeKey(o.name)}`, o);
  }

  /**
   * A site with its own published point, found by name alone: only for places rows that name an anchor id, and
   * only when exactly one such row has the name (a site, unlike a village, is unique).
   */
  siteByName(names: readonly string[]): { county: string; place: ResolvedPlace } | null {
    const rows = [...this.places.values()].flat().filter((r) => r.anchorId && names.some((n) => placeKey(n) === placeKey(r.name)));
    if (rows.length !== 1) return null;
    const row = rows[0]!;
    const place = this.resolve({ name: row.name, county: row.county });
    return place.ok ? { county: row.county, place } : null;
  }

  /** The county anchor for a county name (short forms accepted), if known. */
  county(name: string): Anchor | undefined {
    return this.countyAnchors.get(countyKey(name));
  }

  /** The town anchor of a township in a county, following aliases. */
  town(county: string, township: string): Anchor | undefined {
    const ck = countyKey(county);
    const canonical = this.aliases.get(`${ck}|${township}`) ?? township;
    return this.townAnchors.get(`${ck}|${canonical}`);
  }

  /** Resolves a name to the best anchor available, or says why it cannot. */
  resolve(q: PlaceQuery): ResolvedPlace | UnresolvedPlace {
    const ck = countyKey(q.county);
    const countyAnchor = this.countyAnchors.get(ck);
    if (!countyAnchor) {
      return { ok: false, query: q.name, reason: UNRESOLVED_REASONS.UNKNOWN_COUNTY, message: `county ${q.county} is not in the gazetteer` };
    }
    const pk = placeKey(q.name);
    const override = this.overrides.get(`${ck}|${pk}`);
    if (override) {
      return {
        ok: true,
        query: q.name,
        anchor: { name: override.name, level: 'user', source: override.source, lon: override.lon, lat: override.lat },
        precisionM: override.precisionM,
        via: 'override',
        township: q.township ?? null,
        explanation: `user-supplied anchor (${override.source})`,
      };
    }
    const rows = this.places.get(`${ck}|${pk}`) ?? [];
    const ownId = rows.find((r) => r.anchorId)?.anchorId;
    const own = (ownId ? this.anchorsById.get(ownId) : undefined) ?? this.ownAnchors.get(`${ck}|${pk}`);
    if (own) {
      return { ok: true, query: q.name, anchor: anchorRef(own), precisionM: own.precisionM, via: 'own-anchor', township: q.township ?? null, explanation: `own ${own.level} anchor: ${own.name}` };
    }
    const listed = rows.map((r) => r.township).filter((t) => t.length > 0);
    const candidates: string[] = [];
    if (q.township) candidates.push(q.township);
    if (listed.length === 1) candidates.push(listed[0]!);
    else if (listed.length > 1 && q.contextTownship && listed.includes(q.contextTownship)) candidates.push(q.contextTownship);
    for (const t of candidates) {
      if (t === COUNTY_SEAT_TOWN) {
        return {
          ok: true,
          query: q.name,
          anchor: anchorRef(countyAnchor),
          precisionM: countyAnchor.precisionM,
          via: 'county-seat',
          township: t,
          explanation: `in the county seat town; placed at the ${countyAnchor.name} government point, within ${countyAnchor.precisionM / 1000} km`,
        };
      }
      const town = this.town(q.county, t);
      if (town) {
        const precisionM = Math.max(town.precisionM, TOWNSHIP_FALLBACK_PRECISION_M);
        const moved = q.township && t !== q.township ? ` (the address names ${q.township}, which has no anchor; the division list puts ${q.name} in ${t})` : '';
        return {
          ok: true,
          query: q.name,
          anchor: anchorRef(town),
          precisionM,
          via: 'township',
          township: town.name,
          explanation: `no coordinates for ${q.name}; placed at the seat of ${town.name}, within ${precisionM / 1000} km${moved}`,
        };
      }
    }
    const why =
      listed.length > 1 && candidates.length === 0
        ? `${q.name} exists in several townships (${listed.join('、')}) and nothing says which`
        : candidates.length > 0
          ? `township ${candidates.join('/')} has no anchor`
          : `${q.name} is in no division list here`;
    return {
      ok: true,
      query: q.name,
      anchor: anchorRef(countyAnchor),
      precisionM: COUNTY_FALLBACK_PRECISION_M,
      via: 'county',
      township: null,
      explanation: `${why}; placed at the ${countyAnchor.name} seat, within ${COUNTY_FALLBACK_PRECISION_M / 1000} km`,
    };
  }
}

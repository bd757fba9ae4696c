import type { Position } from 'geojson';
import { GK3_ZONE_RANGE, GK6_ZONE_RANGE } from '../geo/crs-registry';
import { centralMeridianOf, epsgForZone, isSupportedZone, type ZoneWidth } from '../geo/gauss-kruger';
import type { ExportFeature } from './export-types';
import type { Bilingual } from './import-types';

/**
 * Choice of the Gauss-Krüger zone of a projected export (coordinate tables, the ministry format,
 * shapefiles in a zone): every CGCS2000 zone is offered (3°: 25–45, 6°: 13–23), the default is the
 * zone holding most vertices, and data reaching into other zones is reported with how far it
 * reaches beyond the chosen zone's edge.
 */

/** One zone the user may pick. */
export interface ZoneOption {
  readonly zone: number;
  readonly width: ZoneWidth;
  readonly centralMeridian: number;
  /** EPSG code with and without the zone prefix in the easting. */
  readonly epsgPrefixed: number;
  readonly epsgPlain: number;
  /** Vertices of the data whose longitude falls in this zone. */
  readonly vertices: number;
}

/** What {@link chooseExportZone} returns. */
export interface ZoneChoice {
  readonly ok: true;
  readonly zone: number;
  readonly width: ZoneWidth;
  readonly centralMeridian: number;
  readonly epsg: number;
  /** Zones the data's vertices fall in (the chosen one first). */
  readonly spannedZones: readonly number[];
  /** Largest distance in degrees of longitude of a vertex beyond the chosen zone's edge (0 inside). */
  readonly beyondEdgeDeg: number;
  /** Set when the data span zones or lie outside China's zones. */
  readonly warning: Bilingual | null;
}

/** Every zone of a width (3° zones 25–45, 6° zones 13–23), with vertex counts of the data when given. */
export function listExportZones(width: ZoneWidth, features: readonly ExportFeature[] = []): ZoneOption[] {
  const counts = zoneCounts(features, width);
  const range = width === 3 ? GK3_ZONE_RANGE : GK6_ZONE_RANGE;
  const out: ZoneOption[] = [];
  for (let z = range.min; z <= range.max; z++) {
    out.push({ zone: z, width, centralMeridian: centralMeridianOf(z, width), epsgPrefixed: epsgForZone(z, width, true), epsgPlain: epsgForZone(z, width, false), vertices: counts.get(z) ?? 0 });
  }
  return out;
}

function* lonsOf(features: readonly ExportFeature[]): Generator<number> {
  const visit = function* (c: unknown): Generator<number> {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      if (Number.isFinite(c[0])) yield c[0];
      return;
    }
    for (const x of c) yield* visit(x);
  };
  for (const f of features) {
    const g = f.geometry;
    if (g === null) continue;
    if (g.type === 'GeometryCollection') {
      for (const x of g.geometries) if (x.type !== 'GeometryCollection') yield* visit((x as { coordinates: Position | Position[] }).coordinates);
    } else yield* visit(g.coordinates);
  }
}

function zoneOfLon(lon: number, width: ZoneWidth): number {
  return width === 3 ? Math.round(lon / 3) : Math.floor(lon / 6) + 1;
}

function zoneCounts(features: readonly ExportFeature[], width: ZoneWidth): Map<number, number> {
  const counts = new Map<number, number>();
  for (const lon of lonsOf(features)) {
    const z = zoneOfLon(lon, width);
    counts.set(z, (counts.get(z) ?? 0) + 1);
  }
  return counts;
}

/**
 * Chooses the export zone from the data: the zone holding most vertices (ties: the eastern one),
 * or `requested` when given. Warns when vertices fall in other zones too, naming them and how far
 * beyond the edge they reach. Returns a failure when no vertex has a longitude or the requested or
 * chosen zone is not a CGCS2000 zone.
 */
export function chooseExportZone(
  features: readonly ExportFeature[],
  width: ZoneWidth = 3,
  requested?: number,
  prefixed = true,
): ZoneChoice | { readonly ok: false; readonly message: Bilingual } {
  const counts = zoneCounts(features, width);
  if (counts.size === 0 && requested === undefined) return { ok: false, message: { zh: '要素没有有效经度，无法选择投影带', en: 'the features have no valid longitude to choose a zone from' } };
  let zone = requested;
  if (zone === undefined) {
    let best = -1;
    for (const [z, n] of counts) if (n > best || (n === best && z > (zone ?? -Infinity))) [zone, best] = [z, n];
  }
  if (zone === undefined || !isSupportedZone(zone, width)) {
    const range = width === 3 ? GK3_ZONE_RANGE : GK6_ZONE_RANGE;
    return { ok: false, message: { zh: `${width}度带第 ${zone ?? '?'} 带不是 CGCS2000 投影带（${range.min}–${range.max}）`, en: `${width}° zone ${zone ?? '?'} is not a CGCS2000 zone (${range.min}–${range.max})` } };
  }
  const cm = centralMeridianOf(zone, width);
  let beyond = 0;
  for (const lon of lonsOf(features)) beyond = Math.max(beyond, Math.abs(lon - cm) - width / 2);
  const spanned = [zone, ...[...counts.keys()].filter((z) => z !== zone).sort((a, b) => a - b)];
  const others = spanned.slice(1);
  const warning: Bilingual | null =
    others.length === 0
      ? null
      : {
          zh: `数据跨越投影带：部分顶点位于第 ${others.join('、')} 带，最远超出第 ${zone} 带边界 ${beyond.toFixed(3)}°；带外变形较大，请确认或分带导出`,
          en: `the data span zones: some vertices lie in zone(s) ${others.join(', ')}, up to ${beyond.toFixed(3)}° beyond the edge of zone ${zone}; distortion grows outside the zone, confirm or export per zone`,
        };
  return { ok: true, zone, width, centralMeridian: cm, epsg: epsgForZone(zone, width, prefixed), spannedZones: spanned, beyondEdgeDeg: Math.max(0, beyond), warning };
}

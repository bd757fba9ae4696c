import type { Feature, Polygon } from 'geojson';
import { z } from 'zod';
import gb31223Json from '../../../data/radar/gb31223.json';
import { parseRuleSet } from '../conflicts/rule-schema';
import type { Rule, RuleSet } from '../conflicts/rule-schema';
import { geodesicCircle } from '../geo/circle';
import { beamHeightAtGround } from './beam-geometry';
import type { BeamModel } from './beam-geometry';

/**
 * Protected surroundings of a weather radar station after GB 31223-2014, as parameterised data
 * (data/radar/gb31223.json): protection zones around the antenna, each with its radius, the
 * largest obstruction elevation allowed in it and its clause reference. The zones become polygon
 * features (layer `imported`, category `radar-protection-zone-N`) that the conflict engine checks
 * with the rules of {@link radarZoneRuleSet}. The numbers are product defaults until verified
 * against the standard text (see the file's `verificationNote`).
 */

const paramSchema = z
  .object({ value: z.number().nonnegative().finite(), kind: z.enum(['legal-value', 'configurable-default']), note: z.string().min(1) })
  .strict();

/** One protection zone definition. */
export const protectionZoneSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    category: z.string().regex(/^radar-protection-zone-[a-z0-9-]+$/),
    clause: z.string().min(1),
    radiusM: paramSchema,
    maxObstructionElevationDeg: paramSchema,
    severity: z.enum(['禁止', '需审批', '提示']),
  })
  .strict();
/** A protection zone definition. */
export type ProtectionZoneDef = z.infer<typeof protectionZoneSchema>;

/** The GB 31223 parameter file. */
export const gb31223Schema = z
  .object({
    id: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    document: z.string().min(1),
    verification: z.enum(['verified', 'unverified']),
    verificationNote: z.string().min(1),
    zones: z.array(protectionZoneSchema).min(1),
  })
  .strict();
/** The GB 31223 parameters. */
export type Gb31223Params = z.infer<typeof gb31223Schema>;

/** Reason: the GB 31223 parameters are invalid. */
export const GB31223_INVALID = 'gb31223-invalid';

/** Validates GB 31223 parameters (e.g. an edited copy). */
export function parseGb31223(input: unknown): { ok: true; value: Gb31223Params } | { ok: false; reason: typeof GB31223_INVALID; message: string } {
  const parsed = gb31223Schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: GB31223_INVALID, message: `GB 31223 参数无效 / invalid GB 31223 parameters: ${issues}` };
  }
  const radii = parsed.data.zones.map((zn) => zn.radiusM.value);
  if (radii.some((r, i) => i > 0 && r <= (radii[i - 1] as number))) {
    return { ok: false, reason: GB31223_INVALID, message: '保护区半径须由内向外递增 / zone radii must grow outwards' };
  }
  return { ok: true, value: parsed.data };
}

const builtIn = parseGb31223(gb31223Json);
if (!builtIn.ok) throw new Error(builtIn.message);
/** The built-in parameters of data/radar/gb31223.json. */
export const DEFAULT_GB31223: Gb31223Params = builtIn.value;

/** A radar site for zone building. */
export interface ZoneSite {
  readonly id: string;
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** Position uncertainty of the site (m); zones inherit it. */
  readonly precisionM: number;
}

/** Properties of a protection-zone feature (engine-compatible). */
export interface ZoneFeatureProps {
  readonly id: string;
  readonly layer: 'imported';
  readonly category: string;
  readonly name: string;
  readonly precisionM: number;
  readonly siteId: string;
  readonly zoneId: string;
  readonly clause: string;
  readonly radiusM: number;
  readonly maxObstructionElevationDeg: number;
  readonly verified: boolean;
}

/** The protection zones of one site as geodesic discs (innermost first). */
export function protectedZoneFeatures(site: ZoneSite, params: Gb31223Params = DEFAULT_GB31223, vertices = 96): Feature<Polygon, ZoneFeatureProps>[] {
  return params.zones.map((zone) => ({
    type: 'Feature',
    properties: {
      id: `${site.id}#${zone.id}`,
      layer: 'imported',
      category: zone.category,
      name: `${site.name} ${zone.name}`,
      precisionM: site.precisionM,
      siteId: site.id,
      zoneId: zone.id,
      clause: `GB 31223-2014 ${zone.clause}`,
      radiusM: zone.radiusM.value,
      maxObstructionElevationDeg: zone.maxObstructionElevationDeg.value,
      verified: params.verification === 'verified',
    },
    geometry: geodesicCircle([site.lon, site.lat], zone.radiusM.value, vertices),
  }));
}

/**
 * Highest allowed obstacle top (m a.s.l.) at ground distance d for an obstruction elevation limit,
 * on the 4/3-Earth ray from the antenna (antenna altitude in m a.s.l.).
 */
export function obstacleHeightLimit(distanceM: number, antennaAltitudeM: number, limitDeg: number, model: BeamModel = {}): number {
  return beamHeightAtGround(distanceM, limitDeg, antennaAltitudeM, model);
}

/**
 * Conflict rules for the zones: development (chemical parks, land acquisition, imported project
 * boundaries) overlapping a protection zone. Built from the parameters and validated against the
 * engine's rule schema; merge them with data/rules/rules.json when checking.
 */
export function radarZoneRuleSet(params: Gb31223Params = DEFAULT_GB31223): RuleSet {
  const rules: Rule[] = params.zones.map((zone) => ({
    id: `radar-${zone.id}-x-development`,
    version: 1,
    title: `建设用地位于天气雷达站${zone.name}内`,
    enabled: true,
    a: { categories: [zone.category] },
    b: { layers: ['chemical-park', 'land-acquisition'], categories: ['project-boundary'] },
    relation: 'overlap',
    params: {
      areaToleranceM2: { value: 1, kind: 'configurable-default', note: '吸收数字化误差的碎片面积阈值；不是法定数值。' },
    },
    severity: zone.severity,
    basis: [
      {
        document: params.document,
        article: zone.clause,
        text:
          `${zone.name}半径 ${zone.radiusM.value} m、遮挡仰角限值 ${zone.maxObstructionElevationDeg.value}°（${zone.radiusM.note}${zone.maxObstructionElevationDeg.note}）` +
          (params.verification === 'verified' ? '' : '；数值未与标准原文核对。'),
        textKind: 'summary',
      },
    ],
    notes: '保护区由 src/core/radar/protected-zones.ts 按 data/radar/gb31223.json 生成；建设用地内建筑高度未知，故按需审批处理。',
  }));
  const parsed = parseRuleSet({ id: 'radar-protection-zones', version: params.version, updated: params.updated, rules });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** Merges rule sets (ids must stay unique); the first set's id and version lead. */
export function mergeRuleSets(base: RuleSet, ...more: RuleSet[]): RuleSet {
  const merged = {
    id: [base.id, ...more.map((m) => m.id)].join('+'),
    version: base.version,
    updated: base.updated,
    rules: [...base.rules, ...more.flatMap((m) => m.rules)],
  };
  const parsed = parseRuleSet(merged);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

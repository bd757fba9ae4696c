import type { Polygon } from 'geojson';
import type { ResolvedPlace } from '../../core/gazetteer/resolve-place';
import type { Construction } from '../../core/model/feature-props';
import type { RelicSiteRecord, SourceRecordsFile, Zone } from '../../core/model/gazette-record';
import { AnchorFrame, polygonAreaM2, reversed } from './frame-geometry';
import { anchorFlag, baseProps, featureId } from './feature-base';
import type { LayerFeature } from './feature-base';
import { buildControlOuter, CONTROL_OUTCOMES } from './relic-control';
import { planarArea, zoneRing } from './relic-protection';
import type { ZoneGeom } from './relic-protection';
import { clauseList } from './relic-sides';

/**
 * Graded construction-control zones (一类/二类/三类建设控制地带): each grade is its own ring, grown by its
 * own offsets from the zone inside it (the protection range for the innermost grade, the previous grade
 * for the next), so a higher grade encloses the lower ones. A grade that cannot be read or drawn is
 * reported, and so is every grade measured from it; none is replaced by another zone's shape.
 */

/** Construction method of a graded ring. */
export const GRADED_METHOD = 'graded-control-ring';

const GRADE_WORDS: Record<number, string> = { 1: '一', 2: '二', 3: '三' };

/** The label of a grade: 一类建设控制地带, 二类…, 三类…. */
export function gradeLabel(grade: number): string {
  return `${GRADE_WORDS[grade] ?? String(grade)}类建设控制地带`;
}

/** Feature id of one grade of a site. */
export function gradedFeatureId(recordId: string, grade: number): string {
  return `${featureId('relic-control', recordId)}:g${grade}`;
}

/** The grade a clause reference names ("一类建设控制地带外…"), or null for the protection range. */
function referencedGrade(z: Zone): number | null {
  for (const c of z.clauses) {
    const ref = 'reference' in c ? c.reference : null;
    const m = ref === null || ref === undefined ? null : /([一二三])类/.exec(ref);
    if (m !== null) return m[1] === '一' ? 1 : m[1] === '二' ? 2 : 3;
  }
  return null;
}

/** What one site's graded zones gave: features and QA lines (code, message, feature id). */
export interface GradedBuild {
  features: LayerFeature[];
  notes: { featureId: string; code: string; message: string }[];
}

/** Reports every grade of a site as not drawn, with the reason. */
export function gradedNotDrawn(record: RelicSiteRecord, why: string): GradedBuild['notes'] {
  return (record.gradedControlZones ?? []).map((z) => ({
    featureId: gradedFeatureId(record.id, z.grade ?? 0),
    code: 'GRADED_ZONE_NOT_DRAWN',
    message: `${gradeLabel(z.grade ?? 0)}: ${why}`,
  }));
}

/** Builds the rings of a site's graded control zones around its drawn protection shape. */
export function buildGradedZones(file: SourceRecordsFile, record: RelicSiteRecord, place: ResolvedPlace, af: AnchorFrame, protection: ZoneGeom, scheme: Construction['scheme']): GradedBuild {
  const grades = [...(record.gradedControlZones ?? [])].sort((a, b) => (a.grade ?? 0) - (b.grade ?? 0));
  const out: GradedBuild = { features: [], notes: [] };
  let inner = protection;
  let innerGrade: number | null = null;
  let broken: string | null = null;
  for (const z of grades) {
    const grade = z.grade ?? 0;
    const label = gradeLabel(grade);
    const id = gradedFeatureId(record.id, grade);
    const say = (code: string, message: string): void => {
      out.notes.push({ featureId: id, code, message: `${label}: ${message}` });
    };
    if (broken !== null) {
      say('GRADED_ZONE_NOT_DRAWN', `measured from the ${broken}, which was not drawn: not drawn`);
      continue;
    }
    const named = referencedGrade(z);
    if (named !== null && named !== innerGrade) {
      say('GRADED_ZONE_NOT_DRAWN', `measured from the ${gradeLabel(named)}, which the text does not give before it: not drawn`);
      broken = label;
      continue;
    }
    const problems: string[] = [];
    const outer = buildControlOuter(z, inner, record, problems);
    for (const p of problems) say('CLAUSE_NOT_USED', p);
    if (!outer.ok) {
      if (outer.outcome === CONTROL_OUTCOMES.SAME_AS_PROTECTION) say('CONTROL_SAME_AS_PROTECTION', `the text says so («${z.text}»): no separate ring drawn`);
      else say('GRADED_ZONE_UNPARSED', `the text was not read («${z.text}»): not drawn`);
      broken = label;
      continue;
    }
    const ringArea = planarArea(outer.geom) - planarArea(inner);
    if (!(ringArea >= 1)) {
      say('CONTROL_ZONE_EMPTY', `the offsets read (${outer.unknown.length ? `no metres for ${outer.unknown.join(', ')}` : 'all 0 m'}) give no ring: not drawn`);
      broken = label;
      continue;
    }
    if (outer.unknown.length > 0) say('SIDES_UNKNOWN', `no metres for ${outer.unknown.join(', ')}: drawn on the inner boundary there, position unknown`);
    const polygon: Polygon = { type: 'Polygon', coordinates: [zoneRing(af, outer.geom), reversed(zoneRing(af, inner))] };
    const stated = z.area?.m2 ?? null;
    const area = polygonAreaM2(polygon);
    const residual = stated ? (area - stated) / stated : null;
    if (residual !== null && Math.abs(residual) > 0.005) say('CONTROL_AREA_RESIDUAL', `ring gives ${area.toFixed(2)} m² against stated ${stated} m² (${(100 * residual).toFixed(1)} %)`);
    out.features.push({
      type: 'Feature',
      id,
      geometry: polygon,
      properties: {
        ...baseProps(file, record, 'relic-control', place),
        id,
        name: `${record.name} ${label}`,
        method: GRADED_METHOD,
        grade,
        statedAreaM2: stated,
        computedAreaM2: area,
        areaResidual: residual,
        flags: [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), ...(outer.unknown.length ? ['UNKNOWN_SIDES'] : [])])].sort(),
        clauses: clauseList(z, 'construction-control'),
        construction: {
          frameEpsg: af.frame.epsg,
          scheme: outer.geom.kind === 'circle' ? 'circle' : outer.geom.kind === 'rect' ? outer.geom.scheme : scheme,
          footprintM: null,
          offsetsM: outer.offsetsM,
          assumedSides: outer.unknown,
          notes: [`measured-from:${innerGrade === null ? 'protection-range' : `grade-${innerGrade}`}`],
        },
      },
    });
    inner = outer.geom;
    innerGrade = grade;
  }
  return out;
}

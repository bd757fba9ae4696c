import type { EffectiveRule, FeatureSelector } from '../../core/conflicts/rule-schema';
import { sqlLiteral } from './psql';

/**
 * The rule set translated to SQL for PostGIS, with the same definitions as the JS engine
 * (src/core/conflicts/check-conflicts.ts):
 * - the same prefilter: each A feature's lon/lat box grown by (distance + rA + max rB + 1 m) with the engine's
 *   metres-to-degrees bound (`expandBoxByMetres`), against B's box;
 * - measures in the CGCS2000 3° Gauss-Krüger frame of the pair (the features' own zone when they share one, else
 *   the zone of their joint box centre; EPSG 4534–4554), planar areas and distances divided by the zone's point
 *   scale k ≈ 1 + x²/2R² at the pair's centre, as the engine does;
 * - the precision-aware verdict of `decideVerdict` (precision-verdict.ts): overlap depth from
 *   `ST_MaximumInscribedCircle` of A∩B minus the radius of the tolerance disc, −distance when apart; distance depth
 *   d − D; outside-of depth from the inscribed circle of A − ∪B.
 * Every object lives in one schema made for the run.
 */

/** SQL that creates the run's schema, its feature table and the measure functions. */
export function setupSql(schema: string): string {
  const S = schema;
  return `
SET client_min_messages = warning;
CREATE SCHEMA ${S};
CREATE TABLE ${S}.f (
  idx integer PRIMARY KEY, id text NOT NULL, layer text NOT NULL, category text, name text,
  precision_m double precision NOT NULL, source text NOT NULL, gj text,
  geom geometry(Geometry, 4490), is_area boolean, cm integer,
  minx double precision, miny double precision, maxx double precision, maxy double precision
);
CREATE FUNCTION ${S}.verdict(nominal boolean, depth double precision, shift double precision, inclusive boolean)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN nominal AND (shift = 0 OR depth - shift > 0 OR (inclusive AND depth - shift = 0)) THEN 'definite'
    WHEN nominal OR depth + shift > 0 OR (inclusive AND depth + shift = 0 AND shift > 0) THEN 'possible'
    ELSE 'none' END $$;
CREATE FUNCTION ${S}.srid(cm integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 4534 + (cm / 3 - 25) $$;
CREATE FUNCTION ${S}.k(x double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT 1 + power(x - 500000, 2) / (2 * 6371000.0 * 6371000.0) $$;
CREATE FUNCTION ${S}.grow(w double precision, s double precision, e double precision, n double precision, metres double precision,
  OUT gw double precision, OUT gs double precision, OUT ge double precision, OUT gn double precision)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE c double precision; dlon double precision;
BEGIN
  IF metres = 0 THEN gw := w; gs := s; ge := e; gn := n; RETURN; END IF;
  gs := greatest(-90, s - metres / 110500.0);
  gn := least(90, n + metres / 110500.0);
  c := cos(radians(greatest(abs(gs), abs(gn))));
  dlon := CASE WHEN c > 1e-6 THEN (metres / (111400.0 * c)) * 1.01 ELSE 360 END;
  gw := w - dlon; ge := e + dlon;
END $$;
CREATE FUNCTION ${S}.point_depth(pts geometry, area geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT max(CASE WHEN ST_Intersects(p.geom, area) THEN ST_Distance(p.geom, ST_Boundary(area)) ELSE -ST_Distance(p.geom, area) END)
  FROM ST_Dump(pts) p $$;
CREATE FUNCTION ${S}.pair(ga geometry, gb geometry, a_area boolean, b_area boolean, k double precision, relation text,
  dist double precision, tol double precision, shift double precision, want_overlap boolean,
  touch_width double precision, touch_area double precision,
  OUT verdict text, OUT nominal boolean, OUT depth double precision, OUT overlap_m2 double precision,
  OUT share_a double precision, OUT share_b double precision, OUT distance_m double precision, OUT touching boolean,
  OUT overlap geometry)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE inter geometry; planar double precision := 0; tolr double precision := sqrt(tol / pi()); d double precision;
BEGIN
  touching := false;
  IF a_area AND b_area THEN
    IF ST_Intersects(ga, gb) THEN
      inter := ST_CollectionExtract(ST_Intersection(ga, gb), 3);
      planar := coalesce(ST_Area(inter), 0);
      IF planar <= touch_area * k * k THEN planar := 0; END IF;
    END IF;
    overlap_m2 := planar / (k * k); share_a := planar / ST_Area(ga); share_b := planar / ST_Area(gb);
  END IF;
  IF relation = 'within-distance' THEN
    d := CASE WHEN planar > 0 THEN 0 ELSE ST_Distance(ga, gb) / k END;
    distance_m := d; nominal := d <= dist; depth := dist - d;
    verdict := ${S}.verdict(nominal, depth, shift, true);
  ELSIF a_area AND b_area THEN
    nominal := overlap_m2 > tol;
    IF planar > 0 THEN
      distance_m := 0; depth := (ST_MaximumInscribedCircle(inter)).radius / k - tolr;
    ELSE
      d := ST_Distance(ga, gb) / k; distance_m := d; depth := -d;
    END IF;
    verdict := ${S}.verdict(nominal, depth, shift, false);
    touching := NOT nominal AND distance_m < touch_width;
  ELSIF NOT a_area AND NOT b_area THEN
    d := ST_Distance(ga, gb) / k; distance_m := d; nominal := d = 0; depth := -d;
    verdict := ${S}.verdict(nominal, depth, shift, false);
  ELSE
    depth := ${S}.point_depth(CASE WHEN a_area THEN gb ELSE ga END, CASE WHEN a_area THEN ga ELSE gb END) / k;
    distance_m := greatest(0, -depth); nominal := depth > 0; touching := depth = 0;
    verdict := ${S}.verdict(nominal, depth, shift, false);
  END IF;
  IF want_overlap AND a_area AND b_area AND planar > 0 AND verdict <> 'none' THEN overlap := ST_Transform(inter, 4490); END IF;
END $$;
CREATE FUNCTION ${S}.outside(ga geometry, a_area boolean, u geometry, k double precision, tol double precision,
  shift double precision, want_overlap boolean, touch_area double precision,
  OUT verdict text, OUT nominal boolean, OUT depth double precision, OUT overlap_m2 double precision,
  OUT outside_m2 double precision, OUT share_a double precision, OUT distance_m double precision, OUT overlap geometry)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE inside double precision := 0; outside double precision; tolr double precision := sqrt(tol / pi()); diff geometry;
BEGIN
  IF a_area THEN
    IF u IS NOT NULL AND ST_Intersects(ga, u) THEN
      inside := ST_Area(ST_Intersection(ga, u));
      diff := ST_CollectionExtract(ST_Difference(ga, u), 3);
      outside := coalesce(ST_Area(diff), 0);
      IF outside <= touch_area * k * k THEN outside := 0; END IF;
    ELSE
      diff := ga;
      outside := ST_Area(ga);
    END IF;
    overlap_m2 := inside / (k * k); outside_m2 := outside / (k * k); share_a := inside / ST_Area(ga);
    nominal := outside_m2 > tol;
    IF outside > 0 THEN
      depth := (ST_MaximumInscribedCircle(diff)).radius / k - tolr;
    ELSE
      depth := CASE WHEN u IS NULL THEN 0 ELSE -ST_Distance(ST_Boundary(ga), ST_Boundary(u)) / k END;
    END IF;
    IF u IS NOT NULL THEN distance_m := CASE WHEN inside > 0 THEN 0 ELSE ST_Distance(ga, u) / k END; END IF;
    verdict := ${S}.verdict(nominal, depth, shift, false);
    IF want_overlap AND verdict <> 'none' THEN
      overlap := ST_Transform(diff, 4490);
    END IF;
  ELSE
    depth := CASE WHEN u IS NULL THEN 1e9 ELSE -${S}.point_depth(ga, u) / k END;
    nominal := depth > 0;
    verdict := ${S}.verdict(nominal, depth, shift, false);
  END IF;
END $$;
`;
}

/** SQL that fills the derived columns and indexes after the features are loaded. */
export function indexSql(schema: string): string {
  const S = schema;
  return `
UPDATE ${S}.f SET geom = ST_SetSRID(ST_GeomFromGeoJSON(gj), 4490) WHERE gj IS NOT NULL;
UPDATE ${S}.f SET gj = NULL, is_area = ST_Dimension(geom) = 2,
  minx = ST_XMin(geom), miny = ST_YMin(geom), maxx = ST_XMax(geom), maxy = ST_YMax(geom);
UPDATE ${S}.f SET cm = (3 * round(((minx + maxx) / 2) / 3))::integer;
CREATE INDEX ON ${S}.f USING gist (geom);
ANALYZE ${S}.f;
`;
}

/** An SQL predicate: does the feature row `t` match the selector (as `matches` in the engine)? */
export function selectorSql(selector: FeatureSelector, t: string): string {
  const list = (values: readonly string[]): string => values.map(sqlLiteral).join(', ');
  const parts: string[] = [];
  if (selector.layers !== undefined && selector.layers.length > 0) parts.push(`${t}.layer IN (${list(selector.layers)})`);
  if (selector.categories !== undefined && selector.categories.length > 0) {
    parts.push(`(${t}.category IS NOT NULL AND ${t}.category IN (${list(selector.categories)}))`);
  }
  const side = parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
  if (selector.nameIncludes === undefined) return side;
  const names = selector.nameIncludes.map((s) => `strpos(coalesce(${t}.name, ''), ${sqlLiteral(s)}) > 0`).join(' OR ');
  return `(${side} AND (${names}))`;
}

/** Largest precision radius on side B of a rule (0 when empty). */
function maxPrecisionSql(schema: string, selectorB: string): string {
  return `(SELECT coalesce(max(b.precision_m), 0) FROM ${schema}.f b WHERE ${selectorB})`;
}

/**
 * SQL for one overlap or within-distance rule: the count of candidate pairs on the first line, then one JSON
 * object a line per pair whose verdict is not "none" or whose boundaries touch.
 */
export function pairRuleSql(schema: string, effective: EffectiveRule, wantOverlap: boolean): string {
  const S = schema;
  const { rule } = effective;
  const inA = (t: string): string => selectorSql(rule.a, t);
  const inB = (t: string): string => selectorSql(rule.b, t);
  const reach = rule.relation === 'within-distance' ? effective.distanceM : 0;
  const cand = `
  SELECT a.idx AS ai, b.idx AS bi
  FROM ${S}.f a
  CROSS JOIN LATERAL ${S}.grow(a.minx, a.miny, a.maxx, a.maxy, ${reach} + a.precision_m + ${maxPrecisionSql(S, inB('b'))} + 1) g
  JOIN ${S}.f b ON b.geom && ST_MakeEnvelope(g.gw, g.gs, g.ge, g.gn, 4490)
    AND b.minx <= g.ge AND b.maxx >= g.gw AND b.miny <= g.gn AND b.maxy >= g.gs
  WHERE ${inA('a')} AND ${inB('b')} AND b.id <> a.id AND NOT (${inA('b')} AND ${inB('a')} AND a.idx > b.idx)`;
  return `
SELECT count(*) FROM (${cand}) c;
SELECT json_build_object('a', c.ai, 'b', c.bi, 'v', m.verdict, 'n', m.nominal, 'depth', m.depth, 'shift', p.shift,
  'area', m.overlap_m2, 'sa', m.share_a, 'sb', m.share_b, 'd', m.distance_m, 't', m.touching,
  'g', CASE WHEN m.overlap IS NULL THEN NULL ELSE ST_AsGeoJSON(m.overlap, 10)::json END)
FROM (${cand}) c
JOIN ${S}.f a ON a.idx = c.ai
JOIN ${S}.f b ON b.idx = c.bi
CROSS JOIN LATERAL (SELECT CASE WHEN a.cm = b.cm THEN a.cm
  ELSE (3 * round(((least(a.minx, b.minx) + greatest(a.maxx, b.maxx)) / 2) / 3))::integer END AS cm,
  a.precision_m + b.precision_m AS shift) p
CROSS JOIN LATERAL (SELECT ST_Transform(a.geom, ${S}.srid(p.cm)) AS ga, ST_Transform(b.geom, ${S}.srid(p.cm)) AS gb) t
CROSS JOIN LATERAL ${S}.pair(t.ga, t.gb, a.is_area, b.is_area,
  ${S}.k((least(ST_XMin(t.ga), ST_XMin(t.gb)) + greatest(ST_XMax(t.ga), ST_XMax(t.gb))) / 2),
  ${sqlLiteral(rule.relation)}, ${effective.distanceM}, ${effective.areaToleranceM2}, p.shift, ${wantOverlap},
  ${effective.tolerance.widthM}, ${effective.tolerance.areaM2}) m
WHERE m.verdict <> 'none' OR m.touching
ORDER BY c.ai, c.bi;
`;
}

/**
 * SQL for one outside-of rule: the count of candidate pairs on the first line, then one JSON object a line per
 * A feature whose verdict is not "none" (B = the candidate with the largest overlap, `ids` every candidate).
 */
export function outsideRuleSql(schema: string, effective: EffectiveRule, wantOverlap: boolean): string {
  const S = schema;
  const { rule } = effective;
  const inA = selectorSql(rule.a, 'a');
  const inB = selectorSql(rule.b, 'b');
  const grow = `a.precision_m + ${maxPrecisionSql(S, selectorSql(rule.b, 'b'))} + 1`;
  const others = `
    FROM ${S}.f b, ${S}.grow(a.minx, a.miny, a.maxx, a.maxy, ${grow}) g
    WHERE ${inB} AND b.id <> a.id AND b.geom && ST_MakeEnvelope(g.gw, g.gs, g.ge, g.gn, 4490)
      AND b.minx <= g.ge AND b.maxx >= g.gw AND b.miny <= g.gn AND b.maxy >= g.gs`;
  return `
SELECT coalesce(sum(o.n), 0) FROM ${S}.f a CROSS JOIN LATERAL (SELECT count(*) AS n ${others}) o WHERE ${inA};
SELECT json_build_object('a', a.idx, 'ids', o.ids, 'best', o.best, 'v', m.verdict, 'n', m.nominal, 'depth', m.depth,
  'shift', a.precision_m + coalesce(o.maxr, 0), 'area', m.overlap_m2, 'out', m.outside_m2, 'sa', m.share_a, 'd', m.distance_m,
  'g', CASE WHEN m.overlap IS NULL THEN NULL ELSE ST_AsGeoJSON(m.overlap, 10)::json END)
FROM ${S}.f a
CROSS JOIN LATERAL (SELECT ST_Transform(a.geom, ${S}.srid(a.cm)) AS ga) t
CROSS JOIN LATERAL (
  SELECT array_agg(x.idx ORDER BY x.idx) AS ids, max(x.precision_m) AS maxr,
    ST_Union(x.pg) FILTER (WHERE x.is_area) AS u,
    (array_agg(x.idx ORDER BY x.ba DESC, x.idx) FILTER (WHERE x.ba > 0))[1] AS best
  FROM (SELECT b.idx, b.precision_m, b.is_area, ST_Transform(b.geom, ${S}.srid(a.cm)) AS pg,
      CASE WHEN a.is_area AND b.is_area AND ST_Intersects(a.geom, b.geom)
        THEN ST_Area(ST_Intersection(t.ga, ST_Transform(b.geom, ${S}.srid(a.cm)))) ELSE 0 END AS ba
    ${others}) x) o
CROSS JOIN LATERAL ${S}.outside(t.ga, a.is_area, o.u, ${S}.k((ST_XMin(t.ga) + ST_XMax(t.ga)) / 2),
  ${effective.areaToleranceM2}, a.precision_m + coalesce(o.maxr, 0), ${wantOverlap}, ${effective.tolerance.areaM2}) m
WHERE ${inA} AND m.verdict <> 'none'
ORDER BY a.idx;
`;
}

import type { Clause, Direction, RelicSiteRecord, SourceRecordsFile, Zone } from '../../../../src/core/model/gazette-record';
import { Gazetteer } from '../../../../src/core/gazetteer/resolve-place';
import type { Anchor } from '../../../../src/core/model/anchor';

/** A county anchor at 112°E 37.5°N for synthetic sites. */
export const TEST_ANCHOR = { lon: 112, lat: 37.5 };

/** A gazetteer with one county, 测试县. */
export function testGazetteer(): Gazetteer {
  const a: Anchor = { id: 'county-test', level: 'county', name: '测试县', note: '', county: '测试县', original: { ...TEST_ANCHOR, datum: 'WGS84' }, wgs84: { ...TEST_ANCHOR }, datumUnknown: false, precisionM: 5000, source: 'test' };
  return new Gazetteer([a], [], [], []);
}

let n = 0;
const span = (): [number, number] => [n, ++n];

/** An offset clause "<dir>由<reference>向外延伸 N 米". */
export function offset(direction: Direction, metres: number, reference = '围墙'): Clause {
  return { type: 'offset', direction, inferredDirection: null, reference, referenceZone: null, metres, limit: null, verb: '向外延伸', text: `${direction}由${reference}向外延伸${metres}米`, span: span() };
}

/** A limit clause "<dir>至<limit>" (no metres). */
export function limit(direction: Direction, what = '农田'): Clause {
  return { type: 'limit', direction, inferredDirection: null, limit: what, text: `${direction}至${what}`, span: span() };
}

/** A zone with its clauses and stated area (m², or null). */
export function zone(kind: Zone['kind'], clauses: Clause[], m2: number | null): Zone {
  return {
    kind,
    label: kind === 'protection-range' ? '保护范围' : '建设控制地带',
    clauses,
    area: m2 === null ? null : { value: m2, unit: '平方米', m2, qualifier: null, text: `面积${m2}平方米`, span: span() },
    text: clauses.map((c) => c.text).join('，') || '（未能识别）',
    span: span(),
  };
}

/** A relic-site record in 测试县 with the given zones. */
export function site(name: string, protection: Zone | null, control: Zone | null): RelicSiteRecord {
  return {
    kind: 'relic-site',
    id: `test/${name}`,
    name,
    county: '测试县',
    address: '测试县',
    document: { title: '测试', number: '测政函〔2024〕1号', issuer: '测试县人民政府', date: '2024-01-01', gazette: 'test' },
    status: 'in-force',
    source: { file: 'test.txt', seed: 'test', lines: [1, 1], quote: name, span: [0, 1] },
    areas: [],
    repeals: [],
    events: [],
    provenance: [],
    flags: [],
    era: null,
    listedUnder: null,
    protectionRange: protection,
    controlZone: control,
  };
}

/** A records file holding the given records. */
export function fileOf(records: RelicSiteRecord[]): SourceRecordsFile {
  return {
    schemaVersion: 1,
    sourceId: 'test',
    kind: 'relic-zones',
    document: records[0]!.document,
    seed: 'test',
    lines: [1, 1],
    text: '',
    parsed: { titleSpan: null, numberSpan: null, issuerSpan: null, dateSpan: null, citations: [], outline: [], facts: [] },
    records,
    flags: [],
  };
}

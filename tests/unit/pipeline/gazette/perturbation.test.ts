import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordFacts } from '../../../../src/pipeline/gazette/record-facts';
import { BATCH_2026_12 } from './parser-corpus-before';
import { loadCorpus, parseNoticeBody } from './real-corpus';

/**
 * Property: a change to a number or a direction word of a real notice shows in the records, as a
 * typed value or as a flag quoting it. A change that leaves records and flags as they were is a
 * silent loss.
 */

const corpus = loadCorpus();
const LENGTH = /(\d+(?:\.\d+)?)(?=\s*米)/g;
const DIRECTION = /(?<=[,;:。、\n]|^)(东|西|南|北)(?=至|以|延|向|约|面|两|\d|、)/gm;
const AREA_NUMBER = /(\d+(?:\.\d+)?)(?=\s*(?:公顷|平方公里))/g;
const UNREAD = new Set(['UNREAD', 'UNPARSED_NUMBER', 'UNPARSED_DIRECTION', 'UNPARSED_CLAUSE']);

function facts(n: (typeof corpus)[number], body: string): { values: string[]; flagText: string } {
  const file = parseNoticeBody(n, body);
  const values = file.records.flatMap((r) => [`name:${r.name}`, `address:${r.address ?? ''}`, ...recordFacts(r).map((f) => JSON.stringify({ ...f, span: undefined }))]);
  const flags = [...file.flags, ...file.records.flatMap((r) => r.flags)];
  const unread = flags.filter((f) => UNREAD.has(f.code)).map((f) => f.message);
  return { values: values.sort(), flagText: [...unread, ...flags.map((f) => `${f.code} ${f.message}`)].join('\n') };
}

describe('perturbing real notices', () => {
  it('every length, area and direction word of the notices added on 2026-12-02, changed one at a time, shows in the records or a flag', () => {
    const swap: Record<string, string> = { 东: '西', 西: '东', 南: '北', 北: '南' };
    const batch = corpus.filter((n) => BATCH_2026_12.ids.includes(n.id));
    expect(batch.length).toBe(BATCH_2026_12.ids.length);
    let tried = 0;
    for (const n of batch) {
      const before = facts(n, n.body);
      for (const m of [...n.body.matchAll(LENGTH), ...n.body.matchAll(AREA_NUMBER)]) {
        const old = m[1] ?? '';
        const changed = String(Number(old) + 7);
        const at = m.index ?? 0;
        const after = facts(n, n.body.slice(0, at) + changed + n.body.slice(at + old.length));
        const shows = after.values.some((v) => v.includes(`:${Number(changed)}`)) || after.flagText.includes(changed);
        expect(shows || JSON.stringify(after.values) !== JSON.stringify(before.values), `${n.id}: ${old} → ${changed}`).toBe(true);
        tried++;
      }
      for (const m of n.body.matchAll(DIRECTION)) {
        const at = m.index ?? 0;
        const after = facts(n, n.body.slice(0, at) + (swap[m[1] ?? ''] ?? '') + n.body.slice(at + 1));
        const changed = JSON.stringify(after.values) !== JSON.stringify(before.values) || after.flagText !== before.flagText;
        expect(changed, `${n.id}: ${m[1] ?? ''} at ${at}`).toBe(true);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(30);
  });

  it('property: a changed distance shows as a typed value or an UNREAD flag', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 97 }), (ni, mi, delta) => {
        const withLengths = corpus.filter((n) => [...n.body.matchAll(LENGTH)].length > 0);
        const n = withLengths[ni % withLengths.length];
        if (n === undefined) return;
        const matches = [...n.body.matchAll(LENGTH)];
        const m = matches[mi % matches.length];
        if (m === undefined) return;
        const old = m[1] ?? '';
        const changed = String(Number(old) + delta);
        const at = m.index ?? 0;
        const body = n.body.slice(0, at) + changed + n.body.slice(at + old.length);
        const after = facts(n, body);
        const before = facts(n, n.body);
        const shows = after.values.some((v) => v.includes(`:${Number(changed)}`) || v.includes(`:${Number(changed) * 1}`)) || after.flagText.includes(changed);
        expect(shows || JSON.stringify(after.values) !== JSON.stringify(before.values), `${n.id}: ${old} → ${changed}`).toBe(true);
      }),
      { seed: 15, numRuns: 120 },
    );
  });

  it('property: a swapped direction word shows in the directions of the records or as a flag', () => {
    const swap: Record<string, string> = { 东: '西', 西: '东', 南: '北', 北: '南' };
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (ni, di) => {
        const relic = corpus.filter((n) => n.kind === 'relic-zones' && [...n.body.matchAll(DIRECTION)].length > 0);
        const n = relic[ni % relic.length];
        if (n === undefined) return;
        const matches = [...n.body.matchAll(DIRECTION)];
        const m = matches[di % matches.length];
        if (m === undefined) return;
        const at = m.index ?? 0;
        const body = n.body.slice(0, at) + (swap[m[1] ?? ''] ?? '') + n.body.slice(at + 1);
        const after = facts(n, body);
        const before = facts(n, n.body);
        const changed = JSON.stringify(after.values) !== JSON.stringify(before.values) || after.flagText !== before.flagText;
        expect(changed, `${n.id}: ${m[1] ?? ''} at ${at}`).toBe(true);
      }),
      { seed: 15, numRuns: 120 },
    );
  });
});

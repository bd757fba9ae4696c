import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/io/index';
import { hostileCases } from './hostile-cases';

/**
 * Issue 17's hostile inputs (made in memory by hostile-cases.ts): each must be answered within
 * 10 s, never throw, and give the expected refusal or finding (never a silently wrong result);
 * Object.prototype must stay untouched.
 */

const domParser = new DOMParser({ onError: () => {} });
const cases = hostileCases();
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const timings: number[] = [];

describe('issue 17 hostile inputs', () => {
  it('holds at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const t0 = performance.now();
    let result: ReturnType<typeof importFile> | undefined;
    let thrown: unknown = null;
    try {
      result = importFile(c.bytes, c.file, { domParser });
    } catch (error) {
      thrown = error;
    }
    const ms = performance.now() - t0;
    timings.push(ms);
    expect(thrown, String(thrown)).toBeNull();
    expect(ms).toBeLessThan(10_000);
    if (result === undefined) return;
    if (!result.ok) {
      expect(result.detail.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(result.detail.en).toMatch(/[A-Za-z]{3}/);
    }
    expect(c.check(result)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 20_000);
  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(protoBefore);
  });
});

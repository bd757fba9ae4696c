import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';
import { BATCH_2026_12, BEFORE } from './parser-corpus-before';
import { HELD_OUT, corpusMarkdown, loadCorpus, scoreCorpus } from './real-corpus';

describe('real-notice corpus (tests/fixtures/gazette/real)', () => {
  const scores = scoreCorpus();
  const total = scores.reduce((a, s) => ({ facts: a.facts + s.facts, recovered: a.recovered + s.recovered, silent: a.silent + s.silent }), { facts: 0, recovered: 0, silent: 0 });

  it('holds published notices from at least 10 provinces, each with source URL, issuer and expected facts', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(45);
    expect(new Set(corpus.map((n) => n.province)).size).toBeGreaterThanOrEqual(12);
    for (const n of corpus) {
      expect(n.source.url.length).toBeGreaterThan(0);
      expect(n.source.issuer.length).toBeGreaterThan(0);
      expect(n.sites.flatMap((s) => s.facts).length).toBeGreaterThan(0);
    }
  });

  it('data/qa/parser-corpus.md equals a fresh score (run tests/unit/pipeline/gazette/parser-corpus-report.ts)', () => {
    expect(readFileSync(join(ROOT, 'data/qa/parser-corpus.md'), 'utf8')).toBe(corpusMarkdown(scores, BEFORE, scoreCorpus(HELD_OUT), BATCH_2026_12));
  });

  it('has no silent loss: every expected fact is recovered or quoted by an UNREAD flag', () => {
    expect(scores.flatMap((s) => s.losses)).toEqual([]);
  });

  it('recovers at least 95 % of the expected facts, more than before (measured: 445 of 445)', () => {
    expect(total.recovered).toBeGreaterThan(BEFORE?.recovered ?? 0);
    expect(total.recovered / total.facts).toBeGreaterThanOrEqual(0.95);
    expect(total.silent).toBe(0);
  });
});

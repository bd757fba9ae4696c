import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';
import { BATCH_2026_12, BEFORE } from './parser-corpus-before';
import { HELD_OUT, corpusMarkdown, scoreCorpus } from './real-corpus';

/** Writes data/qa/parser-corpus.md (run with tsx). */
const scores = scoreCorpus();
writeFileSync(join(ROOT, 'data/qa/parser-corpus.md'), corpusMarkdown(scores, BEFORE, scoreCorpus(HELD_OUT), BATCH_2026_12));
for (const s of scores) if (s.losses.length > 0) console.log(s.id, s.losses.join('\n  '));
const t = scores.reduce((a, s) => ({ f: a.f + s.facts, r: a.r + s.recovered, g: a.g + s.flagged, s: a.s + s.silent }), { f: 0, r: 0, g: 0, s: 0 });
console.log(`facts ${t.f} recovered ${t.r} flagged ${t.g} silent ${t.s}`);

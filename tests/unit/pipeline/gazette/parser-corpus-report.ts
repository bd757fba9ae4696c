import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';
import { BEFORE } from './parser-corpus-before';
import { corpusMarkdown, scoreCorpus } from './real-corpus';

/** Writes data/qa/parser-corpus.md (run with tsx). */
const scores = scoreCorpus();
writeFileSync(join(ROOT, 'data/qa/parser-corpus.md'), corpusMarkdown(scores, BEFORE));
for (const s of scores) if (s.losses.length > 0) console.log(s.id, s.losses.join('\n  '));
const t = scores.reduce((a, s) => [a[0] + s.facts, a[1] + s.recovered, a[2] + s.flagged, a[3] + s.silent], [0, 0, 0, 0]);
console.log(`facts ${t[0]} recovered ${t[1]} flagged ${t[2]} silent ${t[3]}`);

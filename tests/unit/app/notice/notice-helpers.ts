import { readFileSync } from 'node:fs';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import { NoticeSession } from '../../../../src/app/notice/notice-session';
import type { NoticeDeps } from '../../../../src/app/notice/notice-session';
import { readGazetteerTexts } from '../../../../src/pipeline/layers/load-gazetteer';
import { buildNoticeFromTexts } from '../../../../src/pipeline/layers/notice-entry';

/** The body of a real-corpus notice (front matter removed). */
export function realBody(name: string): string {
  return readFileSync(`tests/fixtures/gazette/real/${name}.txt`, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
}

/** Session dependencies with the real pipeline run in-process (instead of the worker) and a given IndexedDB. */
export function inProcessDeps(factory: IDBFactory, overrides: Partial<NoticeDeps> = {}): NoticeDeps {
  const inputs = { gazetteer: readGazetteerTexts('data/gazetteer'), shanxiJson: JSON.parse(readFileSync('data/gazetteer/shanxi.json', 'utf8')) as unknown };
  let n = 0;
  return {
    loadInputs: () => Promise.resolve(inputs),
    build: (req) => Promise.resolve({ ok: true as const, value: buildNoticeFromTexts(structuredClone(req)) }),
    store: new UserLayerStore(factory),
    newId: () => `ntest${++n}`,
    now: () => new Date('2026-12-02T04:00:00Z'),
    ...overrides,
  };
}

/** A session over {@link inProcessDeps}. */
export function inProcessSession(factory: IDBFactory, overrides: Partial<NoticeDeps> = {}): NoticeSession {
  return new NoticeSession(inProcessDeps(factory, overrides));
}

/**
 * The corpus score of the parser before the grammar of issue 15: the parser of commit 727547a run
 * on the same 36 notices with the same scorer (`parser-corpus-report.ts`) before any grammar change.
 */
export const BEFORE: { recovered: number; facts: number; silent: number } | null = { recovered: 63, facts: 410, silent: 188 };

/**
 * The nine notices added on 2026-12-02 (ids below), scored with the parser of commit 44a347b before
 * any grammar change for them, with the same scorer: the held-out score of that batch.
 */
export const BATCH_2026_12: { ids: readonly string[]; facts: number; recovered: number; flagged: number; silent: number } = {
  ids: [
    'chuzhou-2022-land-acquisition',
    'guangdong-1994-provincial',
    'hainan-2019-provincial',
    'jiangxi-2023-parks-review',
    'jianzha-2020-county',
    'jishui-park-expansion',
    'putian-2021-land-acquisition',
    'qijiang-2021-district',
    'suixi-2022-land-acquisition',
  ],
  facts: 35,
  recovered: 9,
  flagged: 23,
  silent: 3,
};

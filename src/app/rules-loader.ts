import { parseRuleSet, type RuleSet } from '../core/conflicts/rule-schema';

/**
 * The one loader of the bundled rule set (data/rules/rules.json): fetched from the build's own asset URL on
 * first use, validated with the core schema once, and shared by the conflict check, compliance review and
 * radar siting. A failure is a value, and the next call tries again.
 */

const RULES_URL: string | undefined = Object.values(
  import.meta.glob<string>('../../data/rules/rules.json', { query: '?url', import: 'default', eager: true }),
)[0];

/** Why the rules could not be had. */
export type RulesLoadFailure = { ok: false; reason: 'rules-missing' | 'rules-fetch-failed' | 'rules-invalid'; detail: string };

/** The rule set, or why not. */
export type RulesLoadResult = { ok: true; rules: RuleSet; raw: unknown } | RulesLoadFailure;

let cached: Promise<RulesLoadResult> | null = null;

async function load(fetchImpl: typeof fetch): Promise<RulesLoadResult> {
  if (RULES_URL === undefined) return { ok: false, reason: 'rules-missing', detail: 'data/rules/rules.json is not bundled' };
  let raw: unknown;
  try {
    const res = await fetchImpl(RULES_URL);
    if (!res.ok) return { ok: false, reason: 'rules-fetch-failed', detail: `${res.status} ${res.statusText}` };
    raw = (await res.json()) as unknown;
  } catch (error: unknown) {
    return { ok: false, reason: 'rules-fetch-failed', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = parseRuleSet(raw);
  if (!parsed.ok) return { ok: false, reason: 'rules-invalid', detail: parsed.message };
  return { ok: true, rules: parsed.value, raw };
}

/** The bundled rule set, loaded once per page; a failed load is retried on the next call. */
export function loadRules(fetchImpl: typeof fetch = fetch): Promise<RulesLoadResult> {
  if (cached) return cached;
  const pending = load(fetchImpl);
  cached = pending;
  void pending.then((r) => {
    if (!r.ok && cached === pending) cached = null;
  });
  return pending;
}

import { z } from 'zod';
import { ruleSetSchema } from './rule-schema';

/**
 * JSON Schema (draft 2020-12) of data/rules/rules.json, generated from {@link ruleSetSchema} so
 * editors can validate the file; cross-field checks (unique ids, distance for within-distance
 * rules) live only in the zod schema.
 */
export function rulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ruleSetSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}

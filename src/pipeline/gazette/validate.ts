import { sourceRecordsFileSchema } from '../../core/model/gazette-record';
import type { SourceRecordsFile } from '../../core/model/gazette-record';

/**
 * Stage 4: validation. Every file is checked against the zod schema, and record ids must be
 * unique across all files. Problems are returned as values.
 */

/** Reasons validation rejects output. */
export const VALIDATION_REASONS = {
  schema: 'schema',
  duplicateId: 'duplicate-id',
  spanOutOfRange: 'span-out-of-range',
} as const;
/** One of {@link VALIDATION_REASONS}. */
export type ValidationReason = (typeof VALIDATION_REASONS)[keyof typeof VALIDATION_REASONS];

/** Outcome of validation. */
export type ValidationResult =
  | { readonly ok: true; readonly files: SourceRecordsFile[] }
  | { readonly ok: false; readonly reason: ValidationReason; readonly message: string };

function spansOf(value: unknown, out: [number, number][]): void {
  if (Array.isArray(value)) {
    for (const v of value) spansOf(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' && Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') out.push([v[0], v[1]]);
      else spansOf(v, out);
    }
  }
}

/** Validate files: schema, unique ids, spans inside the passage text. */
export function validateFiles(files: readonly unknown[]): ValidationResult {
  const parsed: SourceRecordsFile[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const r = sourceRecordsFileSchema.safeParse(f);
    if (!r.success) {
      const issue = r.error.issues[0];
      return { ok: false, reason: VALIDATION_REASONS.schema, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
    }
    for (const rec of r.data.records) {
      if (ids.has(rec.id)) return { ok: false, reason: VALIDATION_REASONS.duplicateId, message: `duplicate record id ${rec.id}` };
      ids.add(rec.id);
    }
    const spans: [number, number][] = [];
    spansOf(r.data, spans);
    const bad = spans.find(([a, b]) => b > r.data.text.length || a > b);
    if (bad !== undefined) {
      return { ok: false, reason: VALIDATION_REASONS.spanOutOfRange, message: `${r.data.sourceId}: span ${bad[0]}-${bad[1]} outside the text (${r.data.text.length})` };
    }
    parsed.push(r.data);
  }
  return { ok: true, files: parsed };
}

import { z } from 'zod';
import '../core/model/zod-config';

/** Request to the conflict worker: run the engine on these layers with this rule set and these overrides. */
export const checkRequestSchema = z.object({
  type: z.literal('check'),
  id: z.number().int(),
  layers: z.array(z.object({ name: z.string(), features: z.array(z.unknown()) })),
  rules: z.unknown(),
  overrides: z.array(z.unknown()),
  /** ISO time stamped into the report (the caller's clock). */
  time: z.string(),
});
/** A check request. */
export type CheckRequest = z.infer<typeof checkRequestSchema>;

/** Messages from the conflict worker. */
export const workerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: z.number().int(), done: z.number(), total: z.number() }),
  z.object({ type: z.literal('result'), id: z.number().int(), report: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int(), reason: z.string(), message: z.string() }),
]);
/** A worker reply. */
export type WorkerReply = z.infer<typeof workerReplySchema>;

/**
 * Problems of the radar domain as values: a reason code (an exported constant of the module that
 * returns it) and parameters (numbers, file names, field names), never prose. Views turn them into
 * words with `t('radar.problem.<code>', lang, params)`.
 */

/** Parameters of a problem: numbers and names to fill into the message of its code. */
export type ProblemParams = Readonly<Record<string, string | number>>;

/** A data problem found by a radar computation. */
export interface RadarProblem<R extends string = string> {
  readonly ok: false;
  readonly reason: R;
  readonly params: ProblemParams;
}

/** Builds a problem value. */
export function radarProblem<R extends string>(reason: R, params: ProblemParams = {}): RadarProblem<R> {
  return { ok: false, reason, params };
}

import type { Bilingual } from '../../core/io/index';
import { Observable } from './observable';

/**
 * What the import tab tells the user after an action: a code and its parameters (the view turns them
 * into words), never prose. One channel for every import-area session, so that the last outcome shows.
 */

/** Codes of the notices. */
export type NoticeCode =
  | 'import-failed'
  | 'cancelled'
  | 'worker-failed'
  | 'accept-refused'
  | 'store-failed'
  | 'store-unavailable'
  | 'saved'
  | 'exported'
  | 'export-failed'
  | 'superseded'
  | 'superseded-area-differs'
  | 'backup-exported'
  | 'backup-export-failed'
  | 'backup-refused'
  | 'backup-restored'
  | 'compliance-failed';

/** One notice: an error or a success, with the reason code exposed to tests and assistive tools. */
export interface Notice {
  readonly kind: 'error' | 'ok' | 'warning';
  readonly code: NoticeCode;
  /** Placeholder values of the message. */
  readonly vars: Readonly<Record<string, string | number>>;
  /** Machine-readable reason (`data-reason`), e.g. a core reason code. */
  readonly reason: string;
  /** Text from core that has both languages (an importer's explanation), shown after the message. */
  readonly detail?: Bilingual;
}

/** State of {@link Notices}. */
export interface NoticesState {
  readonly current: Notice | null;
  /** Damaged records skipped when the store was read (shown apart from the notice). */
  readonly skipped: readonly string[];
}

/** The import area's notice channel. */
export class Notices extends Observable<NoticesState> {
  constructor() {
    super({ current: null, skipped: [] });
  }

  /** Shows an error. */
  error(code: NoticeCode, reason: string, vars: Notice['vars'] = {}, detail?: Bilingual): void {
    this.update({ current: { kind: 'error', code, reason, vars, ...(detail ? { detail } : {}) } });
  }

  /** Shows a warning: the action was done, but something needs the user's eye. */
  warn(code: NoticeCode, reason: string, vars: Notice['vars'] = {}): void {
    this.update({ current: { kind: 'warning', code, reason, vars } });
  }

  /** Shows a success. */
  ok(code: NoticeCode, vars: Notice['vars'] = {}): void {
    this.update({ current: { kind: 'ok', code, reason: code, vars } });
  }

  /** Clears the notice. */
  clear(): void {
    if (this.state.current !== null) this.update({ current: null });
  }

  /** Records the damaged records skipped on the last read. */
  setSkipped(skipped: readonly string[]): void {
    this.update({ skipped });
  }
}

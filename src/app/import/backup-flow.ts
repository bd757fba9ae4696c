import type { StoreContent } from '../catalog/user-layer-store';
import { backupBlob, backupFileName, parseBackup, planRestore, type RestoreMode } from './backup';
import type { Notices } from './notices';
import type { UserData } from './user-data';

/**
 * Backup and restore of the user's data as app-layer flows: export everything to one file, or validate a
 * backup file and write it in one transaction (a bad file changes nothing). Outcomes are notices.
 */

/** Writes every stored layer and supersede record to a backup file and offers it; false when it could not be written. */
export async function exportBackup(
  content: Pick<StoreContent, 'layers' | 'supersessions'>,
  notices: Notices,
  download: (blob: Blob, fileName: string) => void,
  now: Date = new Date(),
): Promise<boolean> {
  const name = backupFileName(now);
  const r = await backupBlob(content, now);
  if (!r.ok) {
    notices.error('backup-export-failed', r.reason, { name: r.layer });
    return false;
  }
  download(r.blob, name);
  notices.ok('backup-exported', { file: name, n: content.layers.length });
  return true;
}

/** Outcome of {@link restoreBackup}: whether it was written, and whether everything stored before was replaced. */
export interface RestoreOutcome {
  readonly restored: boolean;
  readonly replaced: boolean;
}

/** Validates `bytes` as a backup and restores it in `mode`; a bad file changes nothing. */
export async function restoreBackup(bytes: Uint8Array, mode: RestoreMode, userData: UserData, notices: Notices, newId: () => string): Promise<RestoreOutcome> {
  notices.clear();
  const parsed = parseBackup(bytes);
  if (!parsed.ok) {
    notices.error('backup-refused', 'backup-invalid', { detail: parsed.detail, kind: parsed.reason });
    return { restored: false, replaced: false };
  }
  const plan = planRestore(parsed.backup, userData.state.content, mode, newId);
  const ok = await userData.afterWrite(await userData.store.restore(plan), { code: 'backup-restored', vars: { n: plan.layers.length, m: plan.supersessions.length } });
  return { restored: ok, replaced: ok && plan.clear };
}

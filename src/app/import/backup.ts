import { z } from 'zod';
// The user-layer schemas move into src/core/model with the shell slice of issue 14.
import { storedLayerSchema, supersessionSchema } from '../../core/model/user-layer';
import type { StoreContent } from '../catalog/user-layer-store';
import type { StoredLayer, Supersession } from '../../core/model/user-layer';

/**
 * Backup of the user's own data (issue 10, "no lost work"): every stored layer (name, category,
 * visibility, source, features) and every supersede record in one JSON file with a format name
 * and version, and the reverse: a backup file validated with zod before anything is written. A
 * file that fails validation changes nothing; a valid one is restored either as new layers next to
 * what is stored (the default) or in place of everything stored.
 */

/** Value of the `format` member of a backup file. */
export const BACKUP_FORMAT = 'shanxi-gis-user-backup';
/** Version of the backup format written by {@link buildBackup}. */
export const BACKUP_VERSION = 1;

/** Nesting depth of the positions in each geometry type's coordinates. */
const DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** Whether `value` is an array nested `depth` levels above positions of 2–3 finite numbers. */
function positionsAt(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false;
  if (depth === 0) return (value.length === 2 || value.length === 3) && value.every((n) => typeof n === 'number' && Number.isFinite(n));
  return value.every((v) => positionsAt(v, depth - 1));
}

/** Whether a value is a geometry of a known type whose coordinates nest as the type requires. */
function validGeometry(value: unknown, nesting = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (g.type === 'GeometryCollection') return nesting < 16 && Array.isArray(g.geometries) && g.geometries.every((x) => validGeometry(x, nesting + 1));
  const depth = typeof g.type === 'string' && Object.hasOwn(DEPTH, g.type) ? DEPTH[g.type] : undefined;
  return depth !== undefined && positionsAt(g.coordinates, depth);
}

const backupLayerSchema = storedLayerSchema.superRefine((layer, ctx) => {
  layer.features.forEach((f, i) => {
    if (!validGeometry(f.geometry)) ctx.addIssue({ code: 'custom', message: `feature ${i + 1}: invalid geometry` });
  });
});

/** A backup file. */
export const backupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: z.string(),
    layers: z.array(backupLayerSchema),
    supersessions: z.array(
      supersessionSchema.refine((r) => validGeometry(r.surveyed) && validGeometry(r.previousGeometry), { message: 'invalid geometry in a supersede record' }),
    ),
  })
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    for (const l of b.layers) {
      if (ids.has(l.id)) ctx.addIssue({ code: 'custom', message: `layer id ${l.id} appears twice` });
      ids.add(l.id);
    }
    const features = new Set<string>();
    for (const s of b.supersessions) {
      if (features.has(s.featureId)) ctx.addIssue({ code: 'custom', message: `supersession ${s.featureId} appears twice` });
      features.add(s.featureId);
    }
  });

/** A backup of everything the user stored. */
export interface UserBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  layers: StoredLayer[];
  supersessions: Supersession[];
}

/** Why a backup file was refused: not JSON (UTF-8), or not a backup of this format. */
export type BackupRefusal = 'backup-not-json' | 'backup-invalid';

/** Result of {@link parseBackup}: the backup, or why it was refused, with the parser's detail (where, what). */
export type BackupParse = { ok: true; backup: UserBackup } | { ok: false; reason: BackupRefusal; detail: string };

/** How the large-import worker starts and ends a large layer's data Blob (a FeatureCollection). */
const LARGE_DATA_HEAD = '{"type":"FeatureCollection","features":[';
const LARGE_DATA_TAIL = ']}';

/** The features of a large layer's data Blob as a Blob of the text inside the array (not parsed). */
async function largeFeaturesText(data: Blob): Promise<Blob | string | null> {
  const head = await data.slice(0, LARGE_DATA_HEAD.length).text();
  const tail = await data.slice(data.size - LARGE_DATA_TAIL.length).text();
  if (head === LARGE_DATA_HEAD && tail === LARGE_DATA_TAIL) return data.slice(LARGE_DATA_HEAD.length, data.size - LARGE_DATA_TAIL.length);
  let fc: { features?: unknown };
  try {
    fc = JSON.parse(await data.text()) as { features?: unknown };
  } catch {
    return null;
  }
  return Array.isArray(fc.features) ? JSON.stringify(fc.features).slice(1, -1) : null;
}

/** Result of {@link backupBlob}: the file, or the layer whose stored features could not be read. */
export type BackupBlobResult = { ok: true; blob: Blob } | { ok: false; reason: 'backup-layer-unreadable'; layer: string };

/**
 * The backup file as a Blob. Large layers (features kept as a Blob in the store) are written with
 * their features inline, spliced from the stored Blob without parsing it in the page; their Blob
 * handles themselves are not part of the format.
 */
export async function backupBlob(content: Pick<StoreContent, 'layers' | 'supersessions'>, now: Date): Promise<BackupBlobResult> {
  const parts: BlobPart[] = [`{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(now.toISOString())},"layers":[`];
  for (const [i, layer] of content.layers.entries()) {
    if (i > 0) parts.push(',');
    const { large, features, ...rest } = layer;
    parts.push(`${JSON.stringify(rest).slice(0, -1)},"features":`);
    if (large === undefined) parts.push(JSON.stringify(features));
    else {
      const text = await largeFeaturesText(large.data);
      if (text === null) return { ok: false, reason: 'backup-layer-unreadable', layer: layer.name };
      parts.push('[', text, ']');
    }
    parts.push('}');
  }
  parts.push(`],"supersessions":${JSON.stringify(content.supersessions)}}\n`);
  return { ok: true, blob: new Blob(parts, { type: 'application/json' }) };
}

/** File name of a backup written on `now`'s date. */
export function backupFileName(now: Date): string {
  return `shanxi-gis-backup-${now.toISOString().slice(0, 10)}.json`;
}

/** Reads and validates a backup file; nothing in it is trusted before this succeeds. */
export function parseBackup(bytes: Uint8Array): BackupParse {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error: unknown) {
    return { ok: false, reason: 'backup-not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  const r = backupSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.map(String).join('.') ?? '';
    return { ok: false, reason: 'backup-invalid', detail: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, backup: r.data as UserBackup };
}

/** How a backup is restored: next to what is stored (new ids) or in place of it. */
export type RestoreMode = 'add' | 'replace';

/** What a restore writes (in one transaction). */
export interface RestorePlan {
  /** Whether everything stored is removed first. */
  clear: boolean;
  layers: StoredLayer[];
  supersessions: Supersession[];
}

/**
 * What restoring `backup` writes. `replace`: exactly the backup. `add`: every layer as a new layer
 * (a new store id from `newId`, its features' ids renumbered so they cannot collide with stored
 * ones); supersede records only for features that have none now (a stored record is kept).
 */
export function planRestore(backup: UserBackup, current: Pick<StoreContent, 'supersessions'>, mode: RestoreMode, newId: () => string): RestorePlan {
  if (mode === 'replace') return { clear: true, layers: backup.layers, supersessions: backup.supersessions };
  const layers = backup.layers.map((l): StoredLayer => {
    const id = newId();
    return {
      ...l,
      id,
      features: l.features.map((f, i) => ({ ...f, properties: { ...f.properties, id: `imp${id}-${i + 1}` } })),
    };
  });
  const taken = new Set(current.supersessions.map((s) => s.featureId));
  return { clear: false, layers, supersessions: backup.supersessions.filter((s) => !taken.has(s.featureId)) };
}

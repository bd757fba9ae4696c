import { spawnSync } from 'node:child_process';

/** Outcome of one psql run. */
export type PsqlResult = { ok: true; stdout: string } | { ok: false; message: string };

/**
 * Runs SQL through Debian's `psql` client against `connection` (a libpq connection string or URI), with
 * `ON_ERROR_STOP`, unaligned tuples-only output and no psqlrc. The client is used instead of a Node driver
 * so that `\copy` streams files and the CLI adds no dependency.
 */
export function runPsql(connection: string, sql: string): PsqlResult {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-d', connection, '-f', '-'], {
    input: sql,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.error) return { ok: false, message: `psql could not be started: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, message: (r.stderr || `psql exited with ${String(r.status)}`).trim() };
  return { ok: true, stdout: r.stdout };
}

/** Quotes a string as an SQL literal. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Quotes a (possibly schema-qualified) name as SQL identifiers; null when it is not a plain name. */
export function sqlQualifiedName(name: string): string | null {
  const parts = name.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return null;
  return parts.map((p) => `"${p}"`).join('.');
}

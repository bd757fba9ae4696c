import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { runPsql } from '../../../src/cli/postgis/psql';
import { indexSql, setupSql } from '../../../src/cli/postgis/rule-sql';

/**
 * Loads newline-delimited GeoJSON layers into the table the CLI's PostGIS engine uses (`setupSql`, then
 * `indexSql`), streaming: each file is read line by line and written as CSV rows into `\copy … FROM pstdin`
 * of one psql process, with back-pressure, so that neither a file nor the CSV is ever one string. Rows are
 * numbered in file order (`idx`), as the CLI numbers the features it loads. Returns the number of rows.
 */
export async function loadLayersStreamed(connection: string, schema: string, files: readonly string[]): Promise<number> {
  const setup = runPsql(connection, setupSql(schema));
  if (!setup.ok) throw new Error(setup.message);
  const psql = spawn(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', connection, '-c', `\\copy ${schema}.f (idx, id, layer, category, name, precision_m, source, gj) FROM pstdin WITH (FORMAT csv)`],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  psql.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = once(psql, 'exit') as Promise<[number | null]>;
  const quote = (v: unknown): string => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  let idx = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const text = batch.join('');
    batch = [];
    if (!psql.stdin.write(text)) await once(psql.stdin, 'drain');
  };
  for (const file of files) {
    const source = basename(file);
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const f = JSON.parse(line) as { properties: Record<string, unknown>; geometry: unknown };
      const p = f.properties;
      batch.push(`${idx++},${quote(p['id'])},${quote(p['layer'])},${quote(p['category'])},${quote(p['name'])},${Number(p['precisionM'] ?? 0)},${quote(source)},${quote(JSON.stringify(f.geometry))}\n`);
      if (batch.length >= 5_000) await flush();
    }
  }
  await flush();
  psql.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`psql \\copy failed (${String(code)}): ${stderr.trim()}`);
  const indexed = runPsql(connection, indexSql(schema));
  if (!indexed.ok) throw new Error(indexed.message);
  return idx;
}

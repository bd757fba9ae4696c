import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away PostgreSQL + PostGIS cluster on 127.0.0.1, for tests and benchmarks. */
export interface PgCluster {
  /** libpq connection string of a database with the postgis extension. */
  connection: string;
  stop(): void;
}

const PGBIN = '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a cluster in a temporary folder (as user postgres when run as root, since initdb refuses root), listening
 * on 127.0.0.1 only, and creates a database with PostGIS. `settings` are extra server settings (`name=value`).
 */
export async function startPgCluster(settings: readonly string[] = []): Promise<PgCluster> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pg-cluster-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[]): void => {
    const cmd = asRoot ? 'runuser' : bin;
    const full = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
    const r = spawnSync(cmd, full, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  };
  run(`${PGBIN}/initdb`, ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'fsync=off', 'jit=off', ...settings];
  run(`${PGBIN}/pg_ctl`, ['-D', dir, '-l', join(dir, 'log'), '-w', '-o', options.map((o) => `-c ${o}`).join(' '), 'start']);
  const base = `host=127.0.0.1 port=${port} user=postgres`;
  const psql = (db: string, sql: string): void => {
    const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', `${base} dbname=${db}`, '-c', sql], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  };
  psql('postgres', 'CREATE DATABASE parity');
  psql('parity', 'CREATE EXTENSION postgis');
  return {
    connection: `${base} dbname=parity`,
    stop: () => {
      try {
        run(`${PGBIN}/pg_ctl`, ['-D', dir, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles, TileType, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePmtiles } from '../../../../src/cli/basemap/pmtiles-writer';
import { DAJUESI, SYNTHETIC_ZOOMS } from '../../../../src/cli/basemap/make-fixtures';
import { parseRange, serveStatic } from '../../../../src/cli/serve-static';

const FIXTURE = readFileSync('tests/fixtures/basemap/synthetic-roads.pmtiles');

/** A pmtiles Source over bytes in memory. */
function memorySource(bytes: Uint8Array): Source {
  return {
    getKey: () => 'memory',
    getBytes: (offset, length) => Promise.resolve({ data: new Uint8Array(bytes.subarray(offset, offset + length)).buffer }),
  };
}

/** A pmtiles Source that reads by HTTP Range requests with node:http (unit tests block fetch). */
function httpSource(url: string, statuses: number[]): Source {
  return {
    getKey: () => url,
    getBytes: (offset, length) =>
      new Promise((resolve, reject) => {
        const req = request(url, { headers: { range: `bytes=${offset}-${offset + length - 1}` } }, (res) => {
          statuses.push(res.statusCode ?? 0);
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const b = Buffer.concat(chunks);
            resolve({ data: b.buffer.slice(b.byteOffset, b.byteOffset + b.length) });
          });
        });
        req.on('error', reject);
        req.end();
      }),
  };
}

function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

describe('writePmtiles, read back with the pmtiles package', () => {
  it('gives every tile back byte for byte, with runs and repeated tiles stored once', async () => {
    const tiles = [];
    const same = Uint8Array.from([9, 9, 9]);
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) tiles.push({ z: 2, x, y, data: x === 1 ? same : Uint8Array.from([x, y, 2]) });
    tiles.push({ z: 0, x: 0, y: 0, data: Uint8Array.from([0]) });
    const bytes = writePmtiles(tiles, { tileType: 2, tileCompression: 1, bounds: [-180, -85, 180, 85], center: [0, 0, 0], metadata: { a: 1 } });
    const p = new PMTiles(memorySource(bytes));
    const h = await p.getHeader();
    expect(h).toMatchObject({ specVersion: 3, tileType: TileType.Png, minZoom: 0, maxZoom: 2, numAddressedTiles: 17, numTileContents: 14 });
    for (const t of tiles) expect(new Uint8Array((await p.getZxy(t.z, t.x, t.y))!.data)).toEqual(t.data);
    expect(await p.getZxy(1, 0, 0)).toBeUndefined();
    expect(await p.getMetadata()).toEqual({ a: 1 });
  });
});

describe('the synthetic roads fixture (made by src/cli/basemap/make-fixtures.ts)', () => {
  it('is a vector PMTiles of zooms 10–14 whose tile at 大觉寺, zoom 14, holds the roads layer', async () => {
    const p = new PMTiles(memorySource(FIXTURE));
    const h = await p.getHeader();
    expect([h.tileType, h.minZoom, h.maxZoom]).toEqual([TileType.Mvt, ...SYNTHETIC_ZOOMS]);
    const tile = await p.getZxy(...tileOf(DAJUESI[0], DAJUESI[1], 14));
    // The reader has undone the tiles' gzip (header: tileCompression 2).
    expect(h.tileCompression).toBe(2);
    const mvt = Buffer.from(tile!.data).toString('utf8');
    expect(mvt).toContain('roads');
    expect(mvt).toContain('minor_road');
  });
});

describe('static server Range requests', () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'range-'));
    writeFileSync(join(dir, 'roads.pmtiles'), FIXTURE);
    writeFileSync(join(dir, 'ten.txt'), '0123456789');
    ({ server, url: base } = await serveStatic(dir, 0));
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses single byte ranges as RFC 9110 says', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=-40', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    for (const bad of ['bytes=10-', 'bytes=5-2', 'bytes=-0', 'bytes=-', 'bytes=a-b']) expect(parseRange(bad, 10)).toBe('unsatisfiable');
  });

  it('answers 206 with Content-Range, 416 with the size, 200 without a range', async () => {
    const get = (range?: string): Promise<{ status: number; body: string; contentRange?: string }> =>
      new Promise((resolve, reject) => {
        const req = request(`${base}ten.txt`, { headers: range ? { range } : {} }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, contentRange: res.headers['content-range'] }));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('bytes=2-4')).toEqual({ status: 206, body: '234', contentRange: 'bytes 2-4/10' });
    expect(await get('bytes=-3')).toEqual({ status: 206, body: '789', contentRange: 'bytes 7-9/10' });
    expect(await get('bytes=10-')).toEqual({ status: 416, body: '', contentRange: 'bytes */10' });
    expect(await get()).toEqual({ status: 200, body: '0123456789', contentRange: undefined });
  });

  it('lets the pmtiles reader read a PMTiles file in the folder tile by tile', async () => {
    const statuses: number[] = [];
    const p = new PMTiles(httpSource(`${base}roads.pmtiles`, statuses));
    const direct = new PMTiles(memorySource(FIXTURE));
    const at = tileOf(DAJUESI[0], DAJUESI[1], 14);
    expect(new Uint8Array((await p.getZxy(...at))!.data)).toEqual(new Uint8Array((await direct.getZxy(...at))!.data));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 206)).toBe(true);
  });
});

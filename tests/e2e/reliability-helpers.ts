import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { FeatureCollection, Polygon, Position } from 'geojson';

/**
 * Helpers of the issue-10 browser tests (injection, no lost work, bad inputs, network): dropping
 * files on the import panel, reading the app's IndexedDB, downloads, and a DOM walk that enters
 * every shadow root.
 */

type LayerFc = FeatureCollection<Polygon, { id: string; name: string }>;

/** The relic protection zones the pipeline wrote. */
export const RELICS = JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')) as LayerFc;

/** Mean of a ring's vertices (closing vertex excluded). */
export function centroid(ring: readonly Position[]): [number, number] {
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}

/** Centre of the relic protection zone whose name starts with `prefix`. */
export function relicCentre(prefix: string): [number, number] {
  const f = RELICS.features.find((x) => x.properties.name.startsWith(prefix));
  if (!f) throw new Error(`no relic ${prefix}`);
  return centroid(f.geometry.coordinates[0]!);
}

/** A closed square ring of `halfDeg` around a lon/lat (counter-clockwise). */
export function squareRing(lon: number, lat: number, halfDeg: number): Position[] {
  return [
    [lon - halfDeg, lat - halfDeg],
    [lon + halfDeg, lat - halfDeg],
    [lon + halfDeg, lat + halfDeg],
    [lon - halfDeg, lat + halfDeg],
    [lon - halfDeg, lat - halfDeg],
  ];
}

/** The import panel (inside the shell's shadow root; locators pierce it). */
export function importPanel(page: Page): Locator {
  return page.locator('gis-import-panel');
}

/** Waits until the import panel has read the store. */
export async function importReady(page: Page): Promise<void> {
  await page.locator('gis-import-panel').evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
}

/** Drops a file (built in the page with a DataTransfer) on the import panel's drop zone. */
export async function dropOnPanel(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name));
      const el = document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-import-panel')!.shadowRoot!.querySelector('[data-testid=import-drop]')!;
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
}

/** Imports a file through the panel's file input and accepts the preview; returns the stored layer's store id. */
export async function importAndAccept(page: Page, name: string, bytes: Uint8Array, category = 'project-boundary'): Promise<string> {
  const panel = importPanel(page);
  const before = await panel.locator('[data-testid=user-layer]').count();
  await panel.locator('[data-testid=import-file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  const preview = panel.locator('[data-testid=import-preview]');
  await preview.waitFor({ timeout: 60_000 });
  await preview.locator('[data-testid=import-category]').selectOption(category);
  await preview.locator('[data-testid=import-accept]').click();
  await preview.waitFor({ state: 'detached', timeout: 60_000 });
  const items = panel.locator('[data-testid=user-layer]');
  await items.nth(before).waitFor();
  return (await items.nth(before).getAttribute('data-layer-id')) ?? '';
}

/** Everything in the app's IndexedDB (layers and supersede records) as JSON text. */
export async function idbDump(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('shanxi-gis-user-data');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['layers', 'supersessions'], 'readonly');
          const a = tx.objectStore('layers').getAll();
          const b = tx.objectStore('supersessions').getAll();
          tx.oncomplete = () => {
            resolve(JSON.stringify({ layers: a.result, supersessions: b.result }));
            db.close();
          };
        };
      }),
  );
}

/** Clicks something that downloads a file; returns the file's name and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

/** Records CSP violations of every page of the context in `window.__csp` (set before the app's scripts run). */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: Array<{ directive: string; blocked: string }> };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI }), true);
  });
}

/** What the DOM walk found in a page. */
export interface DomAudit {
  /** `window.__xss` (undefined unless a payload ran). */
  xss: unknown;
  /** Elements that carry an inline event-handler attribute, a javascript: URL, or are a script/img/svg made from a payload. */
  hostile: string[];
  /** All text of the document, shadow roots included. */
  text: string;
  /** Number of shadow roots entered. */
  shadowRoots: number;
}

/** Walks the document and every shadow root inside it (also in closed-over templates' output). */
export async function auditDom(page: Page): Promise<DomAudit> {
  return page.evaluate(() => {
    const hostile: string[] = [];
    const texts: string[] = [];
    let shadowRoots = 0;
    const visit = (root: Document | ShadowRoot): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          const parent = n.parentElement?.localName;
          if (parent !== 'style' && parent !== 'script') texts.push(n.textContent ?? '');
          continue;
        }
        const el = n as Element;
        const tag = el.localName;
        for (const a of [...el.attributes]) {
          if (/^on/i.test(a.name)) hostile.push(`<${tag} ${a.name}="${a.value}">`);
          if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) hostile.push(`<${tag} ${a.name}="${a.value}">`);
        }
        if (tag === 'script' && /__xss/.test(el.textContent ?? '')) hostile.push('<script>__xss');
        if (tag === 'img' && el.getAttribute('src') === 'x') hostile.push('<img src=x>');
        if (tag === 'svg' && el.hasAttribute('onload')) hostile.push('<svg onload>');
        if (el.shadowRoot) {
          shadowRoots++;
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    return { xss: (window as unknown as { __xss?: unknown }).__xss, hostile, text: texts.join('\n'), shadowRoots };
  });
}

/** CSP violations recorded by {@link recordCspViolations}. */
export async function cspViolations(page: Page): Promise<Array<{ directive: string; blocked: string }>> {
  return page.evaluate(() => (window as unknown as { __csp?: Array<{ directive: string; blocked: string }> }).__csp ?? []);
}

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

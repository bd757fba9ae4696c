/**
 * A small reader for OGC WKT (WKT1 as in ESRI/GDAL `.prj` files, and the WKT2 keywords), enough to
 * find a CRS's name, datum, projection, parameters and authority code. It builds a tree and never
 * throws on bad input: it returns null.
 */

/** One WKT node: `KEYWORD["name", 1.0, CHILD[...], ...]`. */
export interface WktNode {
  readonly keyword: string;
  readonly args: readonly (string | number | WktNode)[];
}

/** Parses WKT text into a tree, or null when it is not well-formed WKT. */
export function parseWkt(text: string): WktNode | null {
  const src = text.trim();
  let i = 0;
  const skipSpace = (): void => {
    while (i < src.length && /\s/.test(src[i] ?? '')) i++;
  };
  const parseNode = (): WktNode | null => {
    skipSpace();
    const start = i;
    while (i < src.length && /[A-Za-z0-9_]/.test(src[i] ?? '')) i++;
    const keyword = src.slice(start, i).toUpperCase();
    if (keyword === '') return null;
    skipSpace();
    const open = src[i];
    if (open !== '[' && open !== '(') return { keyword, args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: (string | number | WktNode)[] = [];
    for (;;) {
      skipSpace();
      const c = src[i];
      if (c === undefined) return null;
      if (c === close) {
        i++;
        return { keyword, args };
      }
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '"') {
        let value = '';
        i++;
        for (;;) {
          const d = src[i];
          if (d === undefined) return null;
          if (d === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value += d;
          i++;
        }
        args.push(value);
        continue;
      }
      const numberMatch = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(src.slice(i, i + 40));
      if (numberMatch !== null) {
        args.push(Number(numberMatch[0]));
        i += numberMatch[0].length;
        continue;
      }
      const child = parseNode();
      if (child === null) return null;
      args.push(child);
    }
  };
  const root = parseNode();
  if (root === null) return null;
  skipSpace();
  return i === src.length ? root : null;
}

/** The node's name (its first string argument), or ''. */
export function wktName(node: WktNode): string {
  const first = node.args[0];
  return typeof first === 'string' ? first : '';
}

/** Direct children with one of the keywords. */
export function wktChildren(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword));
}

/** First node with one of the keywords anywhere below (depth-first), or undefined. */
export function wktFind(node: WktNode, ...keywords: string[]): WktNode | undefined {
  for (const a of node.args) {
    if (typeof a !== 'object') continue;
    if (keywords.includes(a.keyword)) return a;
    const below = wktFind(a, ...keywords);
    if (below !== undefined) return below;
  }
  return undefined;
}

/** `PARAMETER["name", value]` children as a map from normalised name (lowercase, letters and digits) to value. */
export function wktParameters(node: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of wktChildren(node, 'PARAMETER')) {
    const value = p.args[1];
    if (typeof value === 'number') out.set(normaliseWktName(wktName(p)), value);
  }
  return out;
}

/** The root's EPSG code from `AUTHORITY["EPSG","4526"]` or `ID["EPSG",4526]`, or null. */
export function wktEpsg(node: WktNode): number | null {
  for (const a of wktChildren(node, 'AUTHORITY', 'ID')) {
    const authority = a.args[0];
    const code = a.args[1];
    if (typeof authority === 'string' && authority.toUpperCase() === 'EPSG') {
      const n = typeof code === 'number' ? code : Number(code);
      if (Number.isInteger(n)) return n;
    }
  }
  return null;
}

/** Lowercase with everything but letters and digits removed: "Central_Meridian" → "centralmeridian". */
export function normaliseWktName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

import type { Lang, ViewState } from '../../map/map-api';

/** Which side panel is open. */
export const PANELS = ['layers', 'table', 'tools', 'conflicts', 'radar', 'import', 'public'] as const;
/** One of {@link PANELS}. */
export type Panel = (typeof PANELS)[number];

/** The attribute table's part of a link: its layer, sort and whether it is in the wide view. */
export interface TableUrlState {
  /** Layer shown in the table (null: the layer of the selection, else the first). */
  layer: string | null;
  /** Sorted column key and direction (null: the default order). */
  sort: { key: string; asc: boolean } | null;
  wide: boolean;
}

/** The table state of a link without any table parameters. */
export const DEFAULT_TABLE_URL_STATE: TableUrlState = { layer: null, sort: null, wide: false };

/** Everything a link reproduces. */
export interface UrlState {
  view: ViewState | null;
  /** Visible layers, or null for the default (all). */
  layers: string[] | null;
  selected: string | null;
  lang: Lang;
  panel: Panel;
  table: TableUrlState;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Reads the app state from a URL: `?lang=en&layers=a,b&sel=<id>&panel=public&v=<zoom>/<lat>/<lon>`, and the
 * attribute table's `tl=<layer>&ts=<column>` (`ts=-<column>` descending) `&tw=1` (wide view).
 * Unknown or malformed values fall back to the defaults.
 */
export function parseUrlState(url: URL): UrlState {
  const p = url.searchParams;
  let view: ViewState | null = null;
  const v = p.get('v');
  if (v) {
    const [z, lat, lon] = v.split('/').map(Number);
    if (z !== undefined && lat !== undefined && lon !== undefined && [z, lat, lon].every(Number.isFinite) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && z >= 0 && z <= 24) {
      view = { zoom: z, lat, lon };
    }
  }
  const layersParam = p.get('layers');
  const layers = layersParam === null ? null : layersParam.split(',').filter((s) => s !== '');
  const panelParam = p.get('panel');
  const panel = (PANELS as readonly string[]).includes(panelParam ?? '') ? (panelParam as Panel) : 'layers';
  const ts = p.get('ts') ?? '';
  const sortKey = ts.startsWith('-') ? ts.slice(1) : ts;
  const table: TableUrlState = {
    layer: p.get('tl') || null,
    sort: /^[^\s,]{1,200}$/.test(sortKey) ? { key: sortKey, asc: !ts.startsWith('-') } : null,
    wide: p.get('tw') === '1',
  };
  return { view, layers, selected: p.get('sel') || null, lang: p.get('lang') === 'en' ? 'en' : 'zh-CN', panel, table };
}

/** Writes the app state into a copy of `base` (other parameters and the hash are kept). */
export function writeUrlState(base: URL, s: UrlState): URL {
  const url = new URL(base.href);
  const p = url.searchParams;
  for (const k of ['v', 'layers', 'sel', 'lang', 'panel', 'tl', 'ts', 'tw']) p.delete(k);
  if (s.lang === 'en') p.set('lang', 'en');
  if (s.view) p.set('v', `${round(s.view.zoom, 2)}/${round(s.view.lat, 5)}/${round(s.view.lon, 5)}`);
  if (s.layers !== null) p.set('layers', s.layers.join(','));
  if (s.selected) p.set('sel', s.selected);
  if (s.panel !== 'layers') p.set('panel', s.panel);
  if (s.table.layer) p.set('tl', s.table.layer);
  if (s.table.sort) p.set('ts', `${s.table.sort.asc ? '' : '-'}${s.table.sort.key}`);
  if (s.table.wide) p.set('tw', '1');
  return url;
}

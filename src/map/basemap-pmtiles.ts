import { addProtocol } from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { PMTiles as PMTilesType, Protocol as ProtocolType } from 'pmtiles';
import { USER_SOURCE, genericLayers, protomapsLayers } from './basemap-user-layers';

export { USER_SOURCE } from './basemap-user-layers';

/** What the app knows about the user's own basemap file once it has been opened. */
export interface UserBasemapInfo {
  /** File name as picked (or the URL for a served file). */
  readonly name: string;
  /** Size in bytes (0 for a served file). */
  readonly size: number;
  /** `vector` (MVT) or `raster` (PNG, JPEG, WebP) tiles. */
  readonly kind: 'vector' | 'raster';
  readonly minZoom: number;
  readonly maxZoom: number;
  /** [west, south, east, north] from the header. */
  readonly bounds: readonly [number, number, number, number];
  /** Vector layer ids in the file (empty for raster). */
  readonly layers: readonly string[];
  /** Whether the vector layers follow the Protomaps basemap schema (styled with @protomaps/basemaps). */
  readonly protomaps: boolean;
  /** Attribution from the file's metadata, if any. */
  readonly attribution: string | null;
  /** The map review number (审图号) the file's metadata supplies, if any. */
  readonly reviewNumber: string | null;
}

/** Why a basemap file could not be used; `message` is zh-CN, `messageEn` English. */
export type BasemapFileErrorCode = 'not-pmtiles' | 'unsupported-tiles' | 'unreadable' | 'store-failed';

/** A basemap file that cannot be used, with a message for the user in both languages. */
export class BasemapFileError extends Error {
  /** English message. */
  readonly messageEn: string;
  constructor(
    readonly code: BasemapFileErrorCode,
    zh: string,
    en: string,
  ) {
    super(zh);
    this.name = 'BasemapFileError';
    this.messageEn = en;
  }
}

/** Sources and layers of a user basemap, to be placed above the world context and below the Shanxi overlays. */
export interface UserBasemapStyle {
  readonly sources: Record<string, SourceSpecification>;
  readonly layers: LayerSpecification[];
}

/** An opened user basemap: what it is and how it is drawn in each UI language. */
export interface OpenedBasemap {
  readonly info: UserBasemapInfo;
  readonly style: Readonly<Record<'zh-CN' | 'en', UserBasemapStyle>>;
}

const PROTOMAPS_LAYERS = ['earth', 'water', 'landuse', 'landcover', 'roads', 'buildings', 'places', 'boundaries', 'pois'];
const REVIEW_KEYS = ['review_number', 'reviewNumber', '审图号'];
const REVIEW_IN_TEXT = /审图号[:：]?\s*([^\s,;，；]+)/;

let protocol: ProtocolType | null = null;
let serial = 0;

async function pmtilesModule(): Promise<typeof import('pmtiles')> {
  const mod = await import('pmtiles');
  if (!protocol) {
    protocol = new mod.Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return mod;
}

function reviewNumberOf(meta: Record<string, unknown>): string | null {
  for (const k of REVIEW_KEYS) {
    const v = meta[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  for (const k of ['attribution', 'description']) {
    const v = meta[k];
    const m = typeof v === 'string' ? REVIEW_IN_TEXT.exec(v) : null;
    if (m?.[1]) return m[1];
  }
  return null;
}

function vectorLayerIds(meta: Record<string, unknown>): string[] {
  const list = meta['vector_layers'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((l: unknown) => (l && typeof l === 'object' && 'id' in l && typeof l.id === 'string' ? [l.id] : []));
}

/**
 * Opens a PMTiles basemap: a picked file or blob (read with pmtiles' `FileSource`, nothing is uploaded) or a
 * same-origin URL (read by HTTP Range requests). Checks the header and metadata and builds its layers. Throws
 * {@link BasemapFileError} for a file that is not PMTiles or holds tiles the app cannot draw.
 */
export async function openUserBasemap(file: Blob | string, name: string): Promise<OpenedBasemap> {
  const mod = await pmtilesModule();
  let archive: PMTilesType;
  let key: string;
  if (typeof file === 'string') {
    key = new URL(file, document.baseURI).href;
    archive = new mod.PMTiles(key);
  } else {
    // A plain ASCII key: the protocol's tile URLs are `pmtiles://<key>/{z}/{x}/{y}`.
    key = `user-basemap-${++serial}.pmtiles`;
    archive = new mod.PMTiles(new mod.FileSource(new File([file], key)));
  }
  let header;
  try {
    header = await archive.getHeader();
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/magic|version|PMTiles/i.test(text)) {
      throw new BasemapFileError('not-pmtiles', `“${name}”不是 PMTiles 文件（${text}）。`, `"${name}" is not a PMTiles file (${text}).`);
    }
    throw new BasemapFileError('unreadable', `无法读取“${name}”：${text}`, `Cannot read "${name}": ${text}`);
  }
  const kind = header.tileType === mod.TileType.Mvt ? 'vector' : [mod.TileType.Png, mod.TileType.Jpeg, mod.TileType.Webp].includes(header.tileType) ? 'raster' : null;
  if (kind === null) {
    throw new BasemapFileError('unsupported-tiles', `“${name}”的瓦片类型无法显示（仅支持矢量 MVT 或 PNG/JPEG/WebP 栅格）。`, `"${name}" holds tiles the app cannot draw (vector MVT or PNG/JPEG/WebP raster only).`);
  }
  let meta: Record<string, unknown> = {};
  try {
    const m = await archive.getMetadata();
    if (m && typeof m === 'object') meta = m as Record<string, unknown>;
  } catch {
    meta = {};
  }
  protocol?.add(archive);
  const layers = kind === 'vector' ? vectorLayerIds(meta) : [];
  const protomaps = layers.some((l) => PROTOMAPS_LAYERS.includes(l));
  const attribution = typeof meta['attribution'] === 'string' ? meta['attribution'] : null;
  const info: UserBasemapInfo = {
    name,
    size: typeof file === 'string' ? 0 : file.size,
    kind,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    layers,
    protomaps,
    attribution,
    reviewNumber: reviewNumberOf(meta),
  };
  const url = `pmtiles://${key}`;
  const source: SourceSpecification =
    kind === 'vector'
      ? { type: 'vector', url, ...(attribution ? { attribution } : {}) }
      : { type: 'raster', url, tileSize: 256, ...(attribution ? { attribution } : {}) };
  const styleFor = async (lang: string): Promise<UserBasemapStyle> => ({
    sources: { [USER_SOURCE]: source },
    layers: kind === 'raster' ? [{ id: 'user-raster', type: 'raster', source: USER_SOURCE }] : protomaps ? await protomapsLayers(lang) : genericLayers(layers),
  });
  return { info, style: { 'zh-CN': await styleFor('zh-Hans'), en: await styleFor('en') } };
}

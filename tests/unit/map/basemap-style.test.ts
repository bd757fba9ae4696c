// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { LABEL_FONTS, basemapStyle } from '../../../src/map/basemap-style';
import { COUNTY_SOURCE, ZONE_MIN_ZOOM, countyLayers } from '../../../src/map/basemap-counties';
import { USER_SOURCE, genericLayers, protomapsLayers } from '../../../src/map/basemap-user-layers';
import { reviewNumberText } from '../../../src/map/basemap-review';

const errors = (style: StyleSpecification): string[] => validateStyleMin(style).map((e) => e.message);
const tileUrls = (style: StyleSpecification, id: string): string[] => {
  const s = style.sources[id];
  return s && 'tiles' in s ? (s.tiles ?? []) : [];
};

describe('basemap styles', () => {
  it('offline: valid, no glyphs (labels from local fonts), no URL outside the app', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const style = basemapStyle('offline', lang);
      expect(errors(style)).toEqual([]);
      expect(style.glyphs).toBeUndefined();
      expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    }
  });

  it('hands the province outline to the county data from zone scale on', () => {
    const shanxiLine = basemapStyle('offline', 'zh-CN').layers.find((l) => l.id === 'shanxi-line');
    expect(shanxiLine?.maxzoom).toBe(ZONE_MIN_ZOOM);
    expect(countyLayers().filter((l) => l.type === 'line').every((l) => l.minzoom === ZONE_MIN_ZOOM)).toBe(true);
  });

  it('Tianditu 影像 is img + cia and 矢量 is vec + cva, Web Mercator WMTS on t0–t7, with the key encoded', () => {
    const img = basemapStyle('tianditu-img', 'zh-CN', 'a b&c');
    expect(errors(img)).toEqual([]);
    expect(img.layers.slice(0, 2).map((l) => l.id)).toEqual(['tdt-img', 'tdt-cia']);
    const urls = tileUrls(img, 'tdt-img');
    expect(urls).toHaveLength(8);
    expect(urls[3]).toBe(
      'https://t3.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=a%20b%26c',
    );
    expect(tileUrls(img, 'tdt-cia')[0]).toContain('/cia_w/wmts?');
    const vec = basemapStyle('tianditu-vec', 'zh-CN', 'k');
    expect(vec.layers.slice(0, 2).map((l) => l.id)).toEqual(['tdt-vec', 'tdt-cva']);
    expect(tileUrls(vec, 'tdt-cva')[0]).toContain('LAYER=cva');
  });

  it('county layers are valid and label in the local fonts', () => {
    const style = basemapStyle('offline', 'zh-CN');
    style.sources[COUNTY_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
    style.layers.push(...countyLayers());
    expect(errors(style)).toEqual([]);
    const label = countyLayers().find((l) => l.type === 'symbol');
    expect(label?.layout?.['text-font' as keyof typeof label.layout]).toEqual(LABEL_FONTS);
  });

  it('a user PMTiles basemap in the Protomaps schema: valid layers, no sprite icons, local fonts, above the world context', async () => {
    for (const lang of ['zh-Hans', 'en']) {
      const layers = await protomapsLayers(lang);
      const style = basemapStyle('offline', 'zh-CN', '', { sources: { [USER_SOURCE]: { type: 'vector', url: 'pmtiles://user-basemap-1.pmtiles' } }, layers });
      expect(errors(style)).toEqual([]);
      expect(style.sprite).toBeUndefined();
      const symbols = layers.filter((l): l is Extract<LayerSpecification, { type: 'symbol' }> => l.type === 'symbol');
      expect(symbols.length).toBeGreaterThan(3);
      for (const l of symbols) {
        expect(l.layout?.['icon-image']).toBeUndefined();
        expect(l.layout?.['text-font']).toEqual(LABEL_FONTS);
      }
      expect(layers.some((l) => 'source-layer' in l && l['source-layer'] === 'roads')).toBe(true);
      const ids = style.layers.map((l) => l.id);
      expect(ids.indexOf('world-fill')).toBeLessThan(ids.indexOf(layers[0]!.id));
      expect(ids.indexOf('shanxi-line')).toBeGreaterThan(ids.indexOf(layers[layers.length - 1]!.id));
    }
  });

  it('a vector file in another schema gets neutral fill, line and point layers per source layer', () => {
    const layers = genericLayers(['transportation', 'water']);
    expect(layers).toHaveLength(6);
    const style = basemapStyle('offline', 'zh-CN', '', { sources: { [USER_SOURCE]: { type: 'vector', url: 'pmtiles://x' } }, layers });
    expect(errors(style)).toEqual([]);
  });
});

describe('reviewNumberText', () => {
  it('prefixes 审图号 unless the value already names itself', () => {
    expect(reviewNumberText(' GS(2024)0650号 ')).toBe('审图号：GS(2024)0650号');
    expect(reviewNumberText('审图号：GS京(2023)0001号')).toBe('审图号：GS京(2023)0001号');
  });
});

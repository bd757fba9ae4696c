// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { firstView, keepFirstView } from '../../../../src/ui/app-shell/first-view';
import type { ViewerFeature } from '../../../../src/core/model/catalog-feature';
import { FakeMap } from '../fake-map';

const features: ViewerFeature[] = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].flatMap(
  (id) => parseLayer(id, JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8'))).features,
);

afterEach(() => vi.useRealTimers());

describe('the first view', () => {
  it('is the box of the gazettes\' features, south of 36° included, with room for the zoom buttons on a phone', () => {
    const phone = firstView(features, 390, 430);
    expect(phone).not.toBeNull();
    const [w, s, e, n] = phone!.bbox;
    // measured on data/layers: 侯马 (35.62°N) is the southernmost, the 吕梁 sites reach 38.2°N
    expect(s).toBeLessThan(35.7);
    expect(n).toBeGreaterThan(37.9);
    expect(w).toBeLessThan(110.8);
    expect(e).toBeGreaterThan(112);
    expect(phone!.padding.right).toBeGreaterThanOrEqual(44);
    const desktop = firstView(features, 920, 748);
    expect(desktop!.padding.bottom).toBeGreaterThanOrEqual(60);
    // tiny maps keep most of their area for the data
    const tiny = firstView(features, 90, 60)!;
    expect(tiny.padding.top + tiny.padding.bottom).toBeLessThanOrEqual(40);
    expect(firstView([], 390, 430)).toBeNull();
    expect(firstView(features.map((f) => ({ ...f, props: { ...f.props, layer: 'qa' } })), 390, 430)).toBeNull();
  });

  it('is fitted again when the map changes size, until the user moves the camera', () => {
    const map = new FakeMap();
    const host = document.createElement('div');
    let size = { w: 390, h: 500 };
    Object.defineProperty(host, 'clientWidth', { get: () => size.w });
    Object.defineProperty(host, 'clientHeight', { get: () => size.h });
    const observers: Array<() => void> = [];
    vi.stubGlobal('ResizeObserver', class {
      constructor(cb: () => void) {
        observers.push(cb);
      }
      observe(): void {}
      disconnect(): void {
        observers.length = 0;
      }
    });
    const stop = keepFirstView(map, host, () => features);
    expect(map.callsOf('fitBounds')).toHaveLength(1);
    size = { w: 390, h: 430 };
    for (const o of observers) o();
    expect(map.callsOf('fitBounds')).toHaveLength(2);
    // the user moves the camera: no more fitting
    map.setView({ lon: 111, lat: 36, zoom: 9 });
    size = { w: 390, h: 400 };
    for (const o of observers) o();
    expect(map.callsOf('fitBounds')).toHaveLength(2);
    stop();
    vi.unstubAllGlobals();
  });
});

import type { MapApi } from '../../../../src/map/map-api';

/** One recorded call of the fake map. */
export interface MapCall {
  readonly method: keyof MapApi;
  readonly args: readonly unknown[];
}

/**
 * A stand-in for the map behind `MapApi` in component tests: every method records its call and returns
 * nothing (promises resolve at once); `calls(method)` lists the recorded arguments.
 */
export function fakeMap(): { map: MapApi; log: MapCall[]; calls: (method: keyof MapApi) => Array<readonly unknown[]> } {
  const log: MapCall[] = [];
  const asyncMethods = new Set<string>(['mount', 'whenIdle', 'whenLayersRendered', 'warmUpShaders']);
  const map = new Proxy({} as MapApi, {
    get: (_target, name) => {
      // Only MapApi's methods exist (Lit probes bound values for `_$litDirective$`, Promise code for `then`).
      if (typeof name !== 'string' || !/^[a-z][A-Za-z]*$/.test(name) || name === 'then') return undefined;
      return (...args: unknown[]) => {
        log.push({ method: name as keyof MapApi, args });
        if (asyncMethods.has(name)) return Promise.resolve();
        if (name.startsWith('on')) return () => undefined;
        if (name === 'renderedFeatureIds' || name === 'renderedPlaceLabels') return [];
        return undefined;
      };
    },
  });
  return { map, log, calls: (method) => log.filter((c) => c.method === method).map((c) => c.args) };
}

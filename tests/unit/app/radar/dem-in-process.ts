import { readFileSync } from 'node:fs';
import type { Feature, Geometry } from 'geojson';
import type { Remote } from 'comlink';
import type { RulesLoadResult } from '../../../../src/app/rules-loader';
import type { WorkerHandle } from '../../../../src/app/worker-protocol';
import type { RadarSourceLayer } from '../../../../src/app/radar/radar-state';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { FeatureProps } from '../../../../src/core/model/feature-props';
import { createDemService } from '../../../../src/core/radar/dem-service';
import type { DemWorkerApi } from '../../../../src/workers/dem-worker';

/**
 * Test doubles for the radar session: the DEM worker's API run in this process (the real core service, one
 * call at a time as in a worker, values structured-cloned as postMessage would), the bundled rules read
 * from disk, and the app's layers built from data/layers.
 */

/** A worker handle whose calls run the core DEM service in this process; counts the calls. */
export function inProcessDemWorker(): WorkerHandle<DemWorkerApi> & { calls: number } {
  const service = createDemService();
  let stopped = false;
  const handle = {
    calls: 0,
    get stopped() {
      return stopped;
    },
    terminate() {
      stopped = true;
    },
    async run<T>(call: (api: Remote<DemWorkerApi>) => Promise<T>) {
      if (stopped) return { ok: false as const, reason: 'cancelled' as const, detail: 'terminated' };
      handle.calls++;
      const value = await call(service as unknown as Remote<DemWorkerApi>);
      if (stopped) return { ok: false as const, reason: 'cancelled' as const, detail: 'terminated' };
      return { ok: true as const, value: structuredClone(value) };
    },
  };
  return handle;
}

/** The bundled rule set, read from data/rules/rules.json. */
export async function rulesFromDisk(): Promise<RulesLoadResult> {
  const raw = JSON.parse(readFileSync('data/rules/rules.json', 'utf8')) as unknown;
  const parsed = parseRuleSet(raw);
  if (!parsed.ok) return { ok: false, reason: 'rules-invalid', detail: parsed.message };
  return { ok: true, rules: parsed.value, raw };
}

/** A pipeline layer of data/layers as the app hands it to the radar session. */
export function pipelineLayer(id: string): RadarSourceLayer {
  const fc = JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8')) as { features: Feature<Geometry, FeatureProps>[] };
  return { id, features: fc.features.map((f) => ({ id: f.properties.id, geometry: f.geometry, props: f.properties })) };
}

/** Id of the planned 安泽 X-band radar (site not chosen). */
export const ANZE_ID = 'meteo-site:lfzf-2023-5-observation/xboduanshuangpianzhenxiangkongzhentianqi-anze';
/** Id of the existing 临汾 radar (in force, relocation planned). */
export const LINFEN_ID = 'meteo-site:lfzf-2023-5-observation/linfenxinyidaiduopuletianqileida-quanshi';

import type { NoticeEntryResult } from '../../pipeline/layers/notice-entry';
import type { PipelineWorkerApi } from '../../workers/pipeline-worker';
import { UserLayerStore } from '../catalog/user-layer-store';
import { loadPipelineInputs } from '../placement/pipeline-inputs';
import { startPipelineWorker } from '../worker-factories';
import { openWorker } from '../worker-protocol';
import type { WorkerHandle } from '../worker-protocol';
import type { NoticeDeps } from './notice-session';

/** A store id for a notice layer (the stored-layer id pattern: lower-case letters and digits). */
export function newNoticeId(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().replace(/-/g, '').slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `n${Date.now().toString(36)}${rnd}`.toLowerCase();
}

/**
 * The session's real dependencies: the gazetteer texts fetched once (the bundled data/gazetteer files), builds in the
 * pipeline worker (one worker, started on first use), the user-layer store in IndexedDB.
 */
export function noticeDeps(): NoticeDeps {
  let worker: WorkerHandle<PipelineWorkerApi> | null = null;
  return {
    loadInputs: async () => {
      const all = await loadPipelineInputs();
      return { gazetteer: all.gazetteer, shanxiJson: all.shanxiJson };
    },
    build: (req) => {
      worker ??= openWorker<PipelineWorkerApi>(startPipelineWorker);
      return worker.run((api) => api.buildNoticeFromTexts(req) as Promise<NoticeEntryResult>).then((r) => {
        if (!r.ok) worker = null;
        return r;
      });
    },
    store: new UserLayerStore(),
    newId: newNoticeId,
    now: () => new Date(),
  };
}

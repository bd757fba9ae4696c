import { expose } from 'comlink';

/**
 * Exposes `api` (an object of core functions) to the page over the project's one worker protocol
 * (Comlink; the page side is `src/app/worker-protocol.ts`). Every worker entry calls this once.
 */
export function exposeWorkerApi(api: object): void {
  expose(api);
}

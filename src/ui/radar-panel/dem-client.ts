import type { DemRequest, DemResponse } from '../../core/radar/dem-service';

/** A request without its id (the client numbers them). */
export type DemCall = DemRequest extends infer R ? (R extends { requestId: number } ? Omit<R, 'requestId'> : never) : never;

/** The successful response for a request type. */
export type DemOk<T extends DemCall['type']> = Extract<DemResponse, { ok: true; type: T }>;

/** A failed response. */
export type DemFailure = Extract<DemResponse, { ok: false }>;

/**
 * Main-thread client of the DEM worker (src/workers/dem-worker.ts): typed requests, one promise per
 * request matched by `requestId`. The worker (and with it geotiff) is created on first use, so the
 * initial bundle never loads it. Only type imports from the core service: no DEM code runs here.
 */
export class DemClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: DemResponse) => void>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../workers/dem-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<DemResponse>) => {
      const done = this.pending.get(event.data.requestId);
      if (!done) return;
      this.pending.delete(event.data.requestId);
      done(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      const message = `高程计算进程出错 / DEM worker error: ${event.message}`;
      for (const [id, done] of this.pending) done({ requestId: id, ok: false, reason: 'worker-error', message });
      this.pending.clear();
    };
    this.worker = worker;
    return worker;
  }

  /** Sends a request; resolves with the worker's answer (success or a problem value). */
  call<C extends DemCall>(request: C): Promise<DemOk<C['type']> | DemFailure> {
    const worker = this.ensure();
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, (r) => resolve(r as DemOk<C['type']> | DemFailure));
      worker.postMessage({ ...request, requestId });
    });
  }

  /** Stops the worker; pending requests resolve as cancelled. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const [id, done] of this.pending) done({ requestId: id, ok: false, reason: 'cancelled', message: '已取消 / cancelled' });
    this.pending.clear();
  }
}

import { describe, expect, it } from 'vitest';
import { callback, openWorker } from '../../../src/app/worker-protocol';
import { channelWorker } from './channel-worker';

const fakeWorker = (api: object): Worker => channelWorker(api);

const api = {
  add: (a: number, b: number) => a + b,
  slow: () => new Promise<number>(() => undefined),
  counted: async (n: number, onProgress: (i: number) => void) => {
    for (let i = 1; i <= n; i++) await onProgress(i);
    return n;
  },
  fails: () => {
    throw new Error('boom');
  },
};

describe('worker protocol', () => {
  it('returns values of the exposed functions', async () => {
    const handle = openWorker<typeof api>(() => fakeWorker(api));
    expect(await handle.run((w) => w.add(2, 3))).toEqual({ ok: true, value: 5 });
    handle.terminate();
  });

  it('calls progress callbacks across the boundary', async () => {
    const handle = openWorker<typeof api>(() => fakeWorker(api));
    const seen: number[] = [];
    const r = await handle.run((w) => w.counted(3, callback((i: number) => void seen.push(i))));
    expect(r).toEqual({ ok: true, value: 3 });
    expect(seen).toEqual([1, 2, 3]);
    handle.terminate();
  });

  it('settles calls in flight as cancelled on terminate, and later calls at once', async () => {
    const handle = openWorker<typeof api>(() => fakeWorker(api));
    const pending = handle.run((w) => w.slow());
    handle.terminate();
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(handle.stopped).toBe(true);
    expect(await handle.run((w) => w.add(1, 1))).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it('turns a thrown error into a worker-error value', async () => {
    const handle = openWorker<typeof api>(() => fakeWorker(api));
    expect(await handle.run((w) => w.fails())).toMatchObject({ ok: false, reason: 'worker-error', detail: 'boom' });
    handle.terminate();
  });

  it('settles as worker-error when the worker crashes', async () => {
    let worker: Worker | null = null;
    const handle = openWorker<typeof api>(() => (worker = fakeWorker(api)));
    const pending = handle.run((w) => w.slow());
    const crash = new Event('error') as ErrorEvent;
    Object.defineProperty(crash, 'message', { value: 'crashed' });
    (worker as unknown as EventTarget).dispatchEvent(crash);
    expect(await pending).toMatchObject({ ok: false, reason: 'worker-error', detail: 'crashed' });
  });
});

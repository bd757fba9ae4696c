import { expose } from 'comlink';

/**
 * A stand-in for a dedicated worker in tests: `api` is exposed with Comlink on one end of a MessageChannel served
 * in this process (values are structured-cloned as they would be); the other end looks like a `Worker`.
 * `onTerminate` is called when the page side terminates it.
 */
export function channelWorker(api: object, onTerminate: () => void = () => undefined): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Parameters<typeof expose>[1]);
  const target = new EventTarget();
  port1.addEventListener('message', (e) => target.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })));
  port1.start();
  const fake = {
    postMessage: (data: unknown, transfer?: Transferable[]) => port1.postMessage(data, transfer ?? []),
    addEventListener: (type: string, fn: EventListener) => target.addEventListener(type, fn),
    removeEventListener: (type: string, fn: EventListener) => target.removeEventListener(type, fn),
    dispatchEvent: (e: Event) => target.dispatchEvent(e),
    terminate: () => {
      onTerminate();
      port1.close();
      port2.close();
    },
  };
  return fake as unknown as Worker;
}

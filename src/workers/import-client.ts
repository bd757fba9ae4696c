import type { ImportJobValues, ImportReply, ImportRequest, ImportStage } from './import-messages';

/** Outcome of a job run in the import worker. */
export type ImportJobResult<T> = { ok: true; value: T } | { ok: false; reason: 'cancelled' | 'worker-error'; message: string };

/** A running job: its result, and a way to stop it. */
export interface RunningImportJob<T> {
  result: Promise<ImportJobResult<T>>;
  /** Stops the job at once (the worker is terminated); the result resolves with reason `cancelled`. */
  cancel(): void;
}

/** Distributes `Omit` over a union, so each job type keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

let nextId = 1;

/**
 * Runs one import-pipeline job (`import`, `fix`, `accept`, `export`, `areas`) in a fresh Web
 * Worker, so parsing a large file never blocks the page; `onProgress` receives the stages. The
 * bytes of an `import` job are transferred, not copied.
 */
export function runImportJob<K extends ImportRequest['type']>(
  request: WithoutId<Extract<ImportRequest, { type: K }>>,
  onProgress: (stage: ImportStage) => void = () => undefined,
): RunningImportJob<ImportJobValues[K]> {
  const id = nextId++;
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: ImportJobResult<ImportJobValues[K]>) => void = () => undefined;
  const result = new Promise<ImportJobResult<ImportJobValues[K]>>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const finish = (r: ImportJobResult<ImportJobValues[K]>): void => {
    if (done) return;
    done = true;
    worker.terminate();
    settle(r);
  };
  worker.onmessage = (event: MessageEvent<ImportReply>) => {
    const msg = event.data;
    if (msg.id !== id && msg.id !== -1) return;
    if (msg.type === 'progress') onProgress(msg.stage);
    else if (msg.type === 'result') finish({ ok: true, value: msg.value as ImportJobValues[K] });
    else finish({ ok: false, reason: 'worker-error', message: msg.message });
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    finish({ ok: false, reason: 'worker-error', message: event.message || 'worker error' });
  };
  const message = { ...request, id } as ImportRequest;
  if (message.type === 'import') worker.postMessage(message, [message.bytes.buffer]);
  else worker.postMessage(message);
  return { result, cancel: () => finish({ ok: false, reason: 'cancelled', message: '已取消 / cancelled' }) };
}

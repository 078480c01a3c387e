// The import worker (electron-vite entry `import-worker`): runs one import job on its own
// connection, off the thread that answers the window and the API. Messages: in, `cancel`; out,
// `detected`, `progress`, then `done` or `failed`.
import { parentPort, workerData } from 'node:worker_threads';
import { runImport } from './run-import';
import type { ImportJobOptions } from './types';
import { toWire } from './wire';

let cancelled = false;
parentPort?.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') cancelled = true;
});

runImport(workerData as ImportJobOptions, {
  onDetected: (files) => parentPort?.postMessage({ type: 'detected', files }),
  onProgress: (progress) => parentPort?.postMessage({ type: 'progress', progress }),
  cancelled: () => cancelled,
}).then(
  (result) => parentPort?.postMessage({ type: 'done', result }),
  (error: unknown) => parentPort?.postMessage({ type: 'failed', error: toWire(error) }),
);

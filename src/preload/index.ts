/**
 * The bridge: exactly the contract's methods, each bound to its own IPC channel.
 * Nothing generic (no invoke(channel)) reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/contract';
import { droppedFilesBridge } from './dropped-files';

// Whether a person did something lately: a background refresh does not keep the operator's session
// from the 15-minute idle lock.
let lastInput = Date.now();
const page = globalThis as unknown as {
  addEventListener?(type: string, listener: () => void, options: { capture: boolean; passive: boolean }): void;
};
for (const type of ['keydown', 'pointerdown', 'wheel']) {
  page.addEventListener?.(type, () => (lastInput = Date.now()), { capture: true, passive: true });
}
const ACTIVE_FOR_MS = 60_000;

const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  const channel = ipcChannel(method);
  bridge[method] = (input: unknown) =>
    ipcRenderer.invoke(channel, input ?? {}, { activity: Date.now() - lastInput < ACTIVE_FOR_MS });
}

contextBridge.exposeInMainWorld('mfa', Object.freeze(bridge));
// The one other thing the page gets: the paths of files dropped on the window (dropped-files.ts).
contextBridge.exposeInMainWorld('mfaFiles', Object.freeze({ ...droppedFilesBridge }));

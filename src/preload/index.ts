/**
 * The bridge: exactly the contract's methods, each bound to its own IPC channel.
 * Nothing generic (no invoke(channel)) reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/contract';

const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  const channel = ipcChannel(method);
  bridge[method] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
}

contextBridge.exposeInMainWorld('mfa', Object.freeze(bridge));

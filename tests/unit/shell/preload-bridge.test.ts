import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      electron.invoked.push([channel, input]);
      return { ok: true, value: channel };
    },
  },
}));

import '../../../src/preload/index';
import { API_METHODS, ipcChannel } from '../../../src/shared/contract';

describe('the preload bridge', () => {
  const bridge = electron.exposed.get('mfa') as Record<string, (input?: unknown) => Promise<unknown>>;

  it('exposes one object, "mfa", and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['mfa']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('has exactly the contract methods: no generic invoke or send', () => {
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS].sort());
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('sends each method on its own channel with the input as given', async () => {
    for (const method of API_METHODS) {
      await expect(bridge[method]({ probe: method })).resolves.toEqual({ ok: true, value: ipcChannel(method) });
    }
    expect(electron.invoked.map(([channel]) => channel)).toEqual(API_METHODS.map(ipcChannel));
    expect(electron.invoked[0][1]).toEqual({ probe: API_METHODS[0] });
  });
});

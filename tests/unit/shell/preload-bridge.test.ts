import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  /** What webUtils.getPathForFile answers per file name ('' for a file that is not on the disk). */
  paths: new Map<string, string>(),
}));

vi.mock('electron', () => ({
  webUtils: { getPathForFile: (file: File) => electron.paths.get(file.name) ?? '' },
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
import { DROPPED_FILES_CHANNEL, type DroppedFilesBridge } from '../../../src/shared/contract/dropped-files';

describe('the preload bridge', () => {
  const bridge = electron.exposed.get('mfa') as Record<string, (input?: unknown) => Promise<unknown>>;

  it('exposes the API object "mfa" and the dropped-files object "mfaFiles", nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['mfa', 'mfaFiles']);
    expect(Object.isFrozen(bridge)).toBe(true);
    const files = electron.exposed.get('mfaFiles') as Record<string, unknown>;
    expect(Object.isFrozen(files)).toBe(true);
    expect(Object.keys(files)).toEqual(['droppedPaths']);
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

describe('the dropped-files bridge', () => {
  const files = () => electron.exposed.get('mfaFiles') as DroppedFilesBridge;
  const sent = () => electron.invoked.filter(([channel]) => channel === DROPPED_FILES_CHANNEL);

  it('reads the dropped files’ paths with webUtils and sends exactly those on its own channel', async () => {
    electron.paths.set('okta.json', '/home/inv/okta.json');
    electron.paths.set('duo.json', '/home/inv/duo.json');
    await files().droppedPaths([new File(['[]'], 'okta.json'), new File(['[]'], 'duo.json')]);
    expect(sent().at(-1)).toEqual([DROPPED_FILES_CHANNEL, ['/home/inv/okta.json', '/home/inv/duo.json']]);
  });

  it('refuses anything but File objects, an empty or oversized drop, and files not on the disk, sending nothing', async () => {
    const before = sent().length;
    const bad = [
      [['/etc/passwd'], /only files dropped/],
      [[{ name: 'x.csv', path: '/etc/passwd' }], /only files dropped/],
      [[], /at least one file/],
      [Array.from({ length: 51 }, (_, i) => new File([''], `f${i}.csv`)), /at most 50/],
      [[new File(['made by the page'], 'made-up.csv')], /none of the dropped items is a file/],
    ] as const;
    for (const [input, message] of bad) {
      const answer = await files().droppedPaths(input as unknown as File[]);
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message } });
    }
    expect(sent().length).toBe(before);
  });
});

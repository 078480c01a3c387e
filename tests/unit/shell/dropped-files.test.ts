import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { answerDroppedFiles, bindDroppedFiles } from '../../../src/main/shell-drop';
import { DROPPED_FILES_CHANNEL } from '../../../src/shared/contract/dropped-files';

// The Electron binary cannot run here: the IPC event is a stand-in, the checks are the real ones.
const dir = mkdtempSync(join(tmpdir(), 'mfa-drop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const okta = join(dir, 'okta.json');
const duo = join(dir, 'duo.json');
writeFileSync(okta, '[]');
writeFileSync(duo, '[]');
mkdirSync(join(dir, 'folder'));

const event = {} as IpcMainInvokeEvent;
const trusted = () => true;

describe('files dropped on the desktop window (main process)', () => {
  it('grants the dropped files for import and answers them with their names', () => {
    const grant = vi.fn();
    expect(answerDroppedFiles(event, [okta, duo], trusted, grant)).toEqual({
      ok: true,
      value: [
        { path: okta, name: 'okta.json' },
        { path: duo, name: 'duo.json' },
      ],
    });
    expect(grant).toHaveBeenCalledWith([okta, duo]);
  });

  it('refuses an untrusted sender, bad input, relative paths, folders and missing files, granting nothing', () => {
    const grant = vi.fn();
    expect(answerDroppedFiles(event, [okta], () => false, grant)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    for (const [input, message] of [
      ['okta.json', /files: /],
      [[], /at least one file/],
      [[42], /files\[0\]/],
      [[`${okta}\0.png`], /NUL/],
      [Array(51).fill(okta), /at most 50/],
      [['okta.json'], /not an absolute path/],
      [[okta, join(dir, 'folder')], /files\[1\]: .* is not a file/],
      [[join(dir, 'gone.csv')], /is not a file/],
    ] as const) {
      expect(answerDroppedFiles(event, input, trusted, grant)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) },
      });
    }
    expect(grant).not.toHaveBeenCalled();
  });

  it('is bound on its own channel', async () => {
    const handle = vi.fn();
    bindDroppedFiles({ handle }, trusted, vi.fn());
    expect(handle).toHaveBeenCalledWith(DROPPED_FILES_CHANNEL, expect.any(Function));
  });
});

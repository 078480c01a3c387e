import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { IMPORT_FILTERS, workspaceDialogs } from '../../../src/main/shell-dialogs';

// The Electron binary cannot run here: the dialogs are a fake with Electron's answers.
function fakeDialog(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  return {
    showOpenDialog: vi.fn(async () => ({ canceled: answer.canceled, filePaths: answer.filePaths ?? [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: answer.canceled, filePath: answer.filePath ?? '' })),
  };
}
const win = {} as BrowserWindow;

describe('the desktop app’s workspace and import dialogs', () => {
  it('a new workspace is named in a save dialog over the window, in Documents, asking before overwriting', async () => {
    const dialog = fakeDialog({ canceled: false, filePath: '/home/ana/Documents/q3.sqlite' });
    const dialogs = workspaceDialogs(dialog as never, () => win, '/home/ana/Documents');
    expect(await dialogs.chooseWorkspacePath('create')).toBe('/home/ana/Documents/q3.sqlite');
    const [parent, options] = dialog.showSaveDialog.mock.calls[0] as unknown as [
      BrowserWindow,
      Record<string, unknown>,
    ];
    expect(parent).toBe(win);
    expect(options).toMatchObject({ defaultPath: '/home/ana/Documents/investigation.sqlite' });
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('opening one takes a single existing file; several import files at once; cancel is null', async () => {
    const open = fakeDialog({ canceled: false, filePaths: ['/data/a.json', '/data/b.csv'] });
    const dialogs = workspaceDialogs(open as never, () => null, '/docs');
    expect(await dialogs.chooseImportFiles()).toEqual(['/data/a.json', '/data/b.csv']);
    const [options] = open.showOpenDialog.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters).toEqual(IMPORT_FILTERS);
    expect(await dialogs.chooseWorkspacePath('open')).toBe('/data/a.json');
    const cancelled = workspaceDialogs(fakeDialog({ canceled: true }) as never, () => win, '/docs');
    expect(await cancelled.chooseImportFiles()).toBeNull();
    expect(await cancelled.chooseWorkspacePath('create')).toBeNull();
  });
});

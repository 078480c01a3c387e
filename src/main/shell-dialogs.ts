import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { ShellServices } from './context';

/** The import file types offered first in the open dialog (every file stays choosable). */
export const IMPORT_FILTERS = [
  { name: 'MFA log exports', extensions: ['csv', 'json', 'ndjson', 'jsonl', 'gz', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];
export const WORKSPACE_FILTERS = [{ name: 'Console workspaces', extensions: ['sqlite', 'db'] }];

/**
 * The desktop app's file dialogs for workspaces and imports: the page never names a file itself,
 * it asks the main process, which asks the operator (the paths are then granted to the API).
 */
export function workspaceDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  documents: string,
): Required<Pick<ShellServices, 'chooseWorkspacePath' | 'chooseImportFiles'>> {
  const open = (options: OpenDialogOptions) => {
    const parent = window();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };
  const save = (options: SaveDialogOptions) => {
    const parent = window();
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  };
  return {
    async chooseWorkspacePath(mode) {
      if (mode === 'create') {
        const choice = await save({
          title: 'New workspace',
          buttonLabel: 'Create workspace',
          defaultPath: join(documents, 'investigation.sqlite'),
          filters: WORKSPACE_FILTERS,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        return choice.canceled || !choice.filePath ? null : choice.filePath;
      }
      const choice = await open({
        title: 'Open workspace',
        buttonLabel: 'Open workspace',
        defaultPath: documents,
        filters: WORKSPACE_FILTERS,
        properties: ['openFile'],
      });
      return choice.canceled || choice.filePaths.length === 0 ? null : choice.filePaths[0];
    },
    async chooseImportFiles() {
      const choice = await open({
        title: 'Import MFA log files',
        buttonLabel: 'Import',
        defaultPath: documents,
        filters: IMPORT_FILTERS,
        properties: ['openFile', 'multiSelections'],
      });
      return choice.canceled || choice.filePaths.length === 0 ? null : choice.filePaths;
    },
  };
}

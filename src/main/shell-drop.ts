import { statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { DROPPED_FILES_CHANNEL, droppedPaths } from '../shared/contract/dropped-files';

type Answer =
  { ok: true; value: { path: string; name: string }[] } | { ok: false; error: { code: string; message: string } };

/**
 * The main process's side of a drop: from the trusted window only, a list of at most 50 absolute
 * paths of regular files (checked here again, whatever the preload sent), granted for import the
 * way a file dialog's choice is. Answers the granted paths with their names.
 */
export function answerDroppedFiles(
  event: IpcMainInvokeEvent,
  input: unknown,
  trusted: (event: IpcMainInvokeEvent) => boolean,
  grant: (paths: string[]) => void,
): Answer {
  if (!trusted(event))
    return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused.' } };
  const parsed = droppedPaths.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `files${issue.path.length ? `[${issue.path.join('.')}]` : ''}: ${issue.message}`,
      },
    };
  }
  const out: { path: string; name: string }[] = [];
  for (const [i, path] of parsed.data.entries()) {
    if (!isAbsolute(path))
      return { ok: false, error: { code: 'INVALID_INPUT', message: `files[${i}]: ${path} is not an absolute path.` } };
    const full = resolve(path);
    const file = (() => {
      try {
        return statSync(full).isFile();
      } catch {
        return false;
      }
    })();
    if (!file)
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `files[${i}]: ${full} is not a file (a folder, or gone).` },
      };
    out.push({ path: full, name: basename(full) });
  }
  grant(out.map((f) => f.path));
  return { ok: true, value: out };
}

export function bindDroppedFiles(
  ipcMain: Pick<IpcMain, 'handle'>,
  trusted: (event: IpcMainInvokeEvent) => boolean,
  grant: (paths: string[]) => void,
): void {
  ipcMain.handle(DROPPED_FILES_CHANNEL, (event, input: unknown) => answerDroppedFiles(event, input, trusted, grant));
}

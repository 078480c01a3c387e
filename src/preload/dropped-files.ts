/**
 * Dropped files (desktop app): the page hands over the File objects of a drop, the preload reads
 * their paths with webUtils.getPathForFile (a File the page made itself has none) and asks the main
 * process to grant exactly those for import. Anything but File objects is refused here.
 */
import { ipcRenderer, webUtils } from 'electron';
import { DROPPED_FILES_CHANNEL, MAX_DROPPED_FILES, type DroppedFilesBridge } from '../shared/contract/dropped-files';

const refused = (message: string) => ({ ok: false as const, error: { code: 'INVALID_INPUT', message } });

export const droppedFilesBridge: DroppedFilesBridge = {
  async droppedPaths(files) {
    if (!Array.isArray(files) || files.length === 0) return refused('files: drop at least one file.');
    if (files.length > MAX_DROPPED_FILES) return refused(`files: at most ${MAX_DROPPED_FILES} files at once.`);
    if (!files.every((f) => typeof File !== 'undefined' && f instanceof File)) {
      return refused('files: only files dropped on the window can be imported this way.');
    }
    const named = files.map((f) => ({ path: webUtils.getPathForFile(f), name: f.name })).filter((f) => f.path);
    if (named.length === 0) return refused('files: none of the dropped items is a file on this computer.');
    return ipcRenderer.invoke(
      DROPPED_FILES_CHANNEL,
      named.map((f) => f.path),
    ) as ReturnType<DroppedFilesBridge['droppedPaths']>;
  },
};

import { z } from 'zod';

/**
 * The desktop app's one channel beside the API's: the paths of files dropped on the window, read in
 * the preload from the dropped File objects (Electron's webUtils.getPathForFile) and granted to the
 * import methods by the main process, as a file dialog's choice is. The page never names a path.
 */
export const DROPPED_FILES_CHANNEL = 'mfa:dropped-files';
export const MAX_DROPPED_FILES = 50;

export const droppedPaths = z
  .array(
    z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => !p.includes('\0'), 'must not contain a NUL character'),
  )
  .min(1, 'drop at least one file')
  .max(MAX_DROPPED_FILES, `at most ${MAX_DROPPED_FILES} files at once`);

/** What the preload exposes to the page as `window.mfaFiles` (desktop app only). */
export interface DroppedFilesBridge {
  /** The dropped files' paths, granted for import; files without one (not from the disk) are left out. */
  droppedPaths(
    files: readonly File[],
  ): Promise<
    { ok: true; value: { path: string; name: string }[] } | { ok: false; error: { code: string; message: string } }
  >;
}

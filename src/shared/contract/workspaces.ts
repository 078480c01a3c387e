import { z } from 'zod';
import { method, noInput } from './define';

/**
 * Stable codes of workspaces and imports (docs/workspaces.md); scripts and the UI branch on these.
 * The import library's own (IMPORT_INVALID, IMPORT_ENCODING, ...) are in src/main/import/errors.ts.
 */
export const WORKSPACE_ERROR_CODES = {
  WORKSPACE_READ_ONLY:
    'A workspace is open: it holds imported events, not live accounts; actions on accounts are refused.',
  WORKSPACE_REQUIRED: 'Imports go into a workspace: create or open one first.',
  WORKSPACE_EXISTS: 'A file exists at that path already: open it, or choose a new name.',
  WORKSPACE_NOT_FOUND: 'There is no workspace file at that path.',
  WORKSPACE_NOT_CONSOLE: 'The file is not a console workspace (not SQLite, or another program’s database).',
  WORKSPACE_IS_LIVE: 'That path is the live database; a workspace is a file of its own.',
  WORKSPACE_PATH_NOT_CHOSEN: 'In the desktop app, files are chosen in its file dialog (or dropped on the window).',
  IMPORT_INVALID: 'A record does not hold what its format promises (details: file, line, column); nothing was written.',
  IMPORT_ENCODING: 'The file is not UTF-8 text.',
  IMPORT_EMPTY: 'The file is empty.',
  IMPORT_UNKNOWN_FORMAT: 'No known format matches the content (or --format names none).',
  IMPORT_UNREADABLE: 'The file cannot be opened or decompressed.',
  TIMEZONE_REQUIRED: 'The format’s times carry no UTC offset: give the time zone.',
  IMPORT_RUNNING: 'An import into this workspace is running already.',
  IMPORT_CANCELLED: 'The import was cancelled; the workspace is as it was before.',
  UPLOAD_TOO_LARGE: 'The uploaded file is larger than the web shell accepts.',
} as const;

export interface WorkspaceInfo {
  path: string;
  name: string;
  openedAt: number;
  events: number;
  sources: number;
  /** The imported events' span (unix ms), so Trends opens on it; null while empty. */
  firstEventAt: number | null;
  lastEventAt: number | null;
}

export interface WorkspaceStatus {
  /** The open workspace, or null when the console works on the live database. */
  open: WorkspaceInfo | null;
  recent: { path: string; name: string; openedAt: number; exists: boolean }[];
  /** True in the desktop app: paths come from its file dialogs, not typed. */
  canChoose: boolean;
  /** Why actions on accounts are off while the workspace is open (shown beside them); null on live. */
  readOnlyReason: string | null;
}

export interface ImportFormatInfo {
  id: string;
  label: string;
  needsTimezone: boolean;
}

export interface ImportDetection {
  path: string;
  file: string;
  size: number;
  /** Null when the file cannot be imported as it is; `error` says why. */
  format: string | null;
  label: string | null;
  needsTimezone: boolean;
  error: { code: string; message: string } | null;
}

export interface ImportProgressValue {
  phase: 'reading' | 'indexing' | 'done';
  file: string;
  fileIndex: number;
  files: number;
  records: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface ImportFileSummary {
  path: string;
  file: string;
  format: string;
  size: number;
  sha256: string;
  records: number;
  imported: number;
  duplicates: number;
  ignored: number;
  rejectedCount: number;
  rejected: { line: number; column?: string; message: string }[];
  rejectionReport: string | null;
  byType: Record<string, number>;
  sourceId: number;
}

export interface ImportStatusValue {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  workspace: string;
  detected: { path: string; file: string; size: number; format: string; label: string }[] | null;
  progress: ImportProgressValue | null;
  recordsPerSecond: number;
  timeLeftMs: number | null;
  result: {
    files: ImportFileSummary[];
    imported: number;
    duplicates: number;
    firstEventId: number | null;
    lastEventId: number | null;
    elapsedMs: number;
  } | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  /** The incident detector's run over the workspace once the import committed (null before). */
  after: { message: string; error: boolean } | null;
  inWorker: boolean;
}

export interface ImportSourceRow {
  id: number;
  fileName: string;
  size: number;
  sha256: string;
  format: string;
  timezone: string | null;
  records: number;
  imported: number;
  duplicates: number;
  rejected: number;
  ignored: number;
  rejectionReport: string | null;
  importedAt: number;
  operator: string | null;
}

const path = () =>
  z
    .string()
    .trim()
    .min(1, 'give the path of a workspace file, e.g. /home/me/investigations/lockouts.sqlite')
    .max(4096, 'is too long for a path');

const importFile = z
  .object({
    path: z.string().trim().min(1, 'give the path of a file to import').max(4096),
    /** The name to record (an upload keeps the name the file was picked as). */
    name: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

/** Workspaces (a database file of its own for imported logs) and imports into them. */
export const workspaceMethods = {
  workspaceStatus: method<WorkspaceStatus>()(noInput),
  /** Without a path, the desktop app asks in a save dialog (null path: cancelled, nothing changes). */
  workspaceCreate: method<WorkspaceStatus>()(z.object({ path: path().optional() }).strict()),
  workspaceOpen: method<WorkspaceStatus>()(z.object({ path: path().optional() }).strict()),
  /** Back to the live database. */
  workspaceClose: method<WorkspaceStatus>()(noInput),
  importFormats: method<ImportFormatInfo[]>()(noInput),
  /** The desktop app's open dialog, several files at once; null when cancelled or where there is none. */
  importChooseFiles: method<{ paths: string[] | null; canChoose: boolean }>()(noInput),
  /** Each file's format from its content, said before anything is written. */
  importDetect: method<ImportDetection[]>()(
    z.object({ files: z.array(importFile).min(1, 'choose at least one file').max(50) }).strict(),
  ),
  importStart: method<ImportStatusValue>()(
    z
      .object({
        files: z.array(importFile).min(1, 'choose at least one file').max(50),
        format: z.string().trim().min(1).max(64).optional(),
        timezone: z.string().trim().min(1).max(64).optional(),
        skipInvalid: z.boolean().optional(),
      })
      .strict(),
  ),
  importStatus: method<ImportStatusValue>()(z.object({ id: z.string().uuid('must be an import id') }).strict()),
  importCancel: method<ImportStatusValue>()(z.object({ id: z.string().uuid('must be an import id') }).strict()),
  /** The open workspace's import history, newest first. */
  importSources: method<ImportSourceRow[]>()(noInput),
};

/** One file to import: its path, and the name to record (an upload keeps the name it was picked as). */
export interface ImportFileInput {
  path: string;
  name?: string;
}

/** What an import job needs; plain data, so it crosses into a worker thread as it is. */
export interface ImportJobOptions {
  /** The workspace database file (already created and migrated). */
  dbPath: string;
  files: ImportFileInput[];
  /** A format id: overrides detection. */
  format?: string;
  /** IANA zone or UTC offset for formats whose times carry none (privacyIDEA). */
  timezone?: string;
  skipInvalid?: boolean;
  /** The signed-in operator's email, recorded in import_sources; null when nobody is signed in (CLI). */
  operator: string | null;
  /** Unix ms recorded as the import's time. */
  now: number;
  /**
   * dbPath is a new workspace being built (src/main/workspaces/building.ts), put in place only after
   * the import: written without a journal, since a failed import deletes it instead of rolling back.
   */
  building?: boolean;
  /** Where rejection reports go (default: beside the workspace, `<workspace>.rejections/`). */
  rejectionDir: string;
}

export interface ImportDetected {
  path: string;
  file: string;
  size: number;
  format: string;
  label: string;
}

export interface ImportProgress {
  phase: 'reading' | 'indexing' | 'done';
  file: string;
  fileIndex: number;
  files: number;
  records: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface ImportRejection {
  line: number;
  column?: string;
  message: string;
}

export interface ImportFileResult {
  path: string;
  file: string;
  format: string;
  size: number;
  sha256: string;
  /** Records read, whatever became of them. */
  records: number;
  imported: number;
  /** Events already in the workspace (or repeated in this import): not added again. */
  duplicates: number;
  /** Well-formed records of a kind the catalog has no type for. */
  ignored: number;
  rejectedCount: number;
  /** The first LISTED_REJECTIONS rejected records; the report file has them all. */
  rejected: ImportRejection[];
  rejectionReport: string | null;
  /** Events added, by event type id. */
  byType: Record<string, number>;
  sourceId: number;
}

export interface ImportResult {
  files: ImportFileResult[];
  imported: number;
  duplicates: number;
  firstEventId: number | null;
  lastEventId: number | null;
  elapsedMs: number;
}

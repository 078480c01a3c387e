/** The offline-investigation importer: vendor log formats, detected from content, read as events. */
export { readImportFile, detectFormat, ImportReader, type ImportCounts, type ReadOptions } from './read';
export { ImportError, type ImportErrorCode, type ImportErrorDetails } from './errors';
export { FORMATS } from './formats';
export type {
  EventRecord,
  IgnoredRecord,
  ImportedEvent,
  ImportFormat,
  ImportProvider,
  ParsedRecord,
  RejectedRecord,
} from './types';

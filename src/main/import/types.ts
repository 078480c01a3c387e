import type { NewEvent } from '../events/append';

/** Who an imported event came from (NewEvent.provider); the console's own export keeps its own column. */
export type ImportProvider = 'twilio' | 'okta' | 'duo' | 'entra' | 'auth0' | 'privacyidea';

/**
 * One event made from one vendor record: NewEvent's shape (occurredAt unix ms UTC, phone E.164,
 * country ISO-2). `details` holds the vendor's own code, event name and record id, so nothing a
 * classification rests on is lost.
 */
export interface ImportedEvent extends NewEvent {
  /** Own exports only: `phone` is the number as exported, masked (`+44••••••••56`), not E.164. */
  phoneMasked?: boolean;
  /** Own NDJSON exports only: the investigator's star, tags and note, restored beside the event. */
  annotation?: ImportedAnnotation;
}

/** An annotation as an export carries it (tags normalised and sorted, an empty note as null). */
export interface ImportedAnnotation {
  starred: boolean;
  tags: string[];
  note: string | null;
}

/** A record that became an event. `key` recognises it again on a re-import (the lead stores it). */
export interface EventRecord {
  kind: 'event';
  /** Line of the file where the record starts (1-based, after decompression). */
  line: number;
  key: string;
  /** The vendor's id of the record (Twilio SID, Okta uuid, Duo txid, ...), or the source event id. */
  recordId: string;
  event: ImportedEvent;
}

/** A record that does not hold what its format promises: "expected X, found Y". */
export interface RejectedRecord {
  kind: 'rejected';
  line: number;
  column?: string;
  message: string;
  /** The file cannot be read past this record (truncated JSON, an unclosed quote): nothing follows. */
  fatal?: true;
}

/**
 * A well-formed record of a kind the catalog has no event type for (an Okta admin event, a Duo
 * enrolment, a privacyIDEA token listing): counted by its vendor code, never guessed into a type.
 */
export interface IgnoredRecord {
  kind: 'ignored';
  line: number;
  /** The vendor's code that is not mapped, e.g. `eventType policy.evaluate_sign_on`. */
  code: string;
}

export type ParsedRecord = EventRecord | RejectedRecord | IgnoredRecord;

/** What detection sees: the first KBs of decoded content (gzip undone, BOM removed), never the file name. */
export interface DetectSample {
  /** The decoded head; may end in the middle of a record. */
  text: string;
  /** The first line (without its line break). */
  firstLine: string;
  /** The first top-level JSON value's shape and the first record in it, when the content is JSON. */
  json: JsonHead | null;
}

export interface JsonHead {
  /** `array`: `[{...}, ...]`; `object`: one object first (a wrapper such as `{value: [...]}`, or NDJSON). */
  shape: 'array' | 'object';
  /** The first object: an array's first element, or the first line's object. Null if the head cut it. */
  first: Record<string, unknown> | null;
  /** True when the first line alone is a complete JSON object (NDJSON's shape). */
  firstLineIsObject: boolean;
}

export interface FormatOptions {
  /** File name for messages. */
  file: string;
  /** IANA zone (or UTC offset) for formats whose times carry none (privacyIDEA). */
  timezone?: string;
  /** Identity of the source file (own exports' dedup keys combine it with the event id). */
  sourceIdentity: string;
}

/** Decoded content, streamed: chunks of UTF-8 bytes (gzip undone, BOM removed) or of text. */
export interface ImportInput {
  bytes(): AsyncIterable<Buffer>;
  text(): AsyncIterable<string>;
}

/** One vendor log format: detection from content, then records in file order, in batches. */
export interface ImportFormat {
  id: string;
  label: string;
  provider: ImportProvider | 'console';
  /** True when times carry no offset and an operator's time zone is needed (TIMEZONE_REQUIRED). */
  needsTimezone?: boolean;
  /** 0 = not this format; higher wins (a specific shape beats a generic one). Never sees the file name. */
  detect(sample: DetectSample): number;
  records(input: ImportInput, options: FormatOptions): AsyncIterable<ParsedRecord[]>;
}

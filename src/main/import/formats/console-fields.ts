import { EVENT_TYPE_IDS, type EventTypeId } from '../../../shared/events';
import { fail } from '../fields';
import type { ImportedEvent } from '../types';
import type { Mapped } from './shared';

/** docs/export-format.md: the export's columns, read back by name. */
export const TEXT_COLUMNS = [
  ['user_name', 'userName'],
  ['user_email', 'userEmail'],
  ['user_role', 'userRole'],
  ['phone', 'phone'],
  ['country', 'country'],
  ['carrier', 'carrier'],
  ['provider', 'provider'],
  ['provider_code', 'providerCode'],
  ['message', 'message'],
  ['actor', 'actor'],
  ['reason', 'reason'],
  ['session_id', 'sessionId'],
] as const;

/** Columns the CSV export guards against spreadsheet formulas with a leading ' (export-format.md). */
export const GUARDED = new Set(['user_name', 'user_email', 'carrier', 'message', 'actor', 'reason']);

const TYPES = new Set<string>(EVENT_TYPE_IDS);
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface ConsoleValues {
  id: unknown;
  occurredAt: unknown;
  type: unknown;
  userId: unknown;
  phoneMasked: unknown;
  details: unknown;
  text: Partial<Record<(typeof TEXT_COLUMNS)[number][1], string | null>>;
}

/** One exported event back as an event; its dedup key is the event id within the source file. */
export function consoleEvent(v: ConsoleValues, sourceIdentity: string): Mapped {
  if (typeof v.id !== 'number' || !Number.isSafeInteger(v.id) || v.id < 1) fail('id', 'a positive integer', v.id);
  if (typeof v.occurredAt !== 'string' || !ISO_UTC.test(v.occurredAt)) {
    fail('occurred_at', 'an ISO-8601 UTC time with milliseconds such as 2026-11-22T08:59:25.136Z', v.occurredAt);
  }
  const occurredAt = Date.parse(v.occurredAt);
  if (Number.isNaN(occurredAt)) fail('occurred_at', 'a real calendar time', v.occurredAt);
  if (typeof v.type !== 'string' || !TYPES.has(v.type)) fail('type', 'an event type of the catalog', v.type);
  if (v.userId !== null && (typeof v.userId !== 'number' || !Number.isSafeInteger(v.userId))) {
    fail('user_id', 'an integer or nothing', v.userId);
  }
  if (typeof v.phoneMasked !== 'boolean') fail('phone_masked', 'true or false', v.phoneMasked);
  if (v.details !== null && (typeof v.details !== 'object' || Array.isArray(v.details))) {
    fail('details', 'a JSON object or nothing', v.details);
  }
  const event: ImportedEvent = {
    occurredAt,
    type: v.type as EventTypeId,
    userId: v.userId as number | null,
    ...v.text,
    phoneMasked: v.phoneMasked,
    details: v.details as Record<string, unknown> | null,
  };
  return { key: `console:${sourceIdentity}:${v.id}`, recordId: String(v.id), event };
}

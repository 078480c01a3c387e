import { z } from 'zod';
import { MAX_TAGS, tagSchema } from '../annotations';
import { EVENT_TYPE_IDS } from '../events';
import type { EventAnnotation } from './annotations';
import type { ProviderCodeInfo } from '../provider-codes';
import { method } from './define';

/** "2026-11-22" (a whole day in the filter's time zone) or an ISO-8601 instant with an offset. */
const dayOrInstant = z
  .string()
  .trim()
  .max(40, 'is too long for a date')
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))), {
    message: 'must be a date like 2026-11-22 or an ISO-8601 time like 2026-11-22T09:30:00Z',
  });

/**
 * What the explorer, the CLI and exports filter on; every field narrows the result.
 * `from`/`to` are inclusive: a date means the whole day in `timeZone` (an IANA name like
 * Europe/London, or an offset like +05:30; UTC when omitted).
 */
export const eventFiltersSchema = z
  .object({
    search: z.string().trim().max(200).optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    timeZone: z.string().trim().max(64).optional(),
    types: z.array(z.enum(EVENT_TYPE_IDS)).max(EVENT_TYPE_IDS.length).optional(),
    /** A user id, or the user's email address. */
    user: z
      .union([
        z.number().int().positive(),
        z
          .string()
          .trim()
          .max(320)
          .regex(/^(\d+|[^\s@]+@[^\s@]+)$/, { message: 'must be a user id or an email address' }),
      ])
      .optional(),
    role: z.enum(['administrator', 'employee', 'technician']).optional(),
    carrier: z.string().trim().min(1).max(100).optional(),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code like GB' })
      .transform((v) => v.toUpperCase())
      .optional(),
    /** A provider error code: 30007, 500, 60200, TIMEOUT. */
    code: z.string().trim().min(1).max(40).optional(),
    /** Only starred events (an investigator's marks, `eventStar`). */
    starred: z.boolean().optional(),
    /** Events carrying any of these tags (`eventTagsSet`). */
    tags: z.array(tagSchema).max(MAX_TAGS, `has more than ${MAX_TAGS} tags`).optional(),
    /** The hour of the day in `timeZone` (0-23), as the Trends heatmap counts it. */
    hourOfDay: z
      .number()
      .int()
      .min(0, 'must be an hour from 0 to 23')
      .max(23, 'must be an hour from 0 to 23')
      .optional(),
    /** The day of the week in `timeZone`, ISO numbering: 1 Monday ... 7 Sunday. */
    weekday: z
      .number()
      .int()
      .min(1, 'must be 1 (Monday) to 7 (Sunday)')
      .max(7, 'must be 1 (Monday) to 7 (Sunday)')
      .optional(),
  })
  .strict();

export type EventFilters = z.input<typeof eventFiltersSchema>;
export type ParsedEventFilters = z.output<typeof eventFiltersSchema>;

export const EVENT_SORT_FIELDS = ['occurredAt', 'type', 'carrier', 'country', 'providerCode'] as const;
export type EventSortField = (typeof EVENT_SORT_FIELDS)[number];

export const eventSortSchema = z
  .object({ field: z.enum(EVENT_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
  .strict();
export type EventSort = z.infer<typeof eventSortSchema>;

/** One row of the explorer's grid. The phone is masked; times are unix ms and ISO-8601 UTC. */
export interface EventListRow {
  id: number;
  occurredAt: number;
  occurredAtIso: string;
  type: string;
  typeLabel: string;
  kind: 'error' | 'admin' | 'info';
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  userRole: string | null;
  phoneMasked: string | null;
  country: string | null;
  carrier: string | null;
  provider: string | null;
  providerCode: string | null;
  message: string | null;
  actor: string | null;
  reason: string | null;
  sessionId: string | null;
  /** An investigator's marks (event_annotations); false and [] when none. */
  starred: boolean;
  tags: string[];
}

/**
 * How many events match. `exact` false means an estimate (from daily counts or by
 * extrapolating the newest matches); ask `eventsCount` for the exact figure.
 */
export interface EventTotal {
  value: number;
  exact: boolean;
  method: 'count' | 'daily-counts' | 'estimate';
}

export interface EventPage {
  rows: EventListRow[];
  /** Pass as `after` for the next page; null when this page is the last. */
  nextCursor: string | null;
  /** Only on a first page (no `after`), unless `includeTotal` says otherwise. */
  total: EventTotal | null;
  /** The time range the filters resolved to (unix ms, `to` exclusive), for display. */
  range: { from: number | null; to: number | null };
}

/** A "more like this" link: filters to open the explorer with. */
export interface FilterPreset {
  id: 'same_user' | 'same_carrier' | 'same_code';
  label: string;
  filters: EventFilters;
}

export interface EventDetailValue {
  event: EventListRow & { details: Record<string, unknown> | null };
  catalog: {
    label: string;
    kind: 'error' | 'admin' | 'info';
    /** What the user saw, with the provider code filled in. */
    userMessage: string | null;
    helpdeskAction: string;
  };
  providerCode: ProviderCodeInfo | null;
  presets: FilterPreset[];
  /** For the link to the user's page, when the user still exists. */
  user: { id: number; exists: boolean } | null;
  /** The star, tags and note, with who changed them last. */
  annotation: EventAnnotation;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface EventFacets {
  types: FacetValue[];
  carriers: FacetValue[];
  countries: FacetValue[];
  codes: FacetValue[];
  roles: FacetValue[];
  /** Tags in use, with how many events carry each. */
  tags: FacetValue[];
}

export const EXPORT_FORMATS = ['csv', 'csv-excel', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportStatus {
  id: string;
  state: ExportState;
  format: ExportFormat;
  path: string;
  rowsWritten: number;
  /** Exact number of rows the export will write (counted when it starts). */
  total: number;
  unmasked: boolean;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

export interface SavedFilter {
  name: string;
  filters: EventFilters;
  sort: EventSort | null;
  createdAt: number;
  updatedAt: number;
}

const cursor = z.string().min(1).max(2000);
const savedName = z.string().trim().min(1, { message: 'must not be empty' }).max(80);

export const eventsMethods = {
  /** One page of events, newest first unless sorted otherwise; keyset cursors, never OFFSET. */
  eventsQuery: method<EventPage>()(
    z
      .object({
        filters: eventFiltersSchema.optional(),
        sort: eventSortSchema.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        after: cursor.optional(),
        includeTotal: z.boolean().optional(),
      })
      .strict(),
  ),
  /** The exact number of matching events (may take a moment on millions of rows). */
  eventsCount: method<EventTotal>()(z.object({ filters: eventFiltersSchema.optional() }).strict()),
  eventDetail: method<EventDetailValue>()(z.object({ id: z.number().int().positive() }).strict()),
  /** Values for the filter dropdowns, with counts over the whole log. */
  eventsFacets: method<EventFacets>()(z.object({}).strict()),
  /** Starts writing exactly the filtered events to `path`; poll exportStatus. */
  exportStart: method<{ id: string; total: number }>()(
    z
      .object({
        filters: eventFiltersSchema.optional(),
        sort: eventSortSchema.optional(),
        /** `csv-excel`: the same CSV after a UTF-8 byte-order mark, which Excel on Windows needs to read UTF-8. */
        format: z.enum(EXPORT_FORMATS),
        path: z.string().trim().min(1).max(4096),
        /** Full phone numbers instead of masked ones; recorded as an export_unmasked event. */
        unmasked: z.boolean().optional(),
        /**
         * An unmasked export is a two-person action: without this it files a request and answers
         * APPROVAL_REQUIRED (details.requestId); once another administrator approved it, the requester
         * starts the export with the same filters and this id.
         */
        approvalId: z.number().int().positive().optional(),
        reason: z.string().trim().max(500).optional(),
        overwrite: z.boolean().optional(),
      })
      .strict()
      .refine((v) => !v.unmasked || (v.reason && v.reason.length > 0), {
        message: 'an unmasked export needs a reason for the audit log',
        path: ['reason'],
      }),
  ),
  /** Filters saved by name (case-insensitive), newest change first. */
  savedFiltersList: method<SavedFilter[]>()(z.object({}).strict()),
  /** Saves (or replaces) a named filter; the filters are checked like a query's. */
  savedFilterSave: method<SavedFilter>()(
    z.object({ name: savedName, filters: eventFiltersSchema, sort: eventSortSchema.optional() }).strict(),
  ),
  savedFilterDelete: method<{ deleted: boolean }>()(z.object({ name: savedName }).strict()),
  exportStatus: method<ExportStatus>()(z.object({ id: z.string().min(1).max(100) }).strict()),
  exportCancel: method<ExportStatus>()(z.object({ id: z.string().min(1).max(100) }).strict()),
};

import { z } from 'zod';
import { method } from './define';

export interface TrendsValue {
  from: number;
  to: number;
  /** Error events per UTC day, one row per day with a count per type id. */
  daily: ({ day: string } & Record<string, number | string>)[];
  /** The error types present in `daily`, most frequent first. */
  types: string[];
  /** SMS failures by carrier, with codes sent to that carrier for a failure rate. */
  carriers: { carrier: string; failures: number; sent: number; rate: number | null; topCode: string | null }[];
  /** Provider failures per UTC day, split by provider code. */
  providerDaily: ({ day: string } & Record<string, number | string>)[];
  providerCodes: string[];
  /** SMS and provider failures by hour of day (UTC), 24 entries. */
  hours: { hour: number; failures: number }[];
  countries: { country: string; failures: number }[];
}

const day = z.iso.date({ message: 'must be a date like 2026-11-22' });

/** Charts draw one point per day: the range they accept is bounded so a call stays small. */
export const MAX_TREND_DAYS = 1096;

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const trendsMethods = {
  trends: method<TrendsValue>()(
    z
      .object({
        from: day,
        to: day,
        carrierLimit: z.number().int().min(1).max(60).optional(),
      })
      .strict()
      .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['from'] })
      .refine((v) => daysBetween(v.from, v.to) <= MAX_TREND_DAYS, {
        message: `the charts cover at most ${MAX_TREND_DAYS} days (3 years) at a time; choose a shorter range`,
        path: ['to'],
      }),
  ),
};

/** What `stats` groups by: `hour` is the hour of day and `weekday-hour` both, in `timeZone`. */
export const STATS_BY = ['day', 'hour', 'weekday-hour', 'carrier', 'country', 'code', 'carrier-day'] as const;
export type StatsBy = (typeof STATS_BY)[number];

/** The event types the hourly rollups count, which `stats` can be narrowed to. */
export const STATS_TYPES = ['code_sent', 'sms_failure', 'mfa_provider_failure', 'sign_in_succeeded'] as const;

/**
 * One group of `stats`: its key parts (only those of the grouping) and the counts. Failure rate:
 * (failed deliveries + provider failures) per attempt (a send or a provider failure); for an error
 * code, that code's failures over every attempt. Conversion: successful checks per send.
 */
export interface StatsRow {
  day?: string;
  /** Hour of day, 0-23, in the time zone. */
  hour?: number;
  /** ISO weekday, 1 Monday ... 7 Sunday, in the time zone. */
  weekday?: number;
  carrier?: string;
  country?: string;
  code?: string;
  sends: number;
  deliveryFailures: number;
  providerFailures: number;
  failures: number;
  conversions: number;
  failureRate: number | null;
  conversionRate: number | null;
}

export interface StatsValue {
  by: StatsBy;
  /** The range the days resolved to in the time zone, unix ms, `to` exclusive; null when open. */
  from: number | null;
  to: number | null;
  timeZone: string;
  rows: StatsRow[];
}

/** The Trends page's views, each a `stats` grouping over the same range and zone. */
export interface TrendViewsValue {
  timeZone: string;
  carrierDay: StatsRow[];
  weekdayHour: StatsRow[];
  carriers: StatsRow[];
  countries: StatsRow[];
}

const statsFilters = {
  from: day.optional(),
  to: day.optional(),
  /** An IANA zone (Europe/London) or an offset (+05:30); UTC when omitted. */
  timeZone: z.string().trim().min(1).max(64).optional(),
  carrier: z.string().trim().min(1).max(100).optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code like GB' })
    .transform((v) => v.toUpperCase())
    .optional(),
  code: z.string().trim().min(1).max(40).optional(),
  types: z.array(z.enum(STATS_TYPES)).min(1).max(STATS_TYPES.length).optional(),
};

const rangeChecks = <T extends z.ZodType<{ from?: string; to?: string }>>(schema: T) =>
  schema
    .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'from must not be after to', path: ['from'] })
    .refine((v) => !v.from || !v.to || daysBetween(v.from, v.to) <= MAX_TREND_DAYS, {
      message: `the charts cover at most ${MAX_TREND_DAYS} days (3 years) at a time; choose a shorter range`,
      path: ['to'],
    });

export const statsInputSchema = rangeChecks(
  z
    .object({
      by: z.enum(STATS_BY),
      ...statsFilters,
      /** For carrier, country and code: the most failing this many (default 20). */
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
);
export type StatsInput = z.output<typeof statsInputSchema>;

export const statsMethods = {
  /** Sends, failures and conversions from the hourly rollups, grouped one way (the CLI's `stats`). */
  stats: method<StatsValue>()(statsInputSchema),
  /** The Trends page's carrier x day, weekday x hour, by-carrier and by-country views at once. */
  trendViews: method<TrendViewsValue>()(
    rangeChecks(z.object({ from: day, to: day, timeZone: statsFilters.timeZone }).strict()),
  ),
};

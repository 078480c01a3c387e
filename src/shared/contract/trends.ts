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

import { offsetAt, type Zone } from './time-range';

export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A span of time over which the zone's offset from UTC is one value. */
export interface OffsetSegment {
  /** Exclusive end, unix ms (null: the last segment, open-ended). */
  until: number | null;
  offset: number;
}

/**
 * The zone's offsets from UTC over [from, to): one segment for a fixed offset, one per DST change
 * otherwise (found a day at a time, then to the hour).
 */
export function offsetSegments(zone: Zone, from: number, to: number): OffsetSegment[] {
  if (zone.kind === 'offset') return [{ until: null, offset: zone.ms }];
  const segments: OffsetSegment[] = [];
  const [start, end] = [Math.floor(from / HOUR_MS) * HOUR_MS, Math.ceil(to / HOUR_MS) * HOUR_MS];
  let current = offsetAt(zone, start);
  for (let t = start; t < end; t += DAY_MS) {
    const next = Math.min(t + DAY_MS, end);
    const offset = offsetAt(zone, next);
    if (offset === current) continue;
    // The change is in (lo, hi], both whole hours: narrow it to the hour it starts.
    let [lo, hi] = [t, next];
    while (hi - lo > HOUR_MS) {
      const mid = lo + Math.floor((hi - lo) / HOUR_MS / 2) * HOUR_MS;
      if (offsetAt(zone, mid) === current) lo = mid;
      else hi = mid;
    }
    segments.push({ until: hi, offset: current });
    current = offsetAt(zone, hi);
  }
  segments.push({ until: null, offset: current });
  return segments;
}

/**
 * SQL for the local wall-clock time (unix ms as if the zone were UTC) at the start of the UTC hour
 * `hourSql` (an hour number: ms / 3,600,000). The charts count events by their UTC hour (the rollups'
 * grain) and place each hour at the local time it starts; the explorer's hour-of-day and weekday
 * filters place an event the same way, so a heatmap cell and the rows it opens always agree. (In a
 * zone with a half-hour offset an hour is placed at the local hour its start falls in.)
 */
export function localHourStartSql(hourSql: string, segments: OffsetSegment[]): string {
  const base = `(${hourSql}) * ${HOUR_MS}`;
  if (segments.length === 1) return `(${base} + ${segments[0].offset})`;
  const cases = segments
    .map((s) => (s.until === null ? `ELSE ${s.offset}` : `WHEN ${base} < ${s.until} THEN ${s.offset}`))
    .join(' ');
  return `(${base} + CASE ${cases} END)`;
}

/** The local hour of day (0-23) of a local wall-clock ms expression. */
export const hourOfDaySql = (local: string) => `((${local} / ${HOUR_MS}) % 24)`;

/** The ISO weekday (1 Monday ... 7 Sunday) of a local wall-clock ms expression (1970-01-01 was a Thursday). */
export const weekdaySql = (local: string) => `(((${local} / ${DAY_MS}) + 3) % 7 + 1)`;

/** The local calendar day (YYYY-MM-DD) of a local wall-clock ms expression. */
export const localDaySql = (local: string) => `strftime('%Y-%m-%d', (${local} / ${DAY_MS}) * 86400, 'unixepoch')`;

/** The same placement in JS, for tests and references: the local wall-clock ms of an event's hour. */
export function localHourStart(occurredAt: number, zone: Zone): number {
  const hourStart = Math.floor(occurredAt / HOUR_MS) * HOUR_MS;
  return hourStart + offsetAt(zone, hourStart);
}

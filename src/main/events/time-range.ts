import { DomainError } from '../core/domain-error';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;

/** A time zone that turns a calendar day into instants: a fixed offset or an IANA zone. */
export type Zone = { kind: 'offset'; ms: number } | { kind: 'iana'; name: string; format: Intl.DateTimeFormat };

export function parseZone(value: string | undefined): Zone {
  const text = value?.trim();
  if (!text || text === 'UTC' || text === 'Z' || text === 'GMT') return { kind: 'offset', ms: 0 };
  const offset = OFFSET_RE.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    if (Number(offset[2]) > 14 || Number(offset[3]) > 59) {
      throw new DomainError('INVALID_TIME_ZONE', `timeZone: "${text}" is not a UTC offset between -14:00 and +14:00.`);
    }
    return { kind: 'offset', ms: (offset[1] === '-' ? -1 : 1) * minutes * 60_000 };
  }
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: text,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return { kind: 'iana', name: text, format };
  } catch {
    throw new DomainError(
      'INVALID_TIME_ZONE',
      `timeZone: "${text}" is neither an IANA time zone (like Europe/London) nor a UTC offset (like +05:30).`,
    );
  }
}

/** How far the zone's wall clock is ahead of UTC at instant `utc`. */
export function offsetAt(zone: Zone, utc: number): number {
  if (zone.kind === 'offset') return zone.ms;
  const parts: Record<string, number> = {};
  for (const part of zone.format.formatToParts(new Date(utc))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - (utc - (((utc % 1000) + 1000) % 1000));
}

/** The instant the given calendar day starts in the zone (DST-aware for IANA zones). */
export function startOfDay(year: number, month: number, day: number, zone: Zone): number {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - offsetAt(zone, wall);
  return wall - offsetAt(zone, first);
}

export interface ResolvedRange {
  /** Inclusive lower bound, unix ms. */
  from: number | null;
  /** Exclusive upper bound, unix ms: the start of the day after `to`, or just after a `to` instant. */
  to: number | null;
}

function bound(field: 'from' | 'to', value: string, zone: Zone): number {
  const day = DAY_RE.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
      throw new DomainError('INVALID_DATE', `${field}: "${value}" is not a calendar date.`);
    }
    // "To" includes its whole day: the bound is the start of the next day.
    return field === 'from' ? startOfDay(y, m, d, zone) : startOfDay(y, m, d + 1, zone);
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) throw new DomainError('INVALID_DATE', `${field}: "${value}" is not a date or time.`);
  return field === 'from' ? instant : instant + 1;
}

/** Turns the filters' From/To (inclusive, in the operator's zone) into a half-open instant range. */
export function resolveRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string | undefined,
): ResolvedRange {
  const zone = parseZone(timeZone);
  const range: ResolvedRange = {
    from: from ? bound('from', from, zone) : null,
    to: to ? bound('to', to, zone) : null,
  };
  if (range.from !== null && range.to !== null && range.from >= range.to) {
    throw new DomainError('INVALID_DATE_RANGE', `from (${from}) is after to (${to}): nothing can match.`);
  }
  return range;
}

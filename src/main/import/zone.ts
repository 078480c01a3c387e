import { parseZone, type Zone } from '../events/time-range';
import { fail } from './fields';

/**
 * Naive local times (privacyIDEA writes the server's wall clock without an offset) turned into
 * UTC in the zone the operator names. A wall time that occurs twice (the hour DST repeats) is read
 * as the first of the two, and flagged so the details can say so.
 */
export class WallClock {
  private readonly zone: Zone;
  private readonly offsets = new Map<number, number>();

  constructor(timezone: string) {
    this.zone = parseZone(timezone);
  }

  /** Unix ms of a wall time; `ambiguous` when the zone's clock showed it twice. */
  toUtc(wall: number): { utc: number; ambiguous: boolean } {
    const earlier = wall - this.offsetAt(wall - 14 * 3_600_000);
    const later = wall - this.offsetAt(wall + 14 * 3_600_000);
    const candidates = [earlier, later].filter((utc) => utc + this.offsetAt(utc) === wall);
    if (candidates.length === 0) {
      // A wall time DST skipped: read it with the offset before the change.
      return { utc: earlier, ambiguous: false };
    }
    const first = Math.min(...candidates);
    return { utc: first, ambiguous: candidates.length === 2 && candidates[0] !== candidates[1] };
  }

  private offsetAt(utc: number): number {
    if (this.zone.kind === 'offset') return this.zone.ms;
    const hour = Math.floor(utc / 3_600_000);
    // Zones change offset on whole quarter hours; an hour's offset is cached (sub-hour shifts are rare).
    const cached = this.offsets.get(hour);
    if (cached !== undefined) return cached;
    const parts: Record<string, number> = {};
    for (const part of this.zone.format.formatToParts(new Date(utc))) parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    const offset = wall - (utc - (((utc % 1000) + 1000) % 1000));
    if (this.offsets.size > 50_000) this.offsets.clear();
    this.offsets.set(hour, offset);
    return offset;
  }
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** A naive ISO time (`2026-11-20T10:15:30.123456`) as wall-clock ms (as if it were UTC). */
export function naiveWall(value: unknown, column: string): number {
  const m = typeof value === 'string' ? NAIVE.exec(value) : null;
  if (!m) return fail(column, 'a local time such as 2026-11-20T10:15:30.123456 (no offset)', value);
  const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}

import type { ParsedEventFilters } from '../../shared/contract/events';
import type { SqlRunner } from './index-range';
import { ftsExpression, textIndexOf, withEmailMatch } from './search-text';
import type { TextIndex } from '../db/dialect';
import { localHourStartSql, offsetSegments } from './local-clock';
import { parseZone, resolveRange, type ResolvedRange } from './time-range';

/** The hour-of-day and weekday filters, with the SQL placing an event's hour in the filter's zone. */
export interface ClockFilter {
  hourOfDay: number | null;
  weekday: number | null;
  /** Local wall-clock ms of the start of the event's UTC hour (see local-clock.ts). */
  localSql: string;
}

/** Filters with everything looked up that can be looked up once: SQL only needs parameters. */
export interface ResolvedFilters {
  match: string | null;
  /** The index answering `match` (FTS5 or PostgreSQL's GIN), which decides how pages walk it. */
  textIndex: TextIndex;
  range: ResolvedRange;
  types: string[];
  userId: number | null;
  /** When the email belongs to no current user: match the email recorded on the events. */
  userEmail: string | null;
  role: string | null;
  carrier: string | null;
  country: string | null;
  code: string | null;
  /** Only starred events. */
  starred: boolean;
  /** Events carrying any of these tags (normalised, sorted). */
  tags: string[];
  clock: ClockFilter | null;
  /**
   * Whether any event was logged out of time order (late_events). Events that are not late ascend
   * with time by id, so text search walks its index by id and merges the late ones in.
   */
  hasLateEvents: boolean;
}

export async function resolveFilters(
  filters: ParsedEventFilters | undefined,
  runner: SqlRunner,
): Promise<ResolvedFilters> {
  const f = filters ?? {};
  const range = resolveRange(f.from, f.to, f.timeZone);
  let userId: number | null = null;
  let userEmail: string | null = null;
  if (typeof f.user === 'number' || (typeof f.user === 'string' && /^\d+$/.test(f.user))) {
    userId = Number(f.user);
  } else if (typeof f.user === 'string') {
    const rows = (await runner.query('SELECT id FROM users WHERE email = ? COLLATE NOCASE', [f.user])) as {
      id: number;
    }[];
    if (rows.length > 0) userId = rows[0].id;
    else userEmail = f.user;
  }
  const [late] = (await runner.query(`SELECT EXISTS (SELECT 1 FROM late_events) AS any`)) as { any: number }[];
  return {
    match: await withEmailMatch(await ftsExpression(f.search, runner), userEmail, runner),
    textIndex: textIndexOf(runner),
    range,
    types: [...new Set(f.types ?? [])].sort(),
    userId,
    userEmail,
    role: f.role ?? null,
    carrier: f.carrier ?? null,
    country: f.country ?? null,
    code: f.code ?? null,
    starred: f.starred === true,
    tags: [...new Set(f.tags ?? [])].sort(),
    clock: await resolveClock(f, range, runner),
    hasLateEvents: Number(late?.any ?? 0) === 1,
  };
}

/** The zone's offsets over the filtered range (or the whole log's span when a bound is open). */
async function resolveClock(
  f: ParsedEventFilters,
  range: ResolvedRange,
  runner: SqlRunner,
): Promise<ClockFilter | null> {
  if (f.hourOfDay === undefined && f.weekday === undefined) return null;
  let { from, to } = range;
  if (from === null || to === null) {
    const [span] = (await runner.query(`SELECT MIN(occurred_at) AS lo, MAX(occurred_at) AS hi FROM events`)) as {
      lo: number | null;
      hi: number | null;
    }[];
    from ??= Number(span?.lo ?? 0);
    to ??= Number(span?.hi ?? 0) + 1;
  }
  const segments = offsetSegments(parseZone(f.timeZone), from, Math.max(from, to));
  return {
    hourOfDay: f.hourOfDay ?? null,
    weekday: f.weekday ?? null,
    localSql: localHourStartSql(`e.occurred_at / 3600000`, segments),
  };
}

/** Whether the daily counts can answer a count for these filters (no text, user, role or annotation). */
export function countableByDay(f: ResolvedFilters): boolean {
  return (
    f.match === null &&
    f.userId === null &&
    f.userEmail === null &&
    f.role === null &&
    !f.starred &&
    f.tags.length === 0 &&
    f.clock === null
  );
}

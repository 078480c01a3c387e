import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import { dialectOfSource } from '../db/dialect';
import { analyzeAfterBulkLoad, BulkEventWriter } from '../events/bulk';
import { withSecondaryIndexesDeferred } from '../events/deferred-indexes';
import { relistLateAfterLoad } from '../events/index-range';
import { makeEvent, TypePicker } from './event-factory';
import type { InjectedIncident } from './injected';
import { WeightedPicker, between, seededRandom, type Random } from './random';
import {
  finished,
  inMorningCongestion,
  planScenarios,
  pumpedNumber,
  type MorningCongestion,
  type Outage,
} from './scenarios';
import {
  DAY,
  HOUR,
  MINUTE,
  allocate,
  dayWindows,
  scriptFor,
  workingTime,
  type Burst,
  type DayWindow,
  type Planned,
} from './timeline';
import { buildUsers, type DemoUser } from './users';
import { COUNTRIES } from './world';

export { seededRandom } from './random';

export interface DemoOptions {
  users: number;
  events: number;
  seed: number;
  /** Events fall in the `days` (default 90) before this time. */
  now: number;
  days?: number;
}

/** Rows per bulk writer (each indexes its id range when done), inside the one transaction. */
const ROWS_PER_WRITER = 200_000;

/**
 * Fills the console with realistic, reproducible demo data: the same seed, counts and
 * `now` give the same users and events. Staff in 32 countries on 70 mobile networks (a
 * few of them bad), sign-ins peaking at the start of each local working day, repeat-
 * failure users, two provider incidents (bursts of HTTP 500) and two carrier filtering
 * episodes (bursts of 30007 on one network), and users whose end state (locked, in
 * cooldown, 2FA disabled, not enrolled, "not my number") matches their last events.
 * Events are written in time order so ids follow time.
 *
 * One transaction: a seed that fails, or is killed or interrupted, leaves the database exactly
 * as it was (no partial users or events, every index in place).
 */
export async function generateDemoData(
  db: Database,
  options: DemoOptions,
): Promise<{ users: number; events: number; incidents: InjectedIncident[] }> {
  const random = seededRandom(options.seed);
  const extra = seededRandom(options.seed ^ 0x1ac1de47);
  const now = options.now;
  const from = now - (options.days ?? 90) * DAY;

  const taken = new Set(
    (await db.query<{ email: string }>('SELECT lower(email) AS email FROM users')).map((row) => row.email),
  );
  const users = buildUsers(random, options.users, taken);
  const admins = users.filter((u) => u.role === 'administrator');
  const quietFrom = new Float64Array(users.length).fill(Infinity);
  const columns: Record<string, unknown>[] = users.map(() => ({}));

  const days = dayWindows(from, now);
  const scripted: Planned[] = [];
  if (options.events >= users.length * 2 && admins.length > 0) {
    for (const user of users) {
      const script = scriptFor(random, user, now, admins);
      quietFrom[user.index] = script.quietFrom;
      columns[user.index] = script.columns;
      for (const planned of script.planned) if (planned.at >= from) scripted.push(planned);
    }
  } else {
    for (const user of users) if (user.state !== 'normal') user.state = 'normal';
  }

  const [{ existing }] = await db.query<{ existing: number | null }>('SELECT MAX(id) AS existing FROM events');
  // Millions of rows over several indexes thrash SQLite's default 2 MB page cache; a
  // 256 MB cache while loading made a 1M-event load about a fifth faster (measured).
  // (A team database's cache is the server's.)
  const dialect = dialectOfSource(db.dataSource);
  const ownCache = dialect.connectionCache;
  const [{ cache_size: cacheBefore }] = ownCache
    ? await db.query<{ cache_size: number }>('PRAGMA cache_size')
    : [{ cache_size: 0 }];
  if (ownCache) await db.query('PRAGMA cache_size = -262144');
  try {
    return await db.transaction(async (manager) => {
      const [{ next }] = (await manager.query('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM events')) as {
        next: number;
      }[];
      await insertUsers(manager, users, columns, from);
      const scenarios = planScenarios(random, extra, days, users, options.events);
      const { bursts, outage, morning } = scenarios;
      const burstTotal = bursts.reduce((sum, b) => sum + b.count, 0);
      const randomTotal = Math.max(0, options.events - burstTotal - scripted.length);
      const perDay = allocate(randomTotal, days);

      const picker = new WeightedPicker(users.map((u) => (u.phone && quietFrom[u.index] > from ? u.activity : 0)));
      const types = new TypePicker();
      const lastSignIn = new Float64Array(users.length);
      let pending: Planned[] = [...scripted];
      let debt = 0;
      let written = 0;
      let dayIndex = 0;

      const large = options.events >= 200_000 && options.events >= Number(existing ?? 0);
      const load = async () => {
        while (dayIndex < days.length) {
          written += await (async () => {
            const writer = new BulkEventWriter(manager);
            while (dayIndex < days.length && writer.written < ROWS_PER_WRITER) {
              const window = days[dayIndex];
              const isLastDay = dayIndex === days.length - 1;
              const plan = pending.filter((p) => p.at < window.end);
              pending = pending.filter((p) => p.at >= window.end);
              for (const burst of bursts)
                if (burst.start >= window.start && burst.start < window.end)
                  plan.push(
                    ...burstEvents(
                      burst.truth?.record.scenario.startsWith('provider') || burst.code === '30007' ? random : extra,
                      burst,
                    ),
                  );
              // Scripted and burst events are budgeted already; follow-ups take the place of random events.
              const incoming = plan.reduce((n, p) => n + (p.followUp ? 1 : 0), 0);
              let count = perDay[dayIndex] - incoming - debt;
              debt = count < 0 ? -count : 0;
              count = Math.max(0, count);
              let sameDay = 0;
              if (picker.total > 0) {
                for (let i = 0; i < count; i++) {
                  const event = randomEvent(random, picker, users, quietFrom, window, types);
                  if (event.type === 'code_sent' && outage && inOutage(outage, event.at)) {
                    event.type = 'mfa_provider_failure';
                    event.options = { code: outage.code };
                    outage.truth.failure(event.at);
                  }
                  // Not on the last day: its events are counted out already (see follow-ups below).
                  const congested = morning && !isLastDay && congestionFailure(extra, morning, event, quietFrom, now);
                  if (congested) {
                    if (congested.at < window.end) {
                      plan.push(congested);
                      sameDay++;
                    } else pending.push(congested);
                  }
                  const followUp = followUpFor(
                    random,
                    event,
                    admins,
                    Math.min(now - MINUTE, quietFrom[event.user.index]),
                  );
                  if (followUp === 'convert') event.type = 'wrong_code';
                  else if (followUp) {
                    if (followUp.at < window.end) {
                      if (isLastDay) {
                        event.type = 'wrong_code';
                        plan.push(event);
                        continue;
                      }
                      plan.push(followUp);
                      sameDay++;
                    } else pending.push(followUp);
                  }
                  plan.push(event);
                }
              }
              debt += sameDay;
              plan.sort((a, b) => a.at - b.at);
              for (const p of plan) {
                if (p.type === 'sign_in_succeeded') lastSignIn[p.user.index] = p.at;
                const flushing = writer.add(makeEvent(random, p.type, p.at, p.user, admins, p.options));
                if (flushing) await flushing;
              }
              dayIndex++;
            }
            await writer.finish();
            return writer.written;
          })();
        }
      };
      await (large ? withSecondaryIndexesDeferred(manager, load) : load());
      // The operators' own few events came first: the history loaded after them is not late.
      if (Number(next) > 1) await relistLateAfterLoad(manager, Number(next));
      if (dialect.analyzesAfterBulkLoads) await analyzeAfterBulkLoad(manager);

      await recordSignIns(manager, users, lastSignIn);
      return { users: users.length, events: written, incidents: finished(scenarios.truths) };
    });
  } finally {
    if (ownCache) await db.query(`PRAGMA cache_size = ${Number(cacheBefore)}`);
  }
}

function randomEvent(
  random: Random,
  picker: WeightedPicker,
  users: DemoUser[],
  quietFrom: Float64Array,
  window: DayWindow,
  types: TypePicker,
): Planned {
  for (;;) {
    const user = users[picker.pick(random)];
    const at = workingTime(random, window, user.country.utcOffset);
    if (at < quietFrom[user.index]) return { at, type: types.pick(random, user), user };
  }
}

/**
 * What an administrator (or the user) does after some events, so a user's columns stay
 * consistent with their log: a lock is followed by an unlock, a disable by a re-enable,
 * sometimes a cooldown by a reset. When the follow-up would come after `limit` (now, or
 * the user's scripted end state), the event becomes an ordinary wrong code instead.
 */
function followUpFor(random: Random, event: Planned, admins: DemoUser[], limit: number): Planned | 'convert' | null {
  let delay: number;
  let type: string;
  switch (event.type) {
    case 'account_lock':
      [type, delay] = ['admin_unlock', between(random, 10, 240) * MINUTE];
      break;
    case 'admin_lock':
      [type, delay] = ['admin_unlock', between(random, 1, 48) * HOUR];
      break;
    case 'two_factor_disabled':
      [type, delay] = ['two_factor_enabled', between(random, 1, 7) * DAY];
      break;
    case 'cooldown_activated':
      if (event.at + HOUR >= limit) return 'convert';
      if (random() < 0.7) return null;
      [type, delay] = ['cooldown_reset', between(random, 5, 40) * MINUTE];
      break;
    default:
      return null;
  }
  if (event.at + delay >= limit) return 'convert';
  const actor = type === 'two_factor_enabled' ? event.user : admins[Math.floor(random() * admins.length)];
  return { at: event.at + delay, type, user: event.user, options: { actor }, followUp: true };
}

const inOutage = (outage: Outage, at: number) => at >= outage.start && at < outage.end;

/** A congested morning's failed delivery, 15-45 s after a send on that carrier (a share of them). */
function congestionFailure(
  random: Random,
  morning: MorningCongestion,
  event: Planned,
  quietFrom: Float64Array,
  now: number,
): Planned | null {
  if (event.type !== 'code_sent' || !inMorningCongestion(morning, event.user, event.at)) return null;
  if (random() >= morning.share) return null;
  const at = event.at + between(random, 15, 45) * 1000;
  if (at >= Math.min(now - MINUTE, quietFrom[event.user.index])) return null;
  morning.truth.failure(at);
  return { at, type: 'sms_failure', user: event.user, options: { code: morning.code }, followUp: true };
}

const NIGERIA = COUNTRIES.find((c) => c.code === 'NG')!;

/** A burst's events; paired bursts put a send seconds before each failure, ramps thicken over time. */
function burstEvents(random: Random, burst: Burst): Planned[] {
  const planned: Planned[] = [];
  const span = burst.end - burst.start;
  const when = () => burst.start + Math.floor((burst.ramp ? Math.sqrt(random()) : random()) * span);
  if (burst.users.length === 0) {
    // Pumping: premium numbers nobody in the directory owns.
    const carrier = NIGERIA.carriers[0];
    for (let i = 0; i < burst.count; i++) {
      const at = when();
      const phone = pumpedNumber(random, burst.code);
      const user: DemoUser = {
        index: -1,
        id: 0,
        name: '',
        email: '',
        role: 'employee',
        country: NIGERIA,
        carrier,
        phone,
        activity: 0,
        failureFactor: 1,
        state: 'normal',
      };
      burst.truth?.send(at, true);
      planned.push({ at, type: burst.type, user, options: { anonymous: true } });
    }
    return planned;
  }
  const failures = burst.paired ? Math.floor(burst.count / 2) : burst.count;
  for (let i = 0; i < failures; i++) {
    const user = burst.users[Math.floor(random() * burst.users.length)];
    const at = when();
    if (burst.paired) {
      const sentAt = Math.max(burst.start, at - between(random, 5, 40) * 1000);
      burst.truth?.send(sentAt, false);
      planned.push({ at: sentAt, type: 'code_sent', user });
    }
    burst.truth?.failure(at);
    planned.push({ at, type: burst.type, user, options: { code: burst.code } });
  }
  return planned;
}

const USER_COLUMNS = [
  'name',
  'email',
  'role',
  'status',
  'phone_e164',
  'phone_country',
  'phone_type',
  'phone_carrier',
  'phone_looked_up_at',
  'two_factor',
  'two_factor_disabled_until',
  'failed_checks',
  'consecutive_failures',
  'sends_without_success',
  'last_send_at',
  'cooldown_until',
  'locked_at',
  'lock_reason',
  'not_my_number_at',
  'created_at',
  'updated_at',
];

async function insertUsers(
  manager: EntityManager,
  users: DemoUser[],
  columns: Record<string, unknown>[],
  createdAt: number,
): Promise<void> {
  const batch = 200;
  for (let i = 0; i < users.length; i += batch) {
    const slice = users.slice(i, i + batch);
    const params: unknown[] = [];
    for (const user of slice) {
      const state = columns[user.index];
      const created = createdAt - (user.index % 365) * DAY;
      const row: Record<string, unknown> = {
        name: user.name,
        email: user.email,
        role: user.role,
        status: 'active',
        phone_e164: user.phone,
        phone_country: user.phone ? user.country.code : null,
        phone_type: user.phone ? 'mobile' : null,
        phone_carrier: user.phone ? user.carrier.name : null,
        phone_looked_up_at: user.phone ? created : null,
        two_factor: 'enabled',
        two_factor_disabled_until: null,
        failed_checks: 0,
        consecutive_failures: 0,
        sends_without_success: 0,
        last_send_at: null,
        cooldown_until: null,
        locked_at: null,
        lock_reason: null,
        not_my_number_at: null,
        created_at: created,
        updated_at: created,
        ...state,
      };
      for (const column of USER_COLUMNS) params.push(row[column]);
    }
    const tuple = `(${USER_COLUMNS.map(() => '?').join(',')})`;
    await manager.query(
      `INSERT INTO users (${USER_COLUMNS.join(', ')}) VALUES ${slice.map(() => tuple).join(',')}`,
      params,
    );
    const [{ id }] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
    slice.forEach((user, k) => (user.id = id - slice.length + 1 + k));
  }
}

async function recordSignIns(manager: EntityManager, users: DemoUser[], lastSignIn: Float64Array): Promise<void> {
  const signedIn = users.filter((u) => lastSignIn[u.index] > 0);
  for (let i = 0; i < signedIn.length; i += 400) {
    const slice = signedIn.slice(i, i + 400);
    // Typed, so a team database reads them as numbers too (it takes an untyped VALUES list as text).
    const values = slice.map(() => '(CAST(? AS BIGINT), CAST(? AS BIGINT))').join(',');
    await manager.query(
      `WITH v(id, at) AS (VALUES ${values})
       UPDATE users SET last_sign_in_at = (SELECT at FROM v WHERE v.id = users.id) WHERE id IN (SELECT id FROM v)`,
      slice.flatMap((u) => [u.id, lastSignIn[u.index]]),
    );
  }
}

import type { EntityManager } from 'typeorm';
import { appendEvent, type NewEvent } from '../../src/main/events/append';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const WORLD_CARRIER = 'Testnet Mobile';

export interface WorldUser {
  id: number;
  name: string;
  email: string;
  phone: string;
}

/** Anything with `query` that runs in one open transaction: an EntityManager, or a test's sqlite3 runner. */
export type Runner = Pick<EntityManager, 'query'>;

/**
 * A carrier's clean history and a filtering episode on it, as the engine logs them: nine days of 6
 * sends an hour on `WORLD_CARRIER` with a failure every fourth hour (about 4%), then, from 100 to 10
 * minutes before `now`, a send and a 30007 failure every 3 minutes to each of `victims` in turn (31
 * failures). Appended through appendEvent, so the search index and the rollups follow as in the app.
 */
export async function appendCarrierEpisode(runner: Runner, now: number, victims: WorldUser[]): Promise<void> {
  const base = { country: 'GB', carrier: WORLD_CARRIER, provider: 'simulated' };
  const add = (event: Omit<NewEvent, 'country' | 'carrier' | 'provider'>) =>
    appendEvent(runner as EntityManager, { ...base, ...event });
  const start = Math.floor((now - 9 * DAY) / HOUR) * HOUR;
  const burst = now - 100 * MINUTE;
  for (let hour = start, n = 0; hour < burst - HOUR; hour += HOUR, n++) {
    for (let i = 0; i < 6; i++) await add({ occurredAt: hour + i * 9 * MINUTE, type: 'code_sent' });
    if (n % 4 === 0) {
      await add({ occurredAt: hour + 50 * MINUTE, type: 'sms_failure', providerCode: '30003', message: 'Unreachable' });
    }
  }
  for (let at = burst, i = 0; at <= now - 10 * MINUTE; at += 3 * MINUTE, i++) {
    const user = victims[i % victims.length];
    const who = {
      userId: user.id,
      userName: user.name,
      userEmail: user.email,
      userRole: 'employee',
      phone: user.phone,
    };
    await add({ ...who, occurredAt: at, type: 'code_sent' });
    await add({
      ...who,
      occurredAt: at + 5_000,
      type: 'sms_failure',
      providerCode: '30007',
      message: 'Message filtered by the carrier',
    });
  }
}

/**
 * Failed deliveries to `user` on `days` different days before `now` (one at 10:00 UTC each), on
 * another carrier: a repeat-failing user.
 */
export async function appendRepeatFailures(
  runner: Runner,
  now: number,
  user: WorldUser,
  days: number,
  carrier: string,
) {
  const today = Math.floor(now / DAY) * DAY;
  for (let d = 1; d <= days; d++) {
    await appendEvent(runner as EntityManager, {
      occurredAt: today - d * DAY + 10 * HOUR,
      type: 'sms_failure',
      userId: user.id,
      userName: user.name,
      userEmail: user.email,
      phone: user.phone,
      country: 'GB',
      carrier,
      provider: 'simulated',
      providerCode: '30003',
    });
  }
}

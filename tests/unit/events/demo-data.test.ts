import { createHash } from 'node:crypto';
import { parsePhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../src/main/demo/generate';
import { generatedConsole, openConsole, NOW, type Console } from './helpers';

let c: Console;
beforeAll(async () => {
  c = await generatedConsole(1_000, 60_000, 42);
});
afterAll(() => c.close());

const q = <T>(sql: string, params: unknown[] = []) => c.ctx.db.query<T>(sql, params);
const HOUR = 3_600_000;

async function digest(console: Console): Promise<string> {
  const rows = await console.ctx.db.query('SELECT * FROM events ORDER BY id');
  const users = await console.ctx.db.query('SELECT * FROM users ORDER BY id');
  return createHash('sha256')
    .update(JSON.stringify([rows, users]))
    .digest('hex');
}

describe('demo data', () => {
  it('is reproducible: the same seed gives the same users and events, another seed different ones', async () => {
    const again = await openConsole();
    const other = await openConsole();
    try {
      expect(await generateDemoData(again.ctx.db, { users: 1_000, events: 60_000, seed: 42, now: NOW })).toMatchObject({
        users: 1_000,
        events: 60_000,
      });
      await generateDemoData(other.ctx.db, { users: 1_000, events: 60_000, seed: 43, now: NOW });
      const mine = await digest(c);
      expect(await digest(again)).toBe(mine);
      expect(await digest(other)).not.toBe(mine);
    } finally {
      await again.close();
      await other.close();
    }
    // Two more 60,000-event seeds: over 20 s on a machine shared by several builds.
  }, 90_000);

  it('has exactly the events asked for, in time order, within 90 days before now', async () => {
    const [row] = await q<{ n: number; first: number; last: number; bad: number }>(
      `SELECT COUNT(*) AS n, MIN(occurred_at) AS first, MAX(occurred_at) AS last,
        (SELECT COUNT(*) FROM (SELECT occurred_at < LAG(occurred_at) OVER (ORDER BY id) AS b FROM events) WHERE b) AS bad
       FROM events`,
    );
    expect(row).toMatchObject({ n: 60_000, bad: 0 });
    expect(row.first).toBeGreaterThanOrEqual(NOW - 90 * 24 * HOUR);
    expect(row.last).toBeLessThan(NOW);
  });

  it('spreads staff over 30+ countries and 60+ carriers, with valid mobile numbers for their country', async () => {
    const [spread] = await q<{ countries: number; carriers: number }>(
      'SELECT COUNT(DISTINCT country) AS countries, COUNT(DISTINCT carrier) AS carriers FROM events',
    );
    expect(spread.countries).toBeGreaterThanOrEqual(30);
    expect(spread.carriers).toBeGreaterThanOrEqual(60);
    const users = await q<{ phone_e164: string; phone_country: string }>(
      'SELECT phone_e164, phone_country FROM users WHERE phone_e164 IS NOT NULL',
    );
    for (const user of users) {
      const phone = parsePhoneNumber(user.phone_e164);
      expect(phone.isValid(), user.phone_e164).toBe(true);
      expect(phone.country, user.phone_e164).toBe(user.phone_country);
      expect(['MOBILE', 'FIXED_LINE_OR_MOBILE']).toContain(phone.getType());
    }
  });

  it('is skewed: sends and sign-ins dominate, the four documented errors are rarer', async () => {
    const rows = await q<{ type: string; n: number }>('SELECT type, COUNT(*) AS n FROM events GROUP BY type');
    const n = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    expect(n.code_sent).toBeGreaterThan(n.wrong_code * 3);
    expect(n.wrong_code).toBeGreaterThan(n.account_lock * 5);
    for (const type of ['account_lock', 'cooldown_activated', 'mfa_provider_failure', 'not_my_number']) {
      expect(n[type], type).toBeGreaterThan(0);
    }
  });

  it('peaks at the start of the local working day', async () => {
    // GB staff: 08:00-10:00 UTC is their morning peak, 02:00-04:00 the middle of the night.
    const [gb] = await q<{ morning: number; night: number }>(
      `SELECT SUM(h BETWEEN 8 AND 9) AS morning, SUM(h BETWEEN 2 AND 3) AS night
       FROM (SELECT (occurred_at / 3600000) % 24 AS h FROM events WHERE country = 'GB' AND type = 'code_sent')`,
    );
    expect(gb.morning).toBeGreaterThan(gb.night * 10);
  });

  it('has bad carriers, repeat-failure users, a provider incident and a carrier filtering episode', async () => {
    const carriers = await q<{ carrier: string; rate: number }>(
      `SELECT carrier, 1.0 * SUM(type = 'sms_failure' AND provider_code <> '30007') / COUNT(*) AS rate
       FROM events GROUP BY carrier HAVING COUNT(*) > 500 ORDER BY rate DESC`,
    );
    expect(carriers[0].rate).toBeGreaterThan(carriers[Math.floor(carriers.length / 2)].rate * 2);

    const [repeat] = await q<{ n: number }>(
      `SELECT MAX(n) AS n FROM (SELECT COUNT(*) AS n FROM events WHERE type = 'wrong_code' GROUP BY user_id)`,
    );
    const [typical] = await q<{ n: number }>(
      `SELECT AVG(n) AS n FROM (SELECT COUNT(*) AS n FROM events WHERE type = 'wrong_code' GROUP BY user_id)`,
    );
    expect(repeat.n).toBeGreaterThan(typical.n * 4);

    // The busiest hour of HTTP 500s holds more than a normal week of them.
    const [incident] = await q<{ n: number }>(
      `SELECT MAX(n) AS n FROM (SELECT COUNT(*) AS n FROM events WHERE provider_code = '500' GROUP BY occurred_at / 3600000)`,
    );
    const [all500] = await q<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE provider_code = '500'`);
    expect(incident.n).toBeGreaterThan(100);
    expect(incident.n).toBeGreaterThan(Number(all500.n) / 13);

    // A carrier filtering episode: one carrier's 30007s bunch up within a few hours.
    const [episode] = await q<{ carrier: string; n: number }>(
      `SELECT carrier, COUNT(*) AS n FROM events WHERE provider_code = '30007'
       GROUP BY carrier, occurred_at / (6 * 3600000) ORDER BY n DESC LIMIT 1`,
    );
    expect(episode.n).toBeGreaterThan(100);
  });

  it('users in an end state have events that lead there', async () => {
    const last = (userId: number) =>
      q<{ type: string; occurred_at: number }>(
        'SELECT type, occurred_at FROM events WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1',
        [userId],
      ).then((r) => r[0]);
    const locked = await q<{ id: number; locked_at: number }>(
      'SELECT id, locked_at FROM users WHERE locked_at IS NOT NULL',
    );
    expect(locked.length).toBeGreaterThan(0);
    for (const u of locked) expect(await last(u.id)).toEqual({ type: 'account_lock', occurred_at: u.locked_at });

    const cooling = await q<{ id: number; cooldown_until: number }>(
      'SELECT id, cooldown_until FROM users WHERE cooldown_until IS NOT NULL',
    );
    expect(cooling.length).toBeGreaterThan(0);
    for (const u of cooling) {
      expect(u.cooldown_until).toBeGreaterThan(NOW);
      expect(await last(u.id)).toEqual({ type: 'cooldown_activated', occurred_at: u.cooldown_until - HOUR });
    }

    const disabled = await q<{ id: number }>(`SELECT id FROM users WHERE two_factor LIKE 'disabled%'`);
    expect(disabled.length).toBeGreaterThan(0);
    for (const u of disabled) expect((await last(u.id)).type).toBe('two_factor_disabled');

    const notMine = await q<{ id: number; not_my_number_at: number }>(
      'SELECT id, not_my_number_at FROM users WHERE not_my_number_at IS NOT NULL',
    );
    expect(notMine.length).toBeGreaterThan(0);
    for (const u of notMine)
      expect(await last(u.id)).toEqual({ type: 'not_my_number', occurred_at: u.not_my_number_at });

    const [notEnrolled] = await q<{ users: number; events: number }>(
      `SELECT COUNT(*) AS users, (SELECT COUNT(*) FROM events WHERE user_id IN
         (SELECT id FROM users WHERE two_factor = 'not_enrolled')) AS events
       FROM users WHERE two_factor = 'not_enrolled'`,
    );
    expect(notEnrolled.users).toBeGreaterThan(0);
    expect(notEnrolled.events).toBe(0);

    // Nobody else is left locked or cooling down: every automatic lock was followed by an unlock.
    const [stray] = await q<{ n: number }>(
      `SELECT COUNT(*) AS n FROM users u WHERE u.locked_at IS NULL AND (
         SELECT type FROM events WHERE user_id = u.id AND type IN ('account_lock', 'admin_lock', 'admin_unlock')
         ORDER BY occurred_at DESC, id DESC LIMIT 1) IN ('account_lock', 'admin_lock')`,
    );
    expect(stray.n).toBe(0);
  });
});

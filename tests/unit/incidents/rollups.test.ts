import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../../src/main/events/append';
import { generatedConsole, NOW, type Console } from '../events/helpers';

let c: Console;
beforeAll(async () => {
  c = await generatedConsole(300, 30_000, 7);
}, 120_000);
afterAll(() => c.close());

/** The rollups' totals per hour and carrier, and the same figures counted from the event log itself. */
async function compare(): Promise<{ rollups: unknown[]; events: unknown[] }> {
  const rollups = await c.ctx.db.query(
    `SELECT hour, carrier, SUM(sends) AS sends, SUM(delivery_failures) AS df, SUM(provider_failures) AS pf,
       SUM(conversions) AS conv
     FROM event_hourly_rollups GROUP BY hour, carrier ORDER BY hour, carrier`,
  );
  const events = await c.ctx.db.query(
    `SELECT occurred_at / 3600000 AS hour, COALESCE(carrier, '') AS carrier,
       SUM(type = 'code_sent') AS sends, SUM(type = 'sms_failure') AS df, SUM(type = 'mfa_provider_failure') AS pf,
       SUM(type = 'sign_in_succeeded') AS conv
     FROM events WHERE type IN ('code_sent', 'sms_failure', 'mfa_provider_failure', 'sign_in_succeeded')
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return { rollups, events };
}

describe('the hourly rollups', () => {
  it('hold exactly what the event log holds after a bulk load', async () => {
    const { rollups, events } = await compare();
    expect(rollups.length).toBeGreaterThan(1000);
    expect(rollups).toEqual(events);
  });

  it('follow every append, and a late one marks its hour for the detector', async () => {
    await c.ctx.db.query(`UPDATE event_log_state SET value = 0 WHERE key = 'incidents_dirty_from'`);
    const late = NOW - 20 * 86_400_000;
    await c.ctx.db.transaction(async (m) => {
      await appendEvent(m, {
        occurredAt: late,
        type: 'sms_failure',
        carrier: 'EE',
        country: 'GB',
        provider: 'twilio',
        providerCode: '30003',
        phone: '+447400123456',
      });
      await appendEvent(m, {
        occurredAt: NOW - 1000,
        type: 'code_sent',
        carrier: 'EE',
        country: 'GB',
        provider: 'twilio',
        phone: '+447400123456',
      });
      // Admin actions are not counted.
      await appendEvent(m, { occurredAt: NOW - 500, type: 'admin_unlock', actor: 'ada@example.com', reason: 'test' });
    });
    const { rollups, events } = await compare();
    expect(rollups).toEqual(events);
    const [row] = await c.ctx.db.query<{ code: string; prefix: string }>(
      `SELECT provider_code AS code, prefix FROM event_hourly_rollups WHERE hour = ? AND carrier = 'EE' AND delivery_failures > 0`,
      [Math.floor(late / 3_600_000)],
    );
    expect(row).toMatchObject({ code: '30003', prefix: '+447400' });
    const [dirty] = await c.ctx.db.query<{ value: number }>(
      `SELECT value FROM event_log_state WHERE key = 'incidents_dirty_from'`,
    );
    expect(Number(dirty.value)).toBe(late);
  });

  it('are rebuilt from the log when lost', async () => {
    await c.ctx.db.query('DELETE FROM event_hourly_rollups');
    // The detector notices and rebuilds them before it reads them.
    await c.call('detectIncidents', {});
    const { rollups, events } = await compare();
    expect(rollups).toEqual(events);
  });

  it('count an imported log’s delivered messages apart, on every append and when rebuilt', async () => {
    const hour = Math.floor((NOW - 40 * 86_400_000) / 3_600_000);
    await c.ctx.db.transaction(async (m) => {
      for (let i = 0; i < 3; i++) {
        await appendEvent(m, {
          occurredAt: hour * 3_600_000 + i * 1000,
          type: 'sms_delivered',
          country: 'GB',
          provider: 'twilio',
          phone: '+447400123999',
        });
      }
    });
    const delivered = async () =>
      (
        await c.ctx.db.query<{ n: number }>(
          `SELECT SUM(delivered) AS n FROM event_hourly_rollups WHERE hour = ? AND country = 'GB' AND prefix = '+447400'`,
          [hour],
        )
      )[0].n;
    expect(Number(await delivered())).toBe(3);
    await c.ctx.db.query('DELETE FROM event_hourly_rollups');
    await c.call('detectIncidents', {});
    expect(Number(await delivered())).toBe(3);
  });
});

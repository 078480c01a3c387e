import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoDataValue, IncidentSummary } from '../../../src/shared/contract';
import type { InjectedIncident } from '../../../src/main/demo/injected';
import { appendEvent } from '../../../src/main/events/append';
import { measureQuality, type QualityReport } from '../../../src/main/incidents/quality';
import { detectIncidents } from '../../../src/main/incidents/run';
import { openConsole, NOW, type ApiCallError, type Console } from '../events/helpers';

const DAY = 86_400_000;
const HOUR = 3_600_000;

let c: Console;
let seeded: DemoDataValue;
let injected: InjectedIncident[];
let quality: QualityReport;

// A smaller world than the bench's (1,500 users, 120,000 events over 90 days), seeded, so the
// figures are the same on every run. Seeding runs the detector, as `mfa-console seed` does.
beforeAll(async () => {
  c = await openConsole();
  seeded = await c.call('loadDemoData', { users: 1_500, events: 120_000, seed: 1 });
  injected = seeded.incidents as InjectedIncident[];
  quality = await c.ctx.db.read((m) => measureQuality(m, injected, { from: NOW - 90 * DAY, to: NOW }));
}, 300_000);
afterAll(() => c.close());

const keyOf = (i: IncidentSummary) =>
  `${i.kind}|${i.keyKind}|${i.key.carrier ?? i.key.country ?? i.key.provider ?? i.key.providerCode ?? i.key.prefix}|${i.startedAt}`;

describe('the generator reports what it injected', () => {
  it('the hard scenarios are there, each with its key, start, end and failures', () => {
    const scenarios = new Set(injected.map((i) => i.scenario));
    for (const s of [
      'provider-500',
      'provider-outage',
      'carrier-filtering',
      'slow-burn',
      'small-carrier',
      'morning-peak',
      'pumping',
    ])
      expect(scenarios, s).toContain(s);
    for (const i of injected) {
      expect(i.start).toBeLessThanOrEqual(i.end);
      expect(i.start).toBeGreaterThanOrEqual(NOW - 90 * DAY);
      expect(i.end).toBeLessThan(NOW);
    }
    const small = injected.find((i) => i.scenario === 'small-carrier')!;
    expect(small.users).toBeLessThanOrEqual(10);
    expect(small.failures).toBeGreaterThanOrEqual(30);
    const slow = injected.find((i) => i.scenario === 'slow-burn')!;
    expect(slow.end - slow.start).toBeGreaterThan(8 * HOUR);
    expect(injected.find((i) => i.scenario === 'morning-peak')!.incident).toBe(false);
  });

  it('its events agree with it: the small carrier failed that often in its window, pumped numbers belong to nobody', async () => {
    const small = injected.find((i) => i.scenario === 'small-carrier')!;
    const [row] = await c.ctx.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE carrier = ? AND type = 'sms_failure' AND provider_code = '30005'
         AND occurred_at BETWEEN ? AND ?`,
      [small.key.carrier, small.start, small.end],
    );
    expect(Number(row.n)).toBeGreaterThanOrEqual(small.failures);
    const pumping = injected.find((i) => i.scenario === 'pumping')!;
    const [pumped] = await c.ctx.db.query<{ n: number; owned: number }>(
      `SELECT COUNT(*) AS n, COUNT(user_id) AS owned FROM events WHERE substr(phone, 1, 7) = ?`,
      [pumping.key.prefix],
    );
    expect(Number(pumped.n)).toBe(pumping.sends);
    expect(Number(pumped.owned)).toBe(0);
  });
});

describe('detection quality on the seeded world (the targets of issue 14)', () => {
  it('finds at least 95% of injected incidents with 30 or more failures', () => {
    expect(quality.recallEligible).toBeGreaterThanOrEqual(6);
    expect(quality.missed).toEqual([]);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('dates incidents at 100 or more sends an hour within 30 minutes of their first failure', () => {
    expect(quality.onsetErrors.length).toBeGreaterThan(0);
    for (const o of quality.onsetErrors) expect(o.minutes, o.scenario).toBeLessThanOrEqual(30);
  });

  it('opens at most 1 false incident per carrier per 30 days, none for the weekday-morning congestion', () => {
    expect(quality.falsePerCarrierPer30Days).toBeLessThanOrEqual(1);
    expect(quality.morningPeakFalse).toBe(0);
  });

  it('finds the SMS pumping surge', () => {
    expect(quality.pumpingFound).toBe(quality.pumpingInjected);
  });
});

describe('incremental detection', () => {
  it('finds, from where it stopped, exactly what a full run finds', async () => {
    const full = (await c.call('incidentsList', { limit: 500 })).incidents.map(keyOf).sort();
    // As if the detector last ran ten days ago: it looks again from there only.
    await c.ctx.db.query(`UPDATE event_log_state SET value = ? WHERE key = 'incidents_evaluated_to'`, [NOW - 10 * DAY]);
    const run = await c.ctx.db.transaction((m) => detectIncidents(m, NOW));
    expect(run.evaluatedFrom).toBeGreaterThan(NOW - 12 * DAY);
    const again = (await c.call('incidentsList', { limit: 500 })).incidents.map(keyOf).sort();
    expect(again).toEqual(full);
  });

  it('looks at an old hour again when a delivery sync back-fills failures into it', async () => {
    // A weekday morning with no Telekom incident near it.
    let at = NOW - 40 * DAY + 10 * HOUR;
    while (
      (await c.call('incidentsList', { kind: 'carrier', key: 'Telekom', from: at - DAY, to: at + DAY })).incidents
        .length
    )
      at += DAY;
    const [user] = await c.ctx.db.query<{
      id: number;
      name: string;
      email: string;
      phone_e164: string;
      phone_carrier: string;
      phone_country: string;
    }>(
      `SELECT id, name, email, phone_e164, phone_carrier, phone_country FROM users WHERE phone_carrier = 'Telekom' LIMIT 1`,
    );
    const before = await c.call('incidentsList', { kind: 'carrier', key: 'Telekom', from: at - HOUR, to: at + HOUR });
    expect(before.incidents).toEqual([]);
    await c.ctx.db.transaction(async (m) => {
      for (let i = 0; i < 40; i++)
        await appendEvent(m, {
          occurredAt: at + i * 60_000,
          type: 'sms_failure',
          userId: user.id,
          userName: user.name,
          userEmail: user.email,
          phone: user.phone_e164,
          carrier: 'Telekom',
          country: user.phone_country,
          provider: 'twilio',
          providerCode: '30008',
          message: 'SMS not delivered (found by the delivery sync)',
        });
    });
    const [state] = await c.ctx.db.query<{ value: number }>(
      `SELECT value FROM event_log_state WHERE key = 'incidents_dirty_from'`,
    );
    expect(Number(state.value)).toBe(at);
    await c.call('detectIncidents', {});
    const after = await c.call('incidentsList', { kind: 'carrier', key: 'Telekom', from: at - HOUR, to: at + HOUR });
    expect(after.incidents).toHaveLength(1);
    // At 19:00 UTC Telekom carries a few sends an hour: a stray failure an hour or two before can
    // belong to the episode as well as not, so the onset is the first failure at or a little before.
    expect(after.incidents[0].startedAt).toBeLessThanOrEqual(at);
    expect(after.incidents[0].startedAt).toBeGreaterThanOrEqual(at - 3 * HOUR);
    expect(after.incidents[0].failures).toBeGreaterThanOrEqual(40);
    const { users } = await c.call('incidentUsers', { id: after.incidents[0].id });
    expect(users.find((u) => u.email === user.email)).toMatchObject({ roles: ['failed'], failures: 40 });
  });
});

describe('the incidents API', () => {
  it('lists incidents newest first, with the fields the command line promises', async () => {
    const { incidents } = await c.call('incidentsList', { kind: 'carrier' });
    expect(incidents.length).toBeGreaterThan(3);
    const onsets = incidents.map((i) => i.startedAt);
    expect([...onsets].sort((a, b) => b - a)).toEqual(onsets);
    const filtering = injected.find((i) => i.scenario === 'carrier-filtering')!;
    const hit = incidents.find((i) => i.key.carrier === filtering.key.carrier && i.startedAt <= filtering.end)!;
    expect(hit).toMatchObject({
      kind: 'carrier',
      key: { carrier: filtering.key.carrier, country: null, provider: null, providerCode: null },
      topCode: '30007',
    });
    expect(hit.endedAt).toBeGreaterThan(hit.startedAt);
    expect(hit.rate).toBeGreaterThan(hit.baselineRate);
    expect(hit.affectedUsers).toBeGreaterThan(0);
  });

  it('explains one: the hourly series around it against its baseline, its codes and its users', async () => {
    const filtering = injected.find((i) => i.scenario === 'carrier-filtering')!;
    const [hit] = (
      await c.call('incidentsList', {
        kind: 'carrier',
        key: filtering.key.carrier!,
        from: filtering.start,
        to: filtering.end,
      })
    ).incidents;
    const detail = await c.call('incidentDetail', { id: hit.id });
    const onsetHour = Math.floor(hit.startedAt / HOUR) * HOUR;
    const hour = detail.hourly.find((h) => h.hour === onsetHour)!;
    expect(hour.rate!).toBeGreaterThan(detail.incident.baselineRate * 2);
    expect(detail.hourly[0].hour).toBe(onsetHour - 24 * HOUR);
    expect(detail.topCodes[0]).toMatchObject({ code: '30007', title: expect.any(String) });
    expect(detail.totalUsers).toBe(hit.affectedUsers);
    expect(detail.users[0].roles).toContain('failed');
    const { users } = await c.call('incidentUsers', { id: hit.id });
    expect(users).toHaveLength(hit.affectedUsers);
    const { incidents } = await c.call('incidentsForUser', { email: users[0].email });
    expect(incidents.map((i) => i.id)).toContain(hit.id);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    await expect(c.call('incidentDetail', { id: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bad = await c.call('incidentsList', { from: NOW, to: NOW - DAY }).catch((e: ApiCallError) => e.error);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('from') });
    await expect(c.call('incidentsList', { kind: 'weather' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('detector settings', () => {
  it('has every parameter with its default, and changing one is audited with the operator and reason, then detection runs again', async () => {
    const view = await c.call('getIncidentSettings', {});
    expect(view.values).toMatchObject({ baselineDays: 28, quietHours: 2, falseDiscoveryRate: 0.0001 });
    await expect(c.call('updateIncidentSettings', { changes: { minFailures: 200 }, reason: '' })).rejects.toMatchObject(
      {
        code: 'INVALID_INPUT',
      },
    );
    await expect(
      c.call('updateIncidentSettings', { changes: { quietHours: 0 }, reason: 'Testing the range' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('quietHours') });
    const before = (await c.call('incidentsList', { limit: 500 })).incidents.length;
    const changed = await c.call('updateIncidentSettings', {
      changes: { minFailures: 200 },
      reason: 'Only the big ones for the board report',
    });
    expect(changed.changes).toEqual([{ key: 'minFailures', from: 8, to: 200 }]);
    const after = (await c.call('incidentsList', { limit: 500 })).incidents;
    expect(after.length).toBeLessThan(before);
    expect(after.every((i) => i.kind === 'pumping' || i.failures >= 200)).toBe(true);
    const [audit] = await c.ctx.db.query<{ actor: string; reason: string; details: string }>(
      `SELECT actor, reason, details FROM events WHERE type = 'settings_changed' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({
      actor: 'test.operator@example.com',
      reason: 'Only the big ones for the board report',
    });
    expect(JSON.parse(audit.details)).toEqual({ key: 'incidents.detector.minFailures', from: 8, to: 200 });
    await c.call('updateIncidentSettings', { changes: { minFailures: 8 }, reason: 'Back to the default' });
  });
});

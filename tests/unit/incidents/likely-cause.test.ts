import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectIncidents } from '../../../src/main/incidents/run';
import { eventLikelyCause, likelyCausesForUser } from '../../../src/main/incidents/likely-cause';
import { incidentUsers, listIncidents } from '../../../src/main/incidents/queries';
import { carriersWithAffectedUsers, repeatFailingUsers } from '../../../src/main/incidents/repeat-failures';
import { troubleshootFacts } from '../../../src/main/troubleshoot/facts';
import { findings } from '../../../src/shared/troubleshoot/findings';
import { DomainError } from '../../../src/main/core/domain-error';
import {
  WORLD_CARRIER,
  appendCarrierEpisode,
  appendRepeatFailures,
  type WorldUser,
} from '../../support/incident-world';
import {
  ADMIN,
  ANOTHER_WAY,
  DAY,
  HOUR,
  TECH,
  USER,
  lastCode,
  openEngine,
  refusalOf,
  withStaff,
  wrongCode,
  type Harness,
} from '../engine/helpers';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const PEOPLE = {
  cal: { name: 'Cal Caller', email: 'cal@example.com', phone: '+447400200001' },
  dee: { name: 'Dee Dunn', email: 'dee@example.com', phone: '+447400200002' },
  fay: { name: 'Fay Field', email: 'fay@example.com', phone: '+447400200003' },
  hal: { name: 'Hal Hart', email: 'hal@example.com', phone: '+447400200004' },
  eve: { name: 'Eve Else', email: 'eve@example.com', phone: '+447400200005' },
};

let h: Harness;
let users: Record<keyof typeof PEOPLE, WorldUser>;

async function intoCooldown(email: string) {
  await h.engine.sendCode({ email });
  const wrong = wrongCode(await lastCode(h, email));
  for (let i = 0; i < 5; i++) await refusalOf(h.engine.checkCode({ email, code: wrong }));
}

const eventOf = async (email: string, type: string) =>
  (
    await h.db.query<{ id: number }>(
      'SELECT id FROM events WHERE user_email = ? AND type = ? ORDER BY id DESC LIMIT 1',
      [email, type],
    )
  )[0].id;

/**
 * Cal, Dee, Fay and Hal lose their codes in a carrier filtering episode; Cal and Dee then go into
 * cooldown (after their failures), Hal had gone into cooldown before his (so not because of it),
 * Fay never did, and Eve, on no incident at all, is in cooldown too.
 */
beforeEach(async () => {
  h = await openEngine(':memory:');
  h.clock.set(NOW - 2 * HOUR);
  await withStaff(h);
  for (const p of Object.values(PEOPLE)) {
    await h.engine.addUser({ reason: 'New starter', role: 'employee', ...p });
  }
  const rows = await h.db.query<WorldUser>('SELECT id, name, email, phone_e164 AS phone FROM users');
  users = Object.fromEntries(
    Object.entries(PEOPLE).map(([k, p]) => [k, rows.find((r) => r.email === p.email) as WorldUser]),
  ) as typeof users;
  await intoCooldown(PEOPLE.hal.email);
  h.clock.set(NOW);
  await h.db.transaction((m) => appendCarrierEpisode(m, NOW, [users.cal, users.dee, users.fay, users.hal]));
  for (const who of [PEOPLE.cal, PEOPLE.dee, PEOPLE.eve]) await intoCooldown(who.email);
  await h.db.transaction((m) => detectIncidents(m, NOW));
});
afterEach(() => h.close());

async function carrierIncident() {
  const list = await h.db.read((m) => listIncidents(m, { kind: 'carrier', key: WORLD_CARRIER }));
  expect(list).toHaveLength(1);
  return list[0];
}

describe('"Likely caused by <incident>": one rule for the user view, the directory, the drawer and troubleshooting', () => {
  it("ties a cooldown that followed the user's failed deliveries in the incident, and nothing else", async () => {
    const incident = await carrierIncident();
    expect(incident).toMatchObject({ label: `Carrier ${WORLD_CARRIER}`, endedAt: null });

    const cal = await h.db.read((m) => likelyCausesForUser(m, PEOPLE.cal.email, NOW));
    expect(cal.current).toMatchObject({ incidentId: incident.id, label: `Carrier ${WORLD_CARRIER}` });
    // Its wrong codes are tied too: the four logged as such, and the fifth, logged as the cooldown.
    expect(cal.events.map((e) => e.type).sort()).toEqual([
      'cooldown_activated',
      'wrong_code',
      'wrong_code',
      'wrong_code',
      'wrong_code',
    ]);
    // Eve failed in no incident; Fay failed but is not blocked; Hal's cooldown came before his failures.
    for (const who of [PEOPLE.eve, PEOPLE.fay, PEOPLE.hal]) {
      const v = await h.db.read((m) => likelyCausesForUser(m, who.email, NOW));
      expect({ who: who.email, current: v.current, events: v.events }).toEqual({
        who: who.email,
        current: null,
        events: [],
      });
    }
    // The drawer asks about one event.
    const calCooldown = await eventOf(PEOPLE.cal.email, 'cooldown_activated');
    expect(await h.db.read((m) => eventLikelyCause(m, calCooldown))).toMatchObject({ incidentId: incident.id });
    const eveCooldown = await eventOf(PEOPLE.eve.email, 'cooldown_activated');
    expect(await h.db.read((m) => eventLikelyCause(m, eveCooldown))).toBeNull();
    const calFailure = await eventOf(PEOPLE.cal.email, 'sms_failure');
    expect(await h.db.read((m) => eventLikelyCause(m, calFailure))).toBeNull();
    // The incident's own user list uses the same rule for its roles.
    const roles = await h.db.read((m) => incidentUsers(m, incident.id, NOW));
    expect(Object.fromEntries(roles.map((u) => [u.email, u.roles]))).toEqual({
      [PEOPLE.cal.email]: ['failed', 'cooldown'],
      [PEOPLE.dee.email]: ['failed', 'cooldown'],
      [PEOPLE.fay.email]: ['failed'],
      [PEOPLE.hal.email]: ['failed'],
    });
  });

  it('the directory filters "Likely caused by an incident" and marks the rows', async () => {
    const incident = await carrierIncident();
    const filtered = await h.engine.listUsers({ filter: 'incident-caused' });
    expect(filtered.users.map((u) => u.email)).toEqual([PEOPLE.cal.email, PEOPLE.dee.email]);
    expect(filtered.total).toBe(2);
    const all = await h.engine.listUsers({ filter: 'cooldown' });
    const marks = Object.fromEntries(all.users.map((u) => [u.email, u.likelyCause?.incidentId ?? null]));
    expect(marks).toEqual({
      [PEOPLE.cal.email]: incident.id,
      [PEOPLE.dee.email]: incident.id,
      [PEOPLE.eve.email]: null,
    });
  });

  it('troubleshooting says so, with what to do while it lasts and a link to the incident', async () => {
    const incident = await carrierIncident();
    const cal = findings(await troubleshootFacts(h.db, PEOPLE.cal.email, NOW)).find((f) => f.id === 'incident-cause');
    expect(cal).toMatchObject({
      title: `Likely caused by Carrier ${WORLD_CARRIER}`,
      incidentId: incident.id,
      adminAction: 'reset-cooldown',
    });
    expect(cal?.detail).toContain('The cooldown followed failed deliveries to this user inside the incident');
    expect(cal?.action).toContain('a new code will likely fail too while it lasts');
    const eve = findings(await troubleshootFacts(h.db, PEOPLE.eve.email, NOW)).map((f) => f.id);
    expect(eve).toContain('cooldown');
    expect(eve).not.toContain('incident-cause');
  });
});

describe("an incident's bulk cooldown reset, through the directory's bulk action", () => {
  it('previews exactly its users in cooldown because of it, skips the others with why, and leaves Eve alone', async () => {
    const incident = await carrierIncident();
    const preview = await h.engine.previewBulkAction({
      action: 'reset-cooldown',
      incidentId: incident.id,
      actor: TECH,
    });
    expect(preview.affected.map((a) => a.email)).toEqual([PEOPLE.cal.email, PEOPLE.dee.email]);
    expect(Object.fromEntries(preview.skipped.map((s) => [s.email, s.why]))).toEqual({
      [PEOPLE.fay.email]: 'not in cooldown',
      [PEOPLE.hal.email]: 'not in cooldown',
    });

    const result = await h.engine.runBulkAction({
      action: 'reset-cooldown',
      emails: preview.affected.map((a) => a.email),
      incidentId: incident.id,
      reason: 'Carrier filtering episode, codes delivered again',
      verifiedAnotherWay: ANOTHER_WAY,
      actor: ADMIN,
    });
    expect(result.done.map((d) => d.email)).toEqual([PEOPLE.cal.email, PEOPLE.dee.email]);
    expect(result.failed).toEqual([]);
    const rows = await h.db.query<{ email: string; cooling: number }>(
      'SELECT email, COALESCE(cooldown_until, 0) > ? AS cooling FROM users WHERE email IN (?, ?, ?)',
      [NOW, PEOPLE.cal.email, PEOPLE.dee.email, PEOPLE.eve.email],
    );
    expect(Object.fromEntries(rows.map((r) => [r.email, Boolean(r.cooling)]))).toEqual({
      [PEOPLE.cal.email]: false,
      [PEOPLE.dee.email]: false,
      [PEOPLE.eve.email]: true,
    });
    // One audited event per user, each with the reason, the operator and the incident.
    const audited = await h.db.query<{ user_email: string; actor: string; reason: string; details: string }>(
      `SELECT user_email, actor, reason, details FROM events WHERE type = 'cooldown_reset' ORDER BY id`,
    );
    expect(audited.map((e) => [e.user_email, e.actor, e.reason])).toEqual([
      [PEOPLE.cal.email, ADMIN, 'Carrier filtering episode, codes delivered again'],
      [PEOPLE.dee.email, ADMIN, 'Carrier filtering episode, codes delivered again'],
    ]);
    expect(JSON.parse(audited[0].details).bulk).toMatchObject({ size: 2, incident: incident.id });
  });

  it('refuses a user who is not one of its affected users, naming them, and changes nobody', async () => {
    const incident = await carrierIncident();
    const error = await refusalOf(
      h.engine.runBulkAction({
        action: 'reset-cooldown',
        emails: [PEOPLE.cal.email, PEOPLE.eve.email],
        incidentId: incident.id,
        reason: 'Carrier filtering episode over',
        verifiedAnotherWay: ANOTHER_WAY,
        actor: ADMIN,
      }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      `emails[1]: ${PEOPLE.eve.email} is not one of incident ${incident.id}'s affected users; nobody was changed.`,
    );
    expect(await h.db.query(`SELECT 1 FROM events WHERE type = 'cooldown_reset'`)).toEqual([]);
    await expect(
      h.engine.previewBulkAction({ action: 'reset-cooldown', incidentId: 9999, actor: ADMIN }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the bulk rules: a technician without a caller check per user is refused for each, the employee for all', async () => {
    const incident = await carrierIncident();
    const result = await h.engine.runBulkAction({
      action: 'reset-cooldown',
      emails: [PEOPLE.cal.email],
      incidentId: incident.id,
      reason: 'Carrier filtering episode over',
      actor: TECH,
    });
    expect(result.done).toEqual([]);
    expect(result.failed.map((f) => f.email)).toEqual([PEOPLE.cal.email]);
    await expect(
      h.engine.previewBulkAction({ action: 'reset-cooldown', incidentId: incident.id, actor: USER }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe('repeat-failing users and carriers with several affected users', () => {
  it('lists users failing on several distinct days and carriers failing for several users, in the range only', async () => {
    const uma = (
      await h.db.query<WorldUser>(`SELECT id, name, email, phone_e164 AS phone FROM users WHERE email = ?`, [USER])
    )[0];
    await h.db.transaction((m) => appendRepeatFailures(m, NOW, uma, 4, 'Othernet'));
    const range = { from: NOW - 10 * DAY, to: NOW };
    const repeat = await h.db.read((m) => repeatFailingUsers(m, range));
    expect(repeat.minDays).toBe(3);
    expect(repeat.users.map((u) => [u.email, u.days, u.failures, u.carrier])).toEqual([[USER, 4, 4, 'Othernet']]);
    // Two days back only: Uma failed on 2 of them, below the 3 days asked.
    expect((await h.db.read((m) => repeatFailingUsers(m, { from: NOW - 2 * DAY, to: NOW }))).users).toEqual([]);
    const carriers = await h.db.read((m) => carriersWithAffectedUsers(m, range));
    expect(carriers.carriers.map((c) => [c.carrier, c.users, c.failures])).toEqual([[WORLD_CARRIER, 4, 31]]);
  });
});

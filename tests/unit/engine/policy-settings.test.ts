import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/main/api';
import { actingAs } from '../../support/operators';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import { ADMIN, MINUTE, SECOND, TECH, USER } from './helpers';

let ctx: AppContext;
let api: ReturnType<typeof actingAs>;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  ctx = await openContext({ shell: 'cli', dbPath: ':memory:', dataDir: '/tmp', clock });
  api = actingAs(createApi(ctx), ctx, ADMIN);
  await api.call('addUser', { reason: 'New starter', name: 'Ada Admin', email: ADMIN, role: 'administrator' });
  await api.call('addUser', { reason: 'New starter', name: 'Tim Tech', email: TECH, role: 'technician' });
  await api.call('addUser', {
    reason: 'New starter',
    name: 'Uma User',
    email: USER,
    role: 'employee',
    phone: '+447111222333',
  });
});
afterEach(() => ctx.close());

describe('policy settings', () => {
  it("start at the documents' defaults", async () => {
    const result = await api.call('getPolicy', {});
    expect(result).toMatchObject({
      ok: true,
      value: {
        values: {
          codeValidityMinutes: 3,
          sessionMinutes: 10,
          cooldownAfterFailures: 5,
          cooldownMinutes: 60,
          maxSendsWithoutSuccess: 5,
          resendIntervalSeconds: 30,
          lockAfterFailures: 10,
          trustedDeviceDays: 30,
          backupCodeCount: 10,
        },
        firm: { enabled: false },
      },
    });
  });

  it('refuse an out-of-range value, naming the field and the limit', async () => {
    const result = await api.call('updatePolicy', {
      reason: 'Security review',
      actor: ADMIN,
      changes: { cooldownMinutes: 0 },
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'updatePolicy: changes.cooldownMinutes: must be at least 1' },
    });
    const unknown = await api.call('updatePolicy', {
      reason: 'Security review',
      actor: ADMIN,
      changes: { coolDown: 5 },
    });
    expect(unknown.ok).toBe(false);
    const byTech = await api.call('updatePolicy', {
      reason: 'Security review',
      actor: TECH,
      changes: { cooldownMinutes: 5 },
    });
    expect(byTech).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
  });

  it('apply at once and are audited one event per change', async () => {
    const result = await api.call('updatePolicy', {
      reason: 'Security review',
      actor: ADMIN,
      changes: { codeValidityMinutes: 5, resendIntervalSeconds: 60, lockAfterFailures: 10 },
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        changes: [
          { key: 'codeValidityMinutes', from: 3, to: 5 },
          { key: 'resendIntervalSeconds', from: 30, to: 60 },
        ],
      },
    });
    const events = await ctx.db.query<{ actor: string; details: string }>(
      `SELECT actor, details FROM events WHERE type = 'settings_changed' ORDER BY id`,
    );
    expect(events.map((e) => JSON.parse(e.details).key)).toEqual(['codeValidityMinutes', 'resendIntervalSeconds']);
    expect(events[0].actor).toBe(ADMIN);

    const sent = await api.call('sendCode', { email: USER });
    expect(sent).toMatchObject({ ok: true, value: { codeExpiresAt: clock.now() + 5 * MINUTE } });
    clock.advance(45 * SECOND);
    expect(await api.call('sendCode', { email: USER })).toMatchObject({
      ok: false,
      error: { code: 'RESEND_TOO_SOON' },
    });
  });

  it('a COOLDOWN_ACTIVE refusal carries the time remaining through the API', async () => {
    await api.call('updatePolicy', {
      reason: 'Security review',
      actor: ADMIN,
      changes: { cooldownAfterFailures: 1, cooldownMinutes: 15 },
    });
    await api.call('sendCode', { email: USER });
    await api.call('checkCode', { email: USER, code: '00000000' });
    const refused = await api.call('sendCode', { email: USER });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'COOLDOWN_ACTIVE', details: { remainingMs: 15 * MINUTE } },
    });
  });
});

describe('policy settings through the engine directly', () => {
  it('are range-checked there too, so no caller can store a nonsense value', async () => {
    await expect(
      ctx.engine.updatePolicy({ reason: 'Security review', actor: ADMIN, changes: { lockAfterFailures: 1 } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('lockAfterFailures: must be a whole number from 2 to 100'),
    });
    expect((await ctx.engine.getPolicy()).values.lockAfterFailures).toBe(10);
  });
});

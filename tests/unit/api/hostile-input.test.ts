import { testDatabase } from '../../support/test-database';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import { fixtureOperator, type SignedIn } from '../../support/operators';

// Inputs that pass a loose schema and then crashed deep inside (500, "Invalid time value",
// "unterminated string"): each is now refused at the door with what was wrong and where.
let dir: string;
let ctx: AppContext;
let api: Api;
let ada: SignedIn;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-hostile-'));
  ctx = await openContext({ shell: 'web', dataDir: dir, dbPath: await testDatabase(), clock: new FakeClock() });
  api = createApi(ctx);
  ada = await fixtureOperator(api, ctx, { email: 'ada@example.com', name: 'Ada Admin', role: 'administrator' });
  await ada.call('addUser', {
    name: 'Cal Caller',
    email: 'cal@example.com',
    role: 'employee',
    phone: '+447111222444',
    reason: 'New starter',
  });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = async (method: string, input: unknown) => {
  const result = await ada.call(method, input);
  expect(result.ok, `${method} should be refused`).toBe(false);
  return (result as { error: { code: string; message: string } }).error;
};

describe('input that cannot be served is refused at the door', () => {
  it('a temporary 2FA disable beyond any date JavaScript holds, or beyond a year', async () => {
    const base = { email: 'cal@example.com', reason: 'Travelling abroad' };
    expect(await refusal('disableTwoFactor', { ...base, until: 8_640_000_000_000_001 })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('until'),
    });
    const far = await refusal('disableTwoFactor', { ...base, until: Date.parse('2030-01-01T00:00:00Z') });
    expect(far).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most 366 days') });
  });

  it('a NUL or other control character in a search, a filter, a name or a path, naming the field', async () => {
    for (const [method, input, field] of [
      ['listUsers', { search: '\u0000' }, 'search'],
      ['eventsQuery', { filters: { search: 'a\u0000b' } }, 'filters.search'],
      ['eventsQuery', { filters: { carrier: 'Vodafone\u0007' } }, 'filters.carrier'],
      [
        'addUser',
        {
          name: 'Nul\u0000l',
          email: 'nul@example.com',
          role: 'employee',
          reason: 'New starter',
        },
        'name',
      ],
      ['exportStart', { format: 'csv', path: join(dir, 'x\u0000.csv') }, 'path'],
    ] as const) {
      const error = await refusal(method, input);
      expect(error.code, method).toBe('INVALID_INPUT');
      expect(error.message, method).toContain(`${field}: must not contain control characters (found U+00`);
    }
    const users = await ada.call('listUsers', {});
    expect(users.ok && (users.value as { users: { name: string }[] }).users.map((u) => u.name)).not.toContain('Nul');
  });

  it('a chart range of centuries, with the limit named', async () => {
    const error = await refusal('trends', { from: '0001-01-01', to: '9999-12-31' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most 1096 days') });
    expect(await ada.call('trends', { from: '2026-01-01', to: '2026-12-01' })).toMatchObject({ ok: true });
  });

  it('an explorer range of centuries is only a wide filter: answered, or refused by name, never crashed', async () => {
    expect(await ada.call('eventsQuery', { filters: { from: '1970-01-01', to: '9999-12-31' } })).toMatchObject({
      ok: true,
    });
    expect(await refusal('eventsQuery', { filters: { from: '0001-01-01', to: '9999-12-31' } })).toMatchObject({
      code: 'INVALID_DATE',
      message: expect.stringContaining('from: "0001-01-01"'),
    });
  });

  it('an export to a folder is refused before anything is written, overwrite or not', async () => {
    const folder = join(dir, 'reports');
    mkdirSync(folder);
    for (const overwrite of [false, true]) {
      expect(await refusal('exportStart', { format: 'csv', path: folder, overwrite })).toMatchObject({
        code: 'EXPORT_PATH_IS_FOLDER',
      });
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('a reason that says nothing is refused for every audited change', async () => {
    for (const [method, input] of [
      ['updatePolicy', { changes: { cooldownMinutes: 30 } }],
      ['setFirmTwoFactor', { enabled: true, reason: '' }],
      ['setSimulatedFailure', { code: '500', reason: ' ' }],
      ['providerSettingsUpdate', { lookupEnabled: true }],
      ['addUser', { name: 'Eve', email: 'eve@example.com', role: 'employee' }],
      ['revealPhone', { email: 'cal@example.com' }],
    ] as const) {
      const error = await refusal(method, input);
      expect(error.code, method).toBe('INVALID_INPUT');
      expect(error.message, method).toMatch(/reason: /);
    }
  });

  it('every audited change records its reason beside the operator', async () => {
    expect(
      await ada.call('updatePolicy', {
        changes: { cooldownMinutes: 30 },
        reason: 'Security review 12',
      }),
    ).toMatchObject({ ok: true });
    expect(
      await ada.call('revealPhone', {
        email: 'cal@example.com',
        reason: 'Caller reads it back',
      }),
    ).toMatchObject({ ok: true });
    const rows = await ctx.db.query<{ type: string; actor: string; reason: string | null }>(
      `SELECT type, actor, reason FROM events WHERE type IN ('settings_changed', 'phone_revealed', 'user_added') ORDER BY id`,
    );
    expect(rows.every((row) => row.reason && row.reason.length >= 3)).toBe(true);
    expect(rows.map((row) => row.reason)).toEqual(['New starter', 'Security review 12', 'Caller reads it back']);
  });
});

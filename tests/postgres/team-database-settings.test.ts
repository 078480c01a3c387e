import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/main/api';
import { openContext, type AppContext } from '../../src/main/context';
import { FakeClock } from '../../src/main/core/clock';
import { addOperator, bootstrapAdmin, type SignedIn } from '../support/operators';
import { testDatabase } from '../support/test-database';

/**
 * Settings → Team database on a console that runs on its local file: test an address, save it
 * (the password to the secret store, never into the log or back to the window), and the next start
 * opens the team database.
 */
let dir: string;
let ctx: AppContext;
let api: Api;
let ada: SignedIn;
let team: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-team-settings-'));
  team = await testDatabase();
  ctx = await openContext({
    shell: 'web',
    dataDir: dir,
    clock: new FakeClock(Date.UTC(2026, 11, 3, 9)),
  });
  api = createApi(ctx);
  ada = await bootstrapAdmin(api, ctx);
});
afterEach(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const password = () => decodeURIComponent(new URL(team).password);
const withoutPassword = () => team.replace(/:[^:@/]+@/, '@');
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

describe('Settings → Team database', () => {
  it('tests an address with the password typed apart, and says what it found', async () => {
    const test = await ada.value<{ server: string; schema: string; users: number | null }>('teamDatabaseTest', {
      url: withoutPassword(),
      password: password(),
    });
    expect(test.server).toMatch(/^PostgreSQL \d+/);
    expect(test.schema).toBe('current');
    expect(test.users).toBe(0);
  });

  it('a wrong password, a missing database or a bad address is refused with its code and without the password', async () => {
    const wrong = await ada.call('teamDatabaseTest', { url: withoutPassword(), password: 'not-the-password' });
    expect(codeOf(wrong)).toBe('DATABASE_AUTH_FAILED');
    expect(JSON.stringify(wrong)).not.toContain('not-the-password');
    const missing = await ada.call('teamDatabaseTest', {
      url: withoutPassword().replace(/\/[^/]+$/, '/no_such_db'),
      password: password(),
    });
    expect(codeOf(missing)).toBe('DATABASE_MISSING');
    const bad = await ada.call('teamDatabaseTest', { url: 'mysql://db.example.org/x' });
    expect(codeOf(bad)).toBe('DATABASE_URL_INVALID');
  });

  it('saves it for the next start: audited without the password, which goes to the secrets and never back', async () => {
    const saved = await ada.value<{
      saved: string;
      savedHasPassword: boolean;
      restartNeeded: boolean;
      active: { kind: string };
    }>('teamDatabaseSave', {
      url: withoutPassword(),
      password: password(),
      reason: 'The helpdesk moves onto the team database',
    });
    expect(saved).toMatchObject({ savedHasPassword: true, restartNeeded: true, active: { kind: 'sqlite' } });
    expect(saved.saved).toContain(':***@');
    const [event] = await ctx.db.query<{ actor: string; reason: string; message: string; details: string }>(
      `SELECT actor, reason, message, details FROM events WHERE type = 'settings_changed' ORDER BY id DESC LIMIT 1`,
    );
    expect(event.actor).toBe('ada@example.com');
    expect(event.message).toContain('team database');
    expect(JSON.stringify(event)).not.toContain(password());
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(password());
    expect(JSON.stringify(await ada.value('teamDatabaseGet'))).not.toContain(password());

    // The next start opens the team database: the same data directory, no --db.
    const next = await openContext({ shell: 'web', dataDir: dir });
    try {
      expect(next.database).toMatchObject({ kind: 'postgres', source: 'settings' });
      const [row] = await next.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM users');
      expect(Number(row.n)).toBe(0);
    } finally {
      await next.close();
    }
  });

  it('a secret store that cannot write saves nothing and records nothing', async () => {
    // The store writes through <file>.<pid>.tmp: a folder in its place makes every write fail.
    mkdirSync(join(dir, `secrets.json.${process.pid}.tmp`));
    const refused = await ada.call('teamDatabaseSave', {
      url: withoutPassword(),
      password: password(),
      reason: 'The helpdesk moves onto the team database',
    });
    expect(codeOf(refused)).toBe('SECRETS_NOT_SAVED');
    expect((await ada.value<{ saved: string | null }>('teamDatabaseGet')).saved).toBeNull();
    const changes = await ctx.db.query(`SELECT id FROM events WHERE type = 'settings_changed'`);
    expect(changes).toHaveLength(0);
  });

  it('a saved password goes only to the address it was saved for', async () => {
    await ada.value('teamDatabaseSave', { url: withoutPassword(), password: password(), reason: 'Team database' });
    // Same address, no password typed: the saved one is used.
    expect(codeOf(await ada.call('teamDatabaseTest', { url: withoutPassword() }))).toBe('OK');
    // Another database name on the same server, no password typed: nothing is sent with it.
    const other = withoutPassword().replace(/\/[^/]+$/, '/postgres');
    expect(codeOf(await ada.call('teamDatabaseTest', { url: other }))).toBe('DATABASE_AUTH_FAILED');
  });

  it('only an administrator may test or change it, and an unreachable address is never saved', async () => {
    const tech = await addOperator(api, ctx, ada, {
      name: 'Tess Tech',
      email: 'tess@example.com',
      phone: '+447111222999',
      role: 'technician',
    });
    expect(codeOf(await tech.call('teamDatabaseTest', { url: withoutPassword(), password: password() }))).toBe(
      'NOT_ADMIN',
    );
    expect(
      codeOf(await tech.call('teamDatabaseSave', { url: withoutPassword(), password: password(), reason: 'Try it' })),
    ).toBe('NOT_ADMIN');
    const unreachable = await ada.call('teamDatabaseSave', {
      url: 'postgres://helpdesk@127.0.0.1:1/mfa_console',
      password: 'pw',
      reason: 'Team database',
    });
    expect(codeOf(unreachable)).toBe('DATABASE_UNREACHABLE');
    expect((await ada.value<{ saved: string | null }>('teamDatabaseGet')).saved).toBeNull();
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCommandLineDatabase,
  checkTeamDatabaseUrl,
  locateDatabase,
  TEAM_DATABASE_SECRET,
} from '../../../src/main/db/location';
import type { SecretStore } from '../../../src/main/secrets';

const store = (values: Record<string, string> = {}): SecretStore => ({
  kind: 'file',
  get: async (name) => values[name] ?? null,
  setMany: async () => undefined,
});
const TEAM = 'postgres://helpdesk:s3cret-pw@db.example.org:5432/mfa_console';

async function codeOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'OK';
}

describe('which database a shell opens', () => {
  it('the data directory’s SQLite file when nothing names a team database', async () => {
    const location = await locateDatabase({ dataDir: '/data', env: {}, secrets: store() });
    expect(location).toEqual({
      target: join('/data', 'mfa-console.sqlite'),
      kind: 'sqlite',
      display: join('/data', 'mfa-console.sqlite'),
      source: 'default',
    });
  });

  it('MFA_CONSOLE_DATABASE_URL wins over Settings, and the password is never in what is shown', async () => {
    const location = await locateDatabase({
      dataDir: '/data',
      env: { MFA_CONSOLE_DATABASE_URL: ` ${TEAM} ` },
      secrets: store({ [TEAM_DATABASE_SECRET]: 'postgres://other@elsewhere/db' }),
    });
    expect(location.target).toBe(TEAM);
    expect(location.source).toBe('environment');
    expect(location.kind).toBe('postgres');
    expect(location.display).toBe('postgres://helpdesk:***@db.example.org:5432/mfa_console');
  });

  it('the team database saved in Settings when the environment names none; an explicit one wins over both', async () => {
    const secrets = store({ [TEAM_DATABASE_SECRET]: TEAM });
    expect((await locateDatabase({ dataDir: '/data', env: {}, secrets })).source).toBe('settings');
    const explicit = await locateDatabase({
      dbPath: '/tmp/x.sqlite',
      dataDir: '/data',
      env: { MFA_CONSOLE_DATABASE_URL: TEAM },
      secrets,
    });
    expect(explicit).toMatchObject({ target: '/tmp/x.sqlite', kind: 'sqlite', source: 'option' });
  });

  it('a wrong address says which part is wrong, and never repeats the password', async () => {
    const cases: [string, RegExp][] = [
      ['mysql://u:pw@host/db', /starts with postgres:\/\//],
      ['postgres://u:s3cret-pw@/db', /cannot be read/],
      ['postgres:///db', /no host/],
      ['postgres://u:s3cret-pw@host', /names no database/],
      ['postgres://u:s3cret-pw@host:99999/db', /cannot be read|port/],
    ];
    for (const [url, message] of cases) {
      let thrown: { code: string; message: string } | null = null;
      try {
        checkTeamDatabaseUrl(url, 'MFA_CONSOLE_DATABASE_URL');
      } catch (error) {
        thrown = error as { code: string; message: string };
      }
      expect(thrown?.code, url).toBe('DATABASE_URL_INVALID');
      expect(thrown?.message).toMatch(/^MFA_CONSOLE_DATABASE_URL: /);
      expect(thrown?.message).toMatch(message);
      expect(thrown?.message).not.toContain('s3cret-pw');
    }
    expect(
      await codeOf(() =>
        locateDatabase({ dataDir: '/d', env: { MFA_CONSOLE_DATABASE_URL: 'db.example.org' }, secrets: store() }),
      ),
    ).toBe('DATABASE_URL_INVALID');
  });

  it('--db takes a file or a team database without a password; a password on a command line is refused', async () => {
    expect(checkCommandLineDatabase(undefined)).toBeUndefined();
    expect(checkCommandLineDatabase('./console.sqlite')).toBe('./console.sqlite');
    expect(checkCommandLineDatabase('postgres://helpdesk@db.example.org/mfa_console')).toBe(
      'postgres://helpdesk@db.example.org/mfa_console',
    );
    expect(await codeOf(() => checkCommandLineDatabase(TEAM))).toBe('DATABASE_URL_HAS_PASSWORD');
    // libpq and pg also read a password from the query string, and it wins: refused and hidden too.
    const inQuery = 'postgres://helpdesk@db.example.org/mfa_console?password=s3cret-pw&sslmode=require';
    expect(await codeOf(() => checkCommandLineDatabase(inQuery))).toBe('DATABASE_URL_HAS_PASSWORD');
    const shown = await locateDatabase({ dataDir: '/d', env: { MFA_CONSOLE_DATABASE_URL: inQuery }, secrets: store() });
    expect(shown.display).not.toContain('s3cret-pw');
    expect(shown.display).toContain('sslmode=require');
  });
});

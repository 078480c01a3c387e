import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/run-cli';
import { cliSignIn } from '../../support/cli-sign-in';

const dir = mkdtempSync(join(tmpdir(), 'mfa-safer-cli-'));
const db = join(dir, 'console.sqlite');
const ADA = { name: 'Ada Admin', email: 'ada@example.com', phone: '+447400123001' };
const ANOTHER_WAY = 'manager callback on the number in HR records';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => cli([...args, '--db', db]);
const json = async <T = Record<string, unknown>>(...args: string[]) =>
  (await cli([...args, '--db', db, '--json'])).json<{ ok: boolean; value: T; error: { code: string } }>();

/** Ada verifies the caller from her terminal: the code to the user's phone, read back. */
async function verifyCaller(email: string) {
  expect((await run('verify', 'caller-send', email)).code).toBe(0);
  const { messages } = (await json<{ messages: { body: string }[] }>('outbox', email)).value;
  const code = /(?:code is|Code:) (\d+)/.exec(messages[0].body)?.[1] ?? '';
  expect((await run('verify', 'caller-check', email, code)).code).toBe(0);
}

beforeAll(async () => {
  await cliSignIn(db, ADA, { bootstrap: true, dataDir: join(dir, 'ada') });
  for (const [name, email, phone] of [
    ['Cal Caller', 'cal@example.com', '+447111222444'],
    ['Dee Desk', 'dee@example.com', '+447111222555'],
  ]) {
    await run(
      'users',
      'add',
      '--reason',
      'New starter',
      '--name',
      name,
      '--email',
      email,
      '--role',
      'employee',
      '--phone',
      phone,
    );
  }
});

describe('mfa-console bulk, audit, change-phone, temporary-access', () => {
  it('bulk previews without --yes, runs with it, skipping the operator; audit prints and writes the CSV', async () => {
    for (const email of ['cal@example.com', 'dee@example.com']) {
      expect((await run('user', email, 'lock', '--reason', 'Outage lock')).code).toBe(0);
    }
    const preview = await run('bulk', 'unlock', '--emails', 'cal@example.com,dee@example.com,ada@example.com');
    expect(preview.stdout).toContain('2 users would change');
    expect(preview.stdout).toMatch(/ada@example\.com\s+your own account/);
    expect(
      (await json<{ users: { state: string }[] }>('users', 'list', '--status', 'locked')).value.users,
    ).toHaveLength(2);

    const noReason = await json('bulk', 'unlock', '--status', 'locked', '--yes');
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const done = await json<{ done: unknown[] }>(
      'bulk',
      'unlock',
      '--status',
      'locked',
      '--yes',
      '--reason',
      'Outage over',
      '--verified-another-way',
      ANOTHER_WAY,
    );
    expect(done.value.done).toHaveLength(2);

    const audit = await run('audit', '--action', 'admin_unlock');
    expect(audit.stdout).toContain('2 actions');
    expect(audit.stdout).toContain('Outage over');
    const file = join(dir, 'audit.csv');
    expect((await run('audit', '--action', 'admin_unlock', '--target', 'dee', '--csv', file)).stdout).toContain(
      '1 row written',
    );
    expect(readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('change-phone then confirm-phone with the code the new number got; temporary access refused in the cool-off', async () => {
    await verifyCaller('cal@example.com');
    const started = await run('change-phone', 'cal@example.com', '+447111999888', '--reason', 'New phone');
    expect(started.stdout).toContain('ask the caller to read it back');
    const { messages } = (await json<{ messages: { body: string }[] }>('outbox', 'cal@example.com')).value;
    // The registered (old) number has had no code; read the new number's from the database the outbox is in.
    expect(messages.every((m) => !m.body.includes('changing your sign-in number'))).toBe(true);
    const { Database } = await import('sqlite3');
    const code = await new Promise<string>((resolve) => {
      const c = new Database(db);
      c.get(
        `SELECT body FROM simulated_outbox WHERE phone = '+447111999888' ORDER BY id DESC`,
        (_e, row: { body: string }) => {
          c.close();
          resolve(/(\d{6})/.exec(row.body)?.[1] ?? '');
        },
      );
    });
    const confirmed = await run('confirm-phone', 'cal@example.com', code, '--reason', 'New phone');
    expect(confirmed.stdout).toContain("Cal Caller's phone is now +44••••••••88");
    expect(confirmed.stdout).toContain('was texted that the number changed');
    // Ada's check went to the old number, so it is void; she verified Cal another way.
    const refused = await json(
      'temporary-access',
      'issue',
      'cal@example.com',
      '--reason',
      'Lost phone',
      '--verified-another-way',
      ANOTHER_WAY,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'PHONE_COOL_OFF' } });
    await verifyCaller('dee@example.com');
    const issued = await run(
      'temporary-access',
      'issue',
      'dee@example.com',
      '--reason',
      'Lost phone',
      '--minutes',
      '30',
    );
    expect(issued.stdout).toMatch(/Code: [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/);
  });
});

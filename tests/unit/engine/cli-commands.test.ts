import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/run-cli';
import { cliSignIn } from '../../support/cli-sign-in';

const dir = mkdtempSync(join(tmpdir(), 'mfa-engine-cli-'));
const db = join(dir, 'console.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One terminal (data directory, with its session file) per person: Ada and Tim sign in to theirs;
// the user's own sign-in steps run in a terminal no operator is signed in to.
const terminals = {
  'ada@example.com': join(dir, 'ada'),
  'tim@example.com': join(dir, 'tim'),
  'grace@example.com': join(dir, 'grace'),
  user: join(dir, 'user'),
};
const USER_STEPS = [
  ['verify', 'send'],
  ['verify', 'check'],
  ['verify', 'backup'],
  ['verify', 'not-my-number'],
  ['backup-codes', 'generate'],
];
const ADA = { name: 'Ada Admin', email: 'ada@example.com' as const, phone: '+447400123001' };

const LOCKED = 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.';

interface Envelope<T = Record<string, unknown>> {
  ok: boolean;
  value: T;
  error: { code: string; message: string };
}

/**
 * Runs a command against the test database with --json in the terminal of the operator `--actor`
 * names (the option itself is gone: the CLI acts as whoever logged in there), Ada's otherwise, and
 * the user's own steps in the user's terminal.
 */
async function run<T = Record<string, unknown>>(...raw: string[]): Promise<{ code: number; body: Envelope<T> }> {
  const at = raw.indexOf('--actor');
  const actor = at >= 0 ? raw[at + 1] : null;
  const args = at >= 0 ? [...raw.slice(0, at), ...raw.slice(at + 2)] : raw;
  const userStep = USER_STEPS.some(([a, b]) => args[0] === a && args[1] === b);
  const terminal = terminals[(actor ?? (userStep ? 'user' : ADA.email)) as keyof typeof terminals];
  if (!terminal) throw new Error(`no terminal for ${actor}`);
  process.env.MFA_CONSOLE_DATA_DIR = terminal;
  const result = await cli([...args, '--db', db, '--json']);
  return { code: result.code, body: result.json<Envelope<T>>() };
}

async function latestCode(email: string): Promise<string> {
  const { body } = await run<{ messages: { body: string }[] }>('outbox', email);
  return /(?:code is|Code:) (\d+)/.exec(body.value.messages[0].body)?.[1] as string;
}

/** The operator verifies the caller from their terminal: the code to the user's phone, read back. */
async function verifyCaller(actor: string, email: string) {
  const sent = await run('verify', 'caller-send', email, '--actor', actor);
  expect(sent.code).toBe(0);
  const checked = await run('verify', 'caller-check', email, await latestCode(email), '--actor', actor);
  expect(checked.code).toBe(0);
}

beforeAll(async () => {
  await cliSignIn(db, ADA, { bootstrap: true, dataDir: terminals[ADA.email] });
  const tim = await run<{ temporaryPassword: string }>(
    'users',
    'add',
    '--reason',
    'Joins the helpdesk',
    '--name',
    'Tim Tech',
    '--email',
    'tim@example.com',
    '--role',
    'technician',
    '--phone',
    '+447400123002',
  );
  expect(tim.code).toBe(0);
  // No waiting between sign-ins in a test (the command line runs on the real clock).
  expect((await run('policy', 'set', 'resendIntervalSeconds=0', '--reason', 'Fast tests')).code).toBe(0);
  await cliSignIn(
    db,
    { name: 'Tim Tech', email: 'tim@example.com', phone: '+447400123002' },
    { password: tim.body.value.temporaryPassword, dataDir: terminals['tim@example.com'] },
  );
});

describe('mfa-console users, user, verify, backup-codes, outbox, policy', () => {
  it('users add normalises the phone and refuses a bad one with INVALID_PHONE and a non-zero exit', async () => {
    const added = await run<{ user: { email: string; twoFactor: string; phoneMasked: string } }>(
      'users',
      'add',
      '--reason',
      'New starter',
      '--name',
      'Uma User',
      '--email',
      'uma@example.com',
      '--role',
      'employee',
      '--phone',
      '07111 222333',
      '--country',
      'GB',
    );
    expect(added.code).toBe(0);
    expect(added.body).toMatchObject({
      ok: true,
      value: { user: { twoFactor: 'enabled', phoneMasked: '+44••••••••33' } },
    });

    const bad = await run(
      'users',
      'add',
      '--reason',
      'New starter',
      '--name',
      'Bad',
      '--email',
      'bad@example.com',
      '--role',
      'employee',
      '--phone',
      '+44 7111 222333 x12',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_PHONE' } });
    expect(bad.body.error.message).toContain('extension');

    const badRole = await run(
      'users',
      'add',
      '--reason',
      'New starter',
      '--name',
      'R',
      '--email',
      'r@example.com',
      '--role',
      'boss',
    );
    expect(badRole).toMatchObject({ code: 1, body: { ok: false, error: { code: 'INVALID_INPUT' } } });
  });

  it('verify send / check: a wrong code is WRONG_CODE with exit 1, the right one signs in', async () => {
    const sent = await run('verify', 'send', 'uma@example.com');
    expect(sent).toMatchObject({ code: 0, body: { ok: true, value: { outcome: 'code_sent' } } });
    const code = await latestCode('uma@example.com');
    const wrong = await run('verify', 'check', 'uma@example.com', code === '000000' ? '111111' : '000000');
    expect(wrong).toMatchObject({ code: 1, body: { ok: false, error: { code: 'WRONG_CODE' } } });
    const right = await run('verify', 'check', 'uma@example.com', code);
    expect(right).toMatchObject({ code: 0, body: { ok: true, value: { outcome: 'signed_in', method: 'sms_code' } } });
  });

  it('backup-codes generate prints 10 codes once, in the verified sign-in; verify backup uses one once', async () => {
    // Never for whoever knows the email: only within the sign-in that verified the user.
    const unnamed = await cli(['backup-codes', 'generate', 'uma@example.com', '--db', db]);
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.stderr).toContain('--session');
    await run('verify', 'send', 'uma@example.com');
    const signedIn = await run<{ sessionId: string }>(
      'verify',
      'check',
      'uma@example.com',
      await latestCode('uma@example.com'),
    );
    const generated = await run<{ codes: string[] }>(
      'backup-codes',
      'generate',
      'uma@example.com',
      '--session',
      signedIn.body.value.sessionId,
    );
    expect(generated.code).toBe(0);
    expect(generated.body.value.codes).toHaveLength(10);
    const first = await run('verify', 'backup', 'uma@example.com', generated.body.value.codes[0]);
    expect(first).toMatchObject({ code: 0, body: { value: { backupCodesRemaining: 9 } } });
    const again = await run('verify', 'backup', 'uma@example.com', generated.body.value.codes[0]);
    expect(again).toMatchObject({ code: 1, body: { ok: false, error: { code: 'BACKUP_CODE_USED' } } });
  });

  it("user E lock: the user is listed as locked, shown with the explainer, and refused with the documents' message", async () => {
    const locked = await run(
      'user',
      'uma@example.com',
      'lock',
      '--actor',
      'tim@example.com',
      '--reason',
      'Phone stolen',
    );
    expect(locked).toMatchObject({ code: 0, body: { ok: true, value: { user: { state: 'locked' } } } });
    const list = await run<{ users: { email: string }[] }>('users', 'list', '--status', 'locked');
    expect(list.body.value.users.map((u) => u.email)).toEqual(['uma@example.com']);
    const refused = await run('verify', 'send', 'uma@example.com');
    expect(refused).toMatchObject({ code: 1, body: { ok: false, error: { code: 'ACCOUNT_LOCKED', message: LOCKED } } });

    process.env.MFA_CONSOLE_DATA_DIR = terminals['tim@example.com'];
    const human = await cli(['users', 'show', 'uma@example.com', '--db', db]);
    expect(human.code).toBe(0);
    // An operator's lock says who locked it and why, not "repeated failed attempts".
    expect(human.stdout).toMatch(
      /Status: Locked by tim@example\.com at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, reason: "Phone stolen"\./,
    );
    expect(human.stdout).toContain(`The user sees: "${LOCKED}"`);
    expect(human.stdout).toMatch(/unlock +.*can sign in again/);

    const unverified = await run(
      'user',
      'uma@example.com',
      'unlock',
      '--actor',
      'tim@example.com',
      '--reason',
      'Asked',
    );
    expect(unverified).toMatchObject({ code: 1, body: { error: { code: 'CALLER_CHECK_REQUIRED' } } });
    await verifyCaller('tim@example.com', 'uma@example.com');
    const unlocked = await run(
      'user',
      'uma@example.com',
      'unlock',
      '--actor',
      'tim@example.com',
      '--reason',
      'Verified',
    );
    expect(unlocked).toMatchObject({ code: 0, body: { value: { user: { state: 'code_required' } } } });
  });

  it('user E disable-2fa: administrators only; --until must be a date', async () => {
    const byTech = await run(
      'user',
      'uma@example.com',
      'disable-2fa',
      '--actor',
      'tim@example.com',
      '--reason',
      'Testing',
    );
    expect(byTech).toMatchObject({ code: 1, body: { error: { code: 'NOT_ADMIN' } } });
    const badDate = await run(
      'user',
      'uma@example.com',
      'disable-2fa',
      '--until',
      'tomorrow',
      '--actor',
      'ada@example.com',
      '--reason',
      'Testing',
    );
    expect(badDate).toMatchObject({ code: 1, body: { error: { code: 'INVALID_INPUT' } } });
    await verifyCaller('ada@example.com', 'uma@example.com');
    // A week from now (the command line runs on the real clock): a temporary disable lasts at most a year.
    const until = new Date(Math.ceil(Date.now() / 1000) * 1000 + 7 * 86_400_000).toISOString();
    const ok = await run<{ user: { twoFactor: string; twoFactorDisabledUntil: number } }>(
      'user',
      'uma@example.com',
      'disable-2fa',
      '--until',
      until,
      '--actor',
      'ada@example.com',
      '--reason',
      'Travelling',
    );
    expect(ok.code).toBe(0);
    expect(ok.body.value.user).toMatchObject({
      twoFactor: 'disabled_until',
      twoFactorDisabledUntil: Date.parse(until),
    });
    expect(
      (await run('user', 'uma@example.com', 'enable-2fa', '--actor', 'tim@example.com', '--reason', 'Back')).body.error
        .code,
    ).toBe('NOT_ADMIN');
    expect(
      (await run('user', 'uma@example.com', 'enable-2fa', '--actor', 'ada@example.com', '--reason', 'Back')).code,
    ).toBe(0);
  });

  it('user E set-phone refuses letters; an unknown action is INVALID_INPUT', async () => {
    const letters = await run(
      'user',
      'uma@example.com',
      'set-phone',
      '+44 7111 ABC333',
      '--actor',
      'tim@example.com',
      '--reason',
      'Testing',
    );
    expect(letters).toMatchObject({ code: 1, body: { error: { code: 'INVALID_PHONE' } } });
    const unknown = await run(
      'user',
      'uma@example.com',
      'explode',
      '--actor',
      'tim@example.com',
      '--reason',
      'Testing',
    );
    expect(unknown).toMatchObject({ code: 1, body: { error: { code: 'INVALID_INPUT' } } });
  });

  it('verify not-my-number flags the user for the helpdesk', async () => {
    const email = 'nia@example.com';
    await run(
      'users',
      'add',
      '--reason',
      'New starter',
      '--name',
      'Nia New',
      '--email',
      email,
      '--role',
      'employee',
      '--phone',
      '+447400123009',
    );
    expect((await run('verify', 'send', email)).code).toBe(0);
    const reported = await run('verify', 'not-my-number', email);
    expect(reported).toMatchObject({
      code: 0,
      body: { value: { message: 'Please contact your administrator for assistance.' } },
    });
    const list = await run<{ users: { email: string }[] }>('users', 'list', '--status', 'not-my-number');
    expect(list.body.value.users.map((u) => u.email)).toEqual([email]);
    const refused = await run('verify', 'send', email);
    expect(refused).toMatchObject({ code: 1, body: { error: { code: 'NUMBER_REPORTED' } } });
  });

  it('policy enable-2fa needs two active administrators', async () => {
    const refused = await run('policy', 'enable-2fa', '--reason', 'Firm security policy', '--actor', 'ada@example.com');
    expect(refused).toMatchObject({ code: 1, body: { ok: false, error: { code: 'NEEDS_TWO_ADMINS' } } });
    const grace = await run<{ temporaryPassword: string }>(
      'users',
      'add',
      '--reason',
      'Second administrator',
      '--name',
      'Grace Admin',
      '--email',
      'grace@example.com',
      '--role',
      'administrator',
      '--phone',
      '+447400123005',
    );
    await cliSignIn(
      db,
      { name: 'Grace Admin', email: 'grace@example.com', phone: '+447400123005' },
      { password: grace.body.value.temporaryPassword, dataDir: terminals['grace@example.com'] },
    );
    const enabled = await run('policy', 'enable-2fa', '--reason', 'Firm security policy', '--actor', 'ada@example.com');
    expect(enabled).toMatchObject({ code: 0, body: { value: { enabled: true, activeAdministrators: 2 } } });
    // Turning it off is a two-person action: Grace files it, Ada approves it from her terminal.
    const filed = await run<{ enabled: boolean; request: { id: number } }>(
      'policy',
      'disable-2fa',
      '--reason',
      'Firm security policy',
      '--actor',
      'grace@example.com',
    );
    expect(filed).toMatchObject({ code: 0, body: { value: { enabled: true, request: { status: 'pending' } } } });
    const id = String(filed.body.value.request.id);
    const own = await run('approvals', 'approve', id, '--reason', 'Mine', '--actor', 'grace@example.com');
    expect(own).toMatchObject({ code: 1, body: { error: { code: 'NOT_APPROVER' } } });
    const listed = await run<{ pending: number }>('approvals', 'list', '--actor', 'ada@example.com');
    expect(listed.body.value.pending).toBe(1);
    const approved = await run('approvals', 'approve', id, '--reason', 'Agreed', '--actor', 'ada@example.com');
    expect(approved).toMatchObject({
      code: 0,
      body: { value: { request: { status: 'executed', decidedBy: 'ada@example.com' } } },
    });
    expect((await run<{ firm: { enabled: boolean } }>('policy', 'show')).body.value.firm.enabled).toBe(false);
    const again = await run('approvals', 'reject', id, '--reason', 'Too late', '--actor', 'ada@example.com');
    expect(again).toMatchObject({ code: 1, body: { error: { code: 'REQUEST_CLOSED' } } });
  });
});

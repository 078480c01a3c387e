import { afterEach, describe, expect, it } from 'vitest';
import { USER, lastCode, openEngine, outcome, withStaff, wrongCode, type Harness } from './helpers';

const opened: Harness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

async function userInSignIn(): Promise<{ h: Harness; wrong: string }> {
  const h = await openEngine();
  opened.push(h);
  await withStaff(h);
  await h.engine.sendCode({ email: USER });
  return { h, wrong: wrongCode(await lastCode(h)) };
}

/** What a user and the helpdesk can observe after the checks: counters, state, the log. */
async function observable(h: Harness) {
  const [user] = await h.db.query(
    'SELECT failed_checks, consecutive_failures, cooldown_until, locked_at FROM users WHERE email = ?',
    [USER],
  );
  const events = await h.db.query<{ type: string; n: number }>(
    'SELECT type, COUNT(*) AS n FROM events WHERE user_email = ? GROUP BY type ORDER BY type',
    [USER],
  );
  const attempts = await h.db.query(
    'SELECT kind, outcome, COUNT(*) AS n FROM verification_attempts GROUP BY 1, 2 ORDER BY 1, 2',
  );
  return { user, events, attempts };
}

describe('checks at the same moment', () => {
  it('20 wrong codes sent at once end exactly like 20 in a row', async () => {
    const serial = await userInSignIn();
    const inRow: string[] = [];
    for (let i = 0; i < 20; i++)
      inRow.push(await outcome(serial.h.engine.checkCode({ email: USER, code: serial.wrong })));

    const parallel = await userInSignIn();
    const atOnce = await Promise.all(
      Array.from({ length: 20 }, () => outcome(parallel.h.engine.checkCode({ email: USER, code: parallel.wrong }))),
    );

    expect(inRow).toEqual([...Array(4).fill('WRONG_CODE'), ...Array(16).fill('COOLDOWN_ACTIVE')]);
    expect([...atOnce].sort()).toEqual([...inRow].sort());
    expect(await observable(parallel.h)).toEqual(await observable(serial.h));
    expect((await observable(parallel.h)).user).toMatchObject({ failed_checks: 0, consecutive_failures: 5 });
  });

  it('a backup code submitted twice at once signs in once', async () => {
    const { h } = await userInSignIn();
    await h.engine.checkCode({ email: USER, code: await lastCode(h) });
    const { codes } = await h.engine.generateBackupCodes({ email: USER });
    const results = await Promise.all([
      outcome(h.engine.useBackupCode({ email: USER, code: codes[0] })),
      outcome(h.engine.useBackupCode({ email: USER, code: codes[0] })),
    ]);
    expect([...results].sort()).toEqual(['BACKUP_CODE_USED', 'OK']);
    const [row] = await h.db.query<{ used: number }>(
      'SELECT COUNT(*) AS used FROM backup_codes WHERE used_at IS NOT NULL',
    );
    expect(row.used).toBe(1);
    expect((await h.engine.getUser({ email: USER })).backupCodes.remaining).toBe(9);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { USER, lastCode, openEngine, outcome, withStaff, wrongCode, type Harness } from '../unit/engine/helpers';

// Two consoles on one team database: two engines, each with its own connection pool, so their
// transactions really run at the same time on the server (on SQLite one process serialises them).
const opened: Harness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

let teams = 0;
async function twoConsoles(): Promise<[Harness, Harness]> {
  const name = `team-${++teams}`;
  const a = await openEngine(name);
  const b = await openEngine(name);
  opened.push(a, b);
  await withStaff(a);
  return [a, b];
}

describe('two consoles on one PostgreSQL database', () => {
  it('20 wrong codes from two consoles at once count at most 5, then the cooldown', async () => {
    const [a, b] = await twoConsoles();
    await a.engine.sendCode({ email: USER });
    const wrong = wrongCode(await lastCode(a));
    const atOnce = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcome((i % 2 ? a : b).engine.checkCode({ email: USER, code: wrong }))),
    );
    expect([...atOnce].sort()).toEqual([...Array(16).fill('COOLDOWN_ACTIVE'), ...Array(4).fill('WRONG_CODE')]);
    const [user] = await b.db.query<{ failed_checks: number; consecutive_failures: number; cooldown_until: number }>(
      'SELECT failed_checks, consecutive_failures, cooldown_until FROM users WHERE email = ?',
      [USER],
    );
    expect(user).toMatchObject({ failed_checks: 0, consecutive_failures: 5 });
    expect(user.cooldown_until).toBeGreaterThan(a.clock.now());
    const [started] = await a.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE user_email = ? AND type = 'cooldown_activated'`,
      [USER],
    );
    expect(started.n).toBe(1);
  });

  it('one backup code submitted from both consoles at once signs in once', async () => {
    const [a, b] = await twoConsoles();
    await a.engine.sendCode({ email: USER });
    await a.engine.checkCode({ email: USER, code: await lastCode(a) });
    const { codes } = await a.engine.generateBackupCodes({ email: USER });
    const results = await Promise.all([
      outcome(a.engine.useBackupCode({ email: USER, code: codes[0] })),
      outcome(b.engine.useBackupCode({ email: USER, code: codes[0] })),
    ]);
    expect([...results].sort()).toEqual(['BACKUP_CODE_USED', 'OK']);
    expect((await b.engine.getUser({ email: USER })).backupCodes.remaining).toBe(9);
  });
});

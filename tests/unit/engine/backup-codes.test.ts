import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE, USER, eventTypes, lastCode, openEngine, refusalOf, userRow, withStaff, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

async function signIn() {
  await h.engine.sendCode({ email: USER });
  return h.engine.checkCode({ email: USER, code: await lastCode(h) });
}

describe('backup codes', () => {
  it('are generated only within a verified sign-in', async () => {
    expect((await refusalOf(h.engine.generateBackupCodes({ email: USER }))).code).toBe('VERIFIED_SESSION_REQUIRED');
    await signIn();
    h.clock.advance(11 * MINUTE);
    expect((await refusalOf(h.engine.generateBackupCodes({ email: USER }))).code).toBe('VERIFIED_SESSION_REQUIRED');
  });

  it('named by session, come only within that verified sign-in', async () => {
    const signedIn = await signIn();
    expect((await refusalOf(h.engine.generateBackupCodes({ email: USER, sessionId: 'not-the-session' }))).code).toBe(
      'VERIFIED_SESSION_REQUIRED',
    );
    const { codes } = await h.engine.generateBackupCodes({ email: USER, sessionId: signedIn.sessionId ?? '' });
    expect(codes).toHaveLength(10);
  });

  it('come as 10 distinct codes, shown once, stored hashed, counted for the helpdesk', async () => {
    await signIn();
    const { codes } = await h.engine.generateBackupCodes({ email: USER });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^\d{15}$/);
    const stored = await h.db.query<{ code_hash: string; position: number }>(
      'SELECT code_hash, position FROM backup_codes ORDER BY position',
    );
    expect(stored.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const row of stored) {
      expect(row.code_hash).toMatch(/^scrypt\$/);
      for (const code of codes) expect(row.code_hash).not.toContain(code);
    }
    const view = await h.engine.getUser({ email: USER });
    expect(view.backupCodes).toMatchObject({ remaining: 10, total: 10 });
    expect(JSON.stringify(view)).not.toContain(codes[0]);
  });

  it('sign in once each, and a used code counts as a failed check', async () => {
    await signIn();
    const { codes } = await h.engine.generateBackupCodes({ email: USER });
    const first = await h.engine.useBackupCode({ email: USER, code: codes[3] });
    expect(first).toMatchObject({ outcome: 'signed_in', method: 'backup_code', backupCodesRemaining: 9 });
    const again = await refusalOf(h.engine.useBackupCode({ email: USER, code: codes[3] }));
    expect(again.code).toBe('BACKUP_CODE_USED');
    expect((await userRow(h)).failed_checks).toBe(1);
    expect((await refusalOf(h.engine.useBackupCode({ email: USER, code: '123456789012345' }))).code).toBe('WRONG_CODE');
    expect(await eventTypes(h)).toContain('backup_code_used');
  });

  it('a new set voids the old one', async () => {
    await signIn();
    const old = await h.engine.generateBackupCodes({ email: USER });
    const fresh = await h.engine.generateBackupCodes({ email: USER });
    expect((await refusalOf(h.engine.useBackupCode({ email: USER, code: old.codes[0] }))).code).toBe('WRONG_CODE');
    await expect(h.engine.useBackupCode({ email: USER, code: fresh.codes[0] })).resolves.toMatchObject({
      backupCodesRemaining: 9,
    });
    expect((await h.engine.getUser({ email: USER })).backupCodes).toMatchObject({ remaining: 9, total: 10 });
  });

  it('a backup code completes the pending sign-in, so new codes can then be generated', async () => {
    await signIn();
    const { codes } = await h.engine.generateBackupCodes({ email: USER });
    h.clock.advance(60 * MINUTE);
    await h.engine.sendCode({ email: USER });
    const signedIn = await h.engine.useBackupCode({ email: USER, code: codes[0].replace(/(\d{5})/g, '$1 ') });
    await expect(h.engine.generateBackupCodes({ email: USER })).resolves.toMatchObject({ codes: expect.any(Array) });
    expect(signedIn.sessionId).not.toBeNull();
  });
});

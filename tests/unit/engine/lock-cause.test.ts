import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { troubleshootFacts } from '../../../src/main/troubleshoot/facts';
import { findings } from '../../../src/shared/troubleshoot/findings';
import { ADMIN, USER, lastCode, openEngine, refusalOf, withStaff, wrongCode, type Harness } from './helpers';

const LOCKED = 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.';
let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

const lockFinding = async () =>
  findings(await troubleshootFacts(h.db, USER, h.clock.now())).find((f) => f.id === 'locked')!;

describe('why an account is locked, as the helpdesk is told', () => {
  it('an operator lock names the operator, the time and the reason, not "repeated failed attempts"', async () => {
    await h.engine.lockUser({ email: USER, actor: ADMIN, reason: 'Phone reported stolen' });
    const { status } = await h.engine.getUser({ email: USER, operator: ADMIN });
    expect(status.lock).toEqual({
      at: h.clock.now(),
      cause: 'operator',
      actor: ADMIN,
      reason: 'Phone reported stolen',
    });
    expect(status.headline).toMatch(
      /^Locked by ada@example\.com at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, reason: "Phone reported stolen"\.$/,
    );
    expect(status.headline).not.toMatch(/failed/);
    // The user's message stays the documents' own; the helpdesk is told it does not fit this lock.
    expect(status.userMessage).toBe(LOCKED);

    const finding = await lockFinding();
    expect(finding.detail).toContain('Locked by ada@example.com at');
    expect(finding.detail).toContain('reason: "Phone reported stolen"');
    expect(finding.detail).not.toContain('after repeated failed verification attempts');
    expect(finding.detail).toContain(LOCKED);
    expect(finding.adminAction).toBe('unlock');
  });

  it('a lock after ten wrong codes in a row says so, with no operator', async () => {
    for (let round = 0; round < 2; round++) {
      await h.engine.sendCode({ email: USER });
      const wrong = wrongCode(await lastCode(h));
      for (let i = 0; i < 5; i++) await refusalOf(h.engine.checkCode({ email: USER, code: wrong }));
      h.clock.advance(61 * 60_000); // the cooldown after five runs out
    }
    const { status } = await h.engine.getUser({ email: USER, operator: ADMIN });
    expect(status.state).toBe('locked');
    expect(status.lock).toMatchObject({ cause: 'failures', actor: null });
    expect(status.headline).toMatch(/^Locked at .* UTC after 10 consecutive failed verification attempts\.$/);
    expect((await lockFinding()).detail).toMatch(/^Locked at .* after 10 consecutive failed verification attempts\./);
  });

  it('without a lock event (older data) it says who locked it is not recorded', async () => {
    await h.db.query("UPDATE users SET locked_at = ?, lock_reason = 'Imported as locked' WHERE email = ?", [
      h.clock.now() - 1000,
      USER,
    ]);
    const { status } = await h.engine.getUser({ email: USER, operator: ADMIN });
    expect(status.lock).toMatchObject({ cause: 'unknown', reason: 'Imported as locked' });
    expect(status.headline).toContain('who locked it is not recorded');
    expect((await lockFinding()).detail).toContain(
      'reason recorded: Imported as locked (who locked it is not recorded)',
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/core/clock';
import { HOUR, MINUTE, USER, lastCode, openEngine, outcome, refusalOf, withStaff, wrongCode } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mfa-engine-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a restart in the middle', () => {
  it('forgets nothing: failures, the pending code, the cooldown and the lock survive closing the database', async () => {
    const path = join(dir, 'console.sqlite');
    const clock = new FakeClock();
    let h = await openEngine(path, clock);
    await withStaff(h);
    await h.engine.sendCode({ email: USER });
    const code = await lastCode(h);
    for (let i = 0; i < 3; i++) await outcome(h.engine.checkCode({ email: USER, code: wrongCode(code) }));
    await h.close();

    // Reopen the same file: the 4th failure is still the 4th, and the 5th starts the cooldown.
    h = await openEngine(path, clock);
    expect((await refusalOf(h.engine.checkCode({ email: USER, code: wrongCode(code) }))).code).toBe('WRONG_CODE');
    expect((await refusalOf(h.engine.checkCode({ email: USER, code: wrongCode(code) }))).code).toBe('COOLDOWN_ACTIVE');
    await h.close();

    clock.advance(30 * MINUTE);
    h = await openEngine(path, clock);
    const during = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(during.code).toBe('COOLDOWN_ACTIVE');
    expect(during.message).toContain('30 minutes');
    clock.advance(31 * MINUTE);
    await h.engine.sendCode({ email: USER });
    const fresh = await lastCode(h);
    await h.close();

    // The code sent before the restart still works after it.
    h = await openEngine(path, clock);
    await expect(h.engine.checkCode({ email: USER, code: fresh })).resolves.toMatchObject({ outcome: 'signed_in' });
    clock.advance(HOUR);
    await h.engine.lockUser({ email: USER, actor: 'tim@example.com', reason: 'Suspicious sign-in attempts' });
    await h.close();

    h = await openEngine(path, clock);
    expect((await refusalOf(h.engine.sendCode({ email: USER }))).code).toBe('ACCOUNT_LOCKED');
    const view = await h.engine.getUser({ email: USER });
    expect(view.status.state).toBe('locked');
    expect(view.recentEvents[0]).toMatchObject({ type: 'admin_lock', actor: 'tim@example.com' });
    await h.close();
  });
});

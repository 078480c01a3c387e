import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HOUR,
  SECOND,
  USER,
  eventTypes,
  lastCode,
  openEngine,
  refusalOf,
  userRow,
  withStaff,
  type Harness,
  ADMIN,
} from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

describe('resending codes', () => {
  it('refuses a resend within 30 seconds, with the wait, and allows it at 30 seconds', async () => {
    const first = await h.engine.sendCode({ email: USER });
    h.clock.advance(29 * SECOND);
    const tooSoon = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(tooSoon.code).toBe('RESEND_TOO_SOON');
    expect(tooSoon.message).toContain('1 second');
    h.clock.advance(1 * SECOND);
    const second = await h.engine.sendCode({ email: USER });
    // A resend stays in the same sign-in session.
    expect(second).toMatchObject({ outcome: 'code_sent', sessionId: first.outcome === 'code_sent' && first.sessionId });
  });

  it('makes the previous code wrong once a new one is sent', async () => {
    await h.engine.sendCode({ email: USER });
    const old = await lastCode(h);
    h.clock.advance(30 * SECOND);
    await h.engine.sendCode({ email: USER });
    const fresh = await lastCode(h);
    if (old !== fresh)
      expect((await refusalOf(h.engine.checkCode({ email: USER, code: old }))).code).toBe('WRONG_CODE');
    await expect(h.engine.checkCode({ email: USER, code: fresh })).resolves.toMatchObject({ outcome: 'signed_in' });
  });

  it('starts the cooldown when a 6th code is asked for without a successful check', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = await h.engine.sendCode({ email: USER });
      if (sent.outcome === 'code_sent') remaining.push(sent.sendsRemaining);
      h.clock.advance(30 * SECOND);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const sixth = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(sixth.code).toBe('COOLDOWN_ACTIVE');
    expect(sixth.message).toContain('60 minutes');
    // The user is told what started it: codes asked for, not wrong codes typed.
    expect(sixth.message).toMatch(/^Too many codes were requested without a successful sign-in\./);
    expect((await eventTypes(h)).filter((t) => t === 'code_sent')).toHaveLength(5);
    expect((await eventTypes(h)).at(-1)).toBe('cooldown_activated');
    const { messages } = await h.engine.outbox({ email: USER, actor: ADMIN });
    expect(messages).toHaveLength(5);
    h.clock.advance(HOUR);
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ sendsRemaining: 4 });
  });

  it('counts sends across sign-in sessions, so starting over does not escape the limit', async () => {
    for (let i = 0; i < 5; i++) {
      await h.engine.sendCode({ email: USER });
      h.clock.advance(11 * 60 * SECOND); // each session expires before the next send
    }
    expect((await userRow(h)).sends_without_success).toBe(5);
    expect((await refusalOf(h.engine.sendCode({ email: USER }))).code).toBe('COOLDOWN_ACTIVE');
  });
});

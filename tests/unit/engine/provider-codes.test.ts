import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CheckRequest,
  CheckResult,
  SendRequest,
  SendResult,
  SmsProvider,
} from '../../../src/main/providers/provider';
import { MINUTE, USER, openEngine, outcome, refusalOf, userRow, withStaff, type Harness, ADMIN } from './helpers';

/**
 * A provider that makes and checks its own codes, as Twilio Verify does: an in-memory
 * verification service with Verify's 10-minute window, answering the engine's interface.
 */
class InMemoryVerify implements SmsProvider {
  readonly id = 'twilio' as const;
  readonly generatesCodes = true;
  readonly codes = new Map<string, string>();
  checkFailure: string | null = null;

  async send(request: SendRequest): Promise<SendResult> {
    this.codes.set(request.to, '424242');
    return { ok: true, ref: `VE${this.codes.size}`, carrier: 'Vodafone UK' };
  }

  async check(request: CheckRequest): Promise<CheckResult> {
    if (this.checkFailure)
      return { ok: false, failure: { kind: 'provider_failure', code: this.checkFailure, message: 'x' } };
    const code = this.codes.get(request.to);
    if (!code) return { ok: true, status: 'expired' };
    return { ok: true, status: request.code === code ? 'approved' : 'rejected' };
  }
}

let h: Harness;
let verify: InMemoryVerify;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
  verify = new InMemoryVerify();
  h.engine.providers.register(verify);
  await h.db.query(`INSERT INTO settings (key, value, updated_at) VALUES ('sms_provider', '"twilio"', 0)`);
});
afterEach(() => h.close());

describe('a provider that makes its own codes', () => {
  it('is chosen from Settings, stores no code hash, and its approval signs the user in', async () => {
    await h.engine.sendCode({ email: USER });
    const [session] = await h.db.query<{ provider: string; code_hash: string | null; provider_ref: string }>(
      'SELECT provider, code_hash, provider_ref FROM verification_sessions',
    );
    expect(session).toEqual({ provider: 'twilio', code_hash: null, provider_ref: 'VE1' });
    expect((await h.engine.outbox({ email: USER, actor: ADMIN })).messages).toHaveLength(0);
    await expect(h.engine.checkCode({ email: USER, code: '424242' })).resolves.toMatchObject({ outcome: 'signed_in' });
  });

  it('a rejection counts towards our cooldown, on top of the provider', async () => {
    await h.engine.sendCode({ email: USER });
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await outcome(h.engine.checkCode({ email: USER, code: '000000' })));
    expect(outcomes).toEqual(['WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'COOLDOWN_ACTIVE']);
  });

  it('our 3-minute validity applies even though the provider would accept the code for 10', async () => {
    await h.engine.sendCode({ email: USER });
    h.clock.advance(3 * MINUTE + 1000);
    expect((await refusalOf(h.engine.checkCode({ email: USER, code: '424242' }))).code).toBe('CODE_EXPIRED');
  });

  it('a failed check at the provider is an MFA Provider Failure and counts nothing', async () => {
    await h.engine.sendCode({ email: USER });
    verify.checkFailure = '500';
    const refusal = await refusalOf(h.engine.checkCode({ email: USER, code: '424242' }));
    expect(refusal.message).toBe('MFA Provider Failure, Error Code: 500');
    expect((await userRow(h)).failed_checks).toBe(0);
    verify.checkFailure = null;
    verify.codes.clear();
    expect((await refusalOf(h.engine.checkCode({ email: USER, code: '424242' }))).code).toBe('CODE_EXPIRED');
  });
});

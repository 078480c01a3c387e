import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/core/clock';
import { FakeTwilio } from '../../support/fake-twilio';
import { providerFor } from './helpers';

const TO = '+447111222333';
let fake: FakeTwilio;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock();
  fake = await FakeTwilio.start({ now: () => clock.now() });
});
afterEach(() => fake.stop());

describe('Twilio Verify through the real twilio client', () => {
  it('sends a code by SMS with the form fields and Basic auth Twilio expects', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    expect(sent).toMatchObject({ ok: true, ref: expect.stringMatching(/^VE[0-9a-f]{32}$/) });
    const [request] = fake.requestsTo('verifications');
    expect(request.path).toBe(`/v2/Services/${fake.verifyServiceSid}/Verifications`);
    expect(request.contentType).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request.form)).toEqual({ To: TO, Channel: 'sms' });
    expect(request.auth).toEqual({ username: fake.accountSid, password: fake.authToken });
  });

  it('approves the code the user received', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    const code = fake.state.codeFor(TO);
    const checked = await provider.check({ to: TO, code, ref: sent.ok ? sent.ref : null, sessionId: 's1' });
    expect(checked).toEqual({ ok: true, status: 'approved' });
    expect(Object.fromEntries(fake.requestsTo('verificationCheck')[0].form)).toEqual({ To: TO, Code: code });
  });

  it('files a wrong code (HTTP 200, status pending) as rejected, not as an error', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    await provider.send({ to: TO, sessionId: 's1' });
    const wrong = fake.state.codeFor(TO) === '000000' ? '111111' : '000000';
    expect(await provider.check({ to: TO, code: wrong, ref: null, sessionId: 's1' })).toEqual({
      ok: true,
      status: 'rejected',
    });
  });

  it('reports expired once Twilio no longer knows the verification (10 minutes later: 20404)', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    await provider.send({ to: TO, sessionId: 's1' });
    const code = fake.state.codeFor(TO);
    clock.advance(10 * 60_000);
    expect(await provider.check({ to: TO, code, ref: null, sessionId: 's1' })).toEqual({ ok: true, status: 'expired' });
  });

  it('reports expired for a scripted 20404 and for a second check of an approved code', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    await provider.send({ to: TO, sessionId: 's1' });
    const code = fake.state.codeFor(TO);
    fake.script('verificationCheck', { status: 404, error: { code: 20404, message: 'Not found' } });
    expect(await provider.check({ to: TO, code, ref: null, sessionId: 's1' })).toEqual({ ok: true, status: 'expired' });
    expect(await provider.check({ to: TO, code, ref: null, sessionId: 's1' })).toEqual({
      ok: true,
      status: 'approved',
    });
    expect(await provider.check({ to: TO, code, ref: null, sessionId: 's1' })).toEqual({ ok: true, status: 'expired' });
  });

  it('maps 60202 (five wrong checks) to rate_limited, which feeds the cooldown', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    await provider.send({ to: TO, sessionId: 's1' });
    const wrong = fake.state.codeFor(TO) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await provider.check({ to: TO, code: wrong, ref: null, sessionId: 's1' });
    const sixth = await provider.check({ to: TO, code: wrong, ref: null, sessionId: 's1' });
    expect(sixth).toMatchObject({ ok: false, failure: { kind: 'rate_limited', code: '60202' } });
  });

  it('maps 60203 (sixth send without a check) to rate_limited and never retries the send', async () => {
    const { provider, waits } = providerFor(fake, {}, { clock });
    for (let i = 0; i < 5; i++) expect((await provider.send({ to: TO, sessionId: 's1' })).ok).toBe(true);
    const sixth = await provider.send({ to: TO, sessionId: 's1' });
    expect(sixth).toMatchObject({ ok: false, failure: { kind: 'rate_limited', code: '60203' } });
    expect(fake.requestsTo('verifications')).toHaveLength(6);
    expect(waits).toEqual([]);
  });

  it('records 60410 (Fraud Guard) with its meaning', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    fake.script('verifications', {
      status: 403,
      error: { code: 60410, message: 'Verification delivery attempt blocked' },
    });
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    expect(sent).toMatchObject({ ok: false, failure: { kind: 'sms_failure', code: '60410' } });
    expect(!sent.ok && sent.failure.message).toContain('Fraud Guard');
  });

  it('records 60605 (geo permissions) with its meaning', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    fake.script('verifications', { status: 403, error: { code: 60605, message: 'Blocked by geo permissions' } });
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    expect(sent).toMatchObject({ ok: false, failure: { kind: 'sms_failure', code: '60605' } });
    expect(!sent.ok && sent.failure.message).toContain('geo permissions');
  });

  it.each([
    ['60200', 400],
    ['21211', 400],
    ['21614', 400],
  ])('maps %s to incorrect_phone_number', async (code, status) => {
    const { provider } = providerFor(fake, {}, { clock });
    fake.script('verifications', { status, error: { code: Number(code) } });
    expect(await provider.send({ to: TO, sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'incorrect_phone_number', code },
    });
  });

  it('refuses a number that is not E.164 the way Twilio does (60200)', async () => {
    const { provider } = providerFor(fake, {}, { clock });
    expect(await provider.send({ to: '07111222333', sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'incorrect_phone_number', code: '60200' },
    });
  });
});

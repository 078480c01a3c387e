import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTwilio, closedPort } from '../../support/fake-twilio';
import { providerFor } from './helpers';

const TO = '+447111222333';
let fake: FakeTwilio;

beforeEach(async () => {
  fake = await FakeTwilio.start();
});
afterEach(() => fake.stop());

describe('Twilio failures as the helpdesk sees them', () => {
  it('files HTTP 500 with a JSON body as provider_failure "500"', async () => {
    const { provider } = providerFor(fake);
    fake.script('verifications', {
      status: 500,
      error: { code: 20500, message: 'An internal server error has occurred' },
    });
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    expect(sent).toMatchObject({ ok: false, failure: { kind: 'provider_failure', code: '500' } });
    expect(!sent.ok && sent.failure.message).toContain('20500');
  });

  it('files HTTP 500 with an HTML body (no Twilio code at all) as provider_failure "500"', async () => {
    const { provider } = providerFor(fake);
    fake.script('verifications', { status: 500, html: '<html><body><h1>500 Internal Server Error</h1></body></html>' });
    expect(await provider.send({ to: TO, sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'provider_failure', code: '500' },
    });
  });

  it('reads an RFC 9457 problem body (TwilioServiceException) by its Twilio code', async () => {
    const { provider } = providerFor(fake);
    fake.script('verifications', {
      status: 400,
      problem: { code: 60200, title: 'Invalid parameter', detail: 'The To number +44 is not valid' },
    });
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    expect(sent).toMatchObject({ ok: false, failure: { kind: 'incorrect_phone_number', code: '60200' } });
    expect(!sent.ok && sent.failure.message).toContain('The To number +44 is not valid');
  });

  it('files an RFC 9457 503 by its HTTP status, as a provider failure', async () => {
    const { provider } = providerFor(fake);
    fake.script('verifications', {
      status: 503,
      problem: { code: 20503, title: 'Service unavailable', detail: 'Try again later' },
    });
    expect(await provider.send({ to: TO, sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'provider_failure', code: '503' },
    });
  });

  it('files a refused connection as provider_failure ECONNREFUSED, and does not retry the send', async () => {
    const port = await closedPort();
    const { provider, waits } = providerFor(fake, { baseUrl: `http://127.0.0.1:${port}` });
    expect(await provider.send({ to: TO, sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'provider_failure', code: 'ECONNREFUSED' },
    });
    expect(waits).toEqual([]);
  });

  it('retries a lookup on a refused connection, with backoff, up to the cap', async () => {
    const port = await closedPort();
    const { provider, waits } = providerFor(fake, { baseUrl: `http://127.0.0.1:${port}` });
    expect(await provider.lookup(TO)).toMatchObject({ ok: false, failure: { code: 'ECONNREFUSED' } });
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('gives up on a server that never answers after the configured timeout, as provider_failure TIMEOUT', async () => {
    const { provider } = providerFor(fake, { timeoutMs: 200 });
    fake.script('verifications', { hang: true });
    const started = Date.now();
    const sent = await provider.send({ to: TO, sessionId: 's1' });
    const elapsed = Date.now() - started;
    expect(sent).toMatchObject({ ok: false, failure: { kind: 'provider_failure', code: 'TIMEOUT' } });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(3_000);
    expect(fake.requestsTo('verifications')).toHaveLength(1);
  });

  it('retries a read answered 20429 and succeeds, waiting Retry-After (capped) between tries', async () => {
    const { provider, waits } = providerFor(fake);
    fake.script(
      'lookup',
      { status: 429, error: { code: 20429, message: 'Too Many Requests' }, headers: { 'retry-after': '1' } },
      { status: 429, error: { code: 20429, message: 'Too Many Requests' } },
    );
    const looked = await provider.lookup(TO);
    expect(looked).toMatchObject({ ok: true, value: { lineType: 'mobile' } });
    expect(fake.requestsTo('lookup')).toHaveLength(3);
    expect(waits).toEqual([1000, 500]);
  });

  it('stops retrying 20429 at the cap and reports rate_limited', async () => {
    const { provider, waits } = providerFor(fake);
    const limited = { status: 429, error: { code: 20429, message: 'Too Many Requests' } };
    fake.script('lookup', limited, limited, limited, limited, limited);
    expect(await provider.lookup(TO)).toMatchObject({ ok: false, failure: { kind: 'rate_limited', code: '20429' } });
    expect(fake.requestsTo('lookup')).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('never retries a send answered 20429: one click, at most one SMS', async () => {
    const { provider, waits } = providerFor(fake);
    fake.script('verifications', { status: 429, error: { code: 20429, message: 'Too Many Requests' } });
    expect(await provider.send({ to: TO, sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'rate_limited', code: '20429' },
    });
    expect(fake.requestsTo('verifications')).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('reports bad credentials as 20003', async () => {
    const { provider } = providerFor(fake, { auth: { kind: 'auth_token', token: 'f'.repeat(32) } });
    expect(await provider.send({ to: TO, sessionId: 's1' })).toMatchObject({
      ok: false,
      failure: { kind: 'provider_failure', code: '20003' },
    });
  });

  it('works with an API key instead of the Auth Token', async () => {
    await fake.stop();
    const apiKey = { sid: 'SK' + 'a'.repeat(32), secret: 'key-secret' };
    fake = await FakeTwilio.start({ apiKey });
    const { provider } = providerFor(fake, { auth: { kind: 'api_key', ...apiKey } });
    expect((await provider.send({ to: TO, sessionId: 's1' })).ok).toBe(true);
    expect(fake.requestsTo('verifications')[0].auth).toEqual({ username: apiKey.sid, password: apiKey.secret });
  });
});

describe('Lookup v2 line type intelligence', () => {
  it('asks for line_type_intelligence and reports a VoIP number with its carrier', async () => {
    const { provider } = providerFor(fake);
    fake.state.lineTypes.set('+14155550100', {
      type: 'nonFixedVoip',
      carrier_name: 'Google (Grand Central) - SVR',
      mobile_country_code: null,
      mobile_network_code: null,
      error_code: null,
    });
    const looked = await provider.lookup('+14155550100');
    expect(looked).toEqual({
      ok: true,
      value: expect.objectContaining({ lineType: 'nonFixedVoip', carrier: 'Google (Grand Central) - SVR' }),
    });
    const [request] = fake.requestsTo('lookup');
    expect(request.path).toBe('/v2/PhoneNumbers/+14155550100');
    expect(request.query.get('Fields')).toBe('line_type_intelligence');
  });
});

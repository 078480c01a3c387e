import { describe, expect, it } from 'vitest';
import { failureKindOf, toProviderFailure } from '../../../src/main/providers/twilio/failures';

// Errors that never reach a server (DNS, sockets) cannot be produced by the fake on 127.0.0.1,
// so their mapping is checked on the shapes axios gives them.
describe('mapping errors that the fake server cannot produce', () => {
  it('files an axios ETIMEDOUT (clarified timeout) as TIMEOUT', () => {
    expect(toProviderFailure(Object.assign(new Error('timeout exceeded'), { code: 'ETIMEDOUT' }))).toMatchObject({
      kind: 'provider_failure',
      code: 'TIMEOUT',
    });
  });

  it('files a DNS failure under its own code, with the meaning left to the message', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND verify.twilio.com'), { code: 'ENOTFOUND' });
    expect(toProviderFailure(dns)).toMatchObject({ kind: 'provider_failure', code: 'ENOTFOUND' });
    expect(toProviderFailure(dns).message).toContain('verify.twilio.com');
  });

  it('files anything else as UNKNOWN with what it said', () => {
    expect(toProviderFailure(new TypeError('x is not a function'))).toEqual({
      kind: 'provider_failure',
      code: 'UNKNOWN',
      message: 'The Twilio client failed: x is not a function',
    });
  });

  it('files carrier codes as SMS failures and landlines as incorrect numbers', () => {
    expect(failureKindOf('30007')).toBe('sms_failure');
    expect(failureKindOf('21610')).toBe('sms_failure');
    expect(failureKindOf('60205')).toBe('incorrect_phone_number');
    expect(failureKindOf('60212')).toBe('rate_limited');
    expect(failureKindOf('20003')).toBe('provider_failure');
  });
});

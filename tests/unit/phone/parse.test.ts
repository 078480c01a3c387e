import { describe, expect, it } from 'vitest';
import { parsePhone, phoneTypeWarning } from '../../../src/main/phone';

describe('phone numbers to E.164 (reference/twilio.md)', () => {
  it.each([
    ['+4407111222333', undefined],
    ['+44 (0)7111 222333', undefined],
    ['07111 222333', 'GB'],
    ['07111-222-333', 'gb'],
    ['+44 7111 222333', undefined],
  ])('%s (country %s) becomes +447111222333, a GB mobile', (input, country) => {
    expect(parsePhone(input, country)).toEqual({
      ok: true,
      e164: '+447111222333',
      country: 'GB',
      type: 'mobile',
      warning: null,
    });
  });

  it("keeps Italy's 0, which belongs to the number", () => {
    expect(parsePhone('+39 06 1234 5678')).toMatchObject({ ok: true, e164: '+390612345678', type: 'fixed_line' });
  });

  it.each([
    ['+44 7111 222333 x12', 'extension'],
    ['+447111222333 ext. 5', 'extension'],
    ['+447111222333#12', 'extension'],
    ['+44 7111 ABC333', 'letters'],
    ['1-800-FLOWERS', 'letters'],
    ['call +447111222333 now', 'letters'],
    ['<+447111222333>', 'surrounding_text'],
    ['+447111222333;', 'surrounding_text'],
    ['+44+7111222333', 'surrounding_text'],
    ['+44 7111', 'too_short'],
    ['+4471112223334444', 'too_long'],
    ['+44711122233', 'invalid'],
    ['07111 222333', 'missing_country'],
    ['+99 123456', 'invalid_country'],
    ['', 'empty'],
  ])('refuses %j as %s, with a message that says so', (input, reason) => {
    const result = parsePhone(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
  });

  it('names the problem in words', () => {
    const messages = ['+44 7111 222333 x12', '+44 7111 ABC333', '+44 7111', '+4471112223334444', '07111 222333'].map(
      (input) => (parsePhone(input) as { message: string }).message,
    );
    expect(messages[0]).toContain('extension');
    expect(messages[1]).toContain('letters');
    expect(messages[2]).toContain('too short');
    expect(messages[3]).toContain('too long');
    expect(messages[4]).toContain('country code');
  });

  it('refuses an unknown default country', () => {
    expect(parsePhone('07111 222333', 'ZZ')).toMatchObject({ ok: false, reason: 'invalid_country' });
  });

  it.each([
    ['+44 20 7946 0958', 'fixed_line', /not a mobile number/],
    ['+44 56 1234 5678', 'voip', /VoIP/],
    ['+44 800 123 4567', 'toll_free', /not a mobile number/],
    ['+1 212 555 0100', 'fixed_line_or_mobile', null],
  ])('records the type of %s (%s) and warns when SMS may not reach it', (input, type, warning) => {
    const result = parsePhone(input);
    expect(result).toMatchObject({ ok: true, type });
    if (result.ok) {
      if (warning) expect(result.warning).toMatch(warning);
      else expect(result.warning).toBeNull();
    }
  });

  it("warns for Twilio Lookup's line types too", () => {
    expect(phoneTypeWarning('nonFixedVoip')).toContain('VoIP');
    expect(phoneTypeWarning('landline')).toContain('not a mobile');
    expect(phoneTypeWarning('mobile')).toBeNull();
  });
});

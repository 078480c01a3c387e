import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../src/main/import/types';
import { fixture, readAll } from './helpers';

/** Events of a fixture by record id. */
async function eventsOf(name: string, options = {}) {
  const { events, reader } = await readAll(fixture(name), options);
  return { byId: new Map(events.map((e) => [e.recordId, e] as [string, EventRecord])), reader, events };
}

const sm = (n: number) => `SM${n}a1b2c3d4e5f60718293a4b5c6d7e8f9`;

describe('Twilio messages (console CSV and BulkExport): status and error code, never the body', () => {
  // One row per line of the mapping table in docs/import-formats.md.
  const rows: [string, string, string | null][] = [
    ['delivered → SMS Delivered', 'sms_delivered', sm(0)],
    ['undelivered 30007 → SMS Failure', 'sms_failure', sm(1)],
    ['inbound received → SMS Received', 'sms_received', sm(2)],
    ['sent → Code Sent', 'code_sent', sm(3)],
    ['failed 21211 → Incorrect Phone Number', 'incorrect_phone_number', sm(4)],
    ['undelivered 30034 → MFA Provider Failure', 'mfa_provider_failure', sm(5)],
    ['undelivered 30005 → Incorrect Phone Number', 'incorrect_phone_number', sm(6)],
    ['queued → Code Sent', 'code_sent', sm(7)],
  ];
  for (const name of ['twilio-messages.csv', 'twilio-bulkexport-day.ndjson']) {
    it.each(rows)(`${name}: %s`, async (_row, type, sid) => {
      const { byId } = await eventsOf(name);
      expect(byId.get(sid!)?.event.type).toBe(type);
    });
  }

  it('phones are E.164 with the country from the number; the user is To outbound, From inbound; bodies with line breaks read whole', async () => {
    const { byId } = await eventsOf('twilio-messages.csv');
    expect(byId.get(sm(1))!.event).toMatchObject({
      phone: '+447400123124',
      country: 'GB',
      provider: 'twilio',
      providerCode: '30007',
      message: null,
      details: { vendorCode: '30007', vendorEvent: 'undelivered', recordId: sm(1), direction: 'outbound-api' },
    });
    expect(byId.get(sm(1))!.line).toBe(3);
    expect(byId.get(sm(2))!.event).toMatchObject({ phone: '+447400123125', message: 'STOP', type: 'sms_received' });
    expect(byId.get(sm(2))!.line).toBe(5);
    // An invalid destination is no phone number: kept raw in details.
    expect(byId.get(sm(4))!.event).toMatchObject({ phone: null, details: { number: '+4420790001' } });
    expect(byId.get(sm(0))!.key).toBe(`twilio:${sm(0)}`);
  });
});

describe('Twilio Verify attempts', () => {
  const vl = (i: number) => `VL${(0xabc0 + i).toString(16).padStart(32, '0')}`;
  it.each([
    ['converted → Sign-in Succeeded', 0, 'sign_in_succeeded'],
    ['unconverted 30003 → SMS Failure', 1, 'sms_failure'],
    ['unconverted 30006 → Incorrect Phone Number', 2, 'incorrect_phone_number'],
    ['unconverted, delivered → Session Expired', 3, 'session_expired'],
    ['unconverted, only sent → Code Sent', 4, 'code_sent'],
  ] as const)('%s', async (_row, i, type) => {
    const { byId } = await eventsOf('twilio-verify-attempts.json');
    expect(byId.get(vl(i))?.event.type).toBe(type);
  });

  it('carries the carrier and the file country, which also reads a national number', async () => {
    const { byId } = await eventsOf('twilio-verify-attempts.json');
    expect(byId.get(vl(0))!.event).toMatchObject({ carrier: 'Vodafone UK', country: 'GB', phone: '+447400123123' });
    expect(byId.get(vl(4))!.event).toMatchObject({ phone: '+447400123127', country: 'GB', carrier: 'O2 (UK)' });
  });
});

describe('Okta System Log (API JSON pages and console CSV)', () => {
  const uuid = (i: number) => `6d0c5f2e-8a1b-11ef-9c3d-${(0x1000 + i).toString(16).padStart(12, '0')}`;
  const rows: [string, number, string][] = [
    ['user.session.start FAILURE → Password Failure', 0, 'primary_auth_failure'],
    ['system.sms.* SUCCESS → Code Sent', 1, 'code_sent'],
    ['user.authentication.auth_via_mfa FAILURE → Wrong Code', 2, 'wrong_code'],
    ['system.sms.* FAILURE → SMS Failure', 3, 'sms_failure'],
    ['user.authentication.auth_via_mfa SUCCESS → Sign-in Succeeded', 4, 'sign_in_succeeded'],
    ['user.account.lock → Account Lock', 5, 'account_lock'],
    ['user.mfa.okta_verify.deny_push → MFA Denied', 6, 'mfa_denied'],
    ['user.account.report_suspicious_activity_by_enduser → Not My Number', 7, 'not_my_number'],
  ];
  for (const name of ['okta-logs-pages.json', 'okta-logs-one-array.json', 'okta-console.csv']) {
    it.each(rows)(`${name}: %s`, async (_row, i, type) => {
      const { byId } = await eventsOf(name);
      expect(byId.get(uuid(i))?.event.type).toBe(type);
    });
  }

  it('an unmapped event type is counted, not imported; SMS sends name the user in target[0]', async () => {
    const { byId, reader } = await eventsOf('okta-logs-pages.json');
    expect(reader.counts.ignoredByCode).toEqual({ 'eventType policy.evaluate_sign_on ALLOW': 1 });
    expect(byId.get(uuid(1))!.event).toMatchObject({
      userEmail: 'jane.doe@example.com',
      userName: 'Jane Doe',
      phone: '+447400123123',
      sessionId: '102Xy7aBcDeFgHiJkLmNoPq',
      details: { vendorEvent: 'system.sms.send_factor_verify_message', vendorCode: 'SUCCESS', recordId: uuid(1) },
    });
    expect(byId.get(uuid(4))!.line).toBeGreaterThan(byId.get(uuid(3))!.line);
    const csv = await eventsOf('okta-console.csv');
    expect(csv.byId.get(uuid(1))!.event).toMatchObject({ userEmail: 'jane.doe@example.com', phone: null });
    expect(csv.byId.get(uuid(0))!.key).toBe(byId.get(uuid(0))!.key);
  });
});

describe('Duo authentication log v2 and telephony log v1', () => {
  const tx = (i: number) => `340a23e3-23f3-23c1-87dc-1491a23dfd${i.toString(16).padStart(2, '0')}`;
  it.each([
    ['success → Sign-in Succeeded', 0, 'sign_in_succeeded'],
    ['invalid_passcode → Wrong Code', 1, 'wrong_code'],
    ['locked_out → Account Lock', 2, 'account_lock'],
    ['fraud / user_marked_fraud → Not My Number', 3, 'not_my_number'],
    ['no_response → Session Expired', 4, 'session_expired'],
    ['anomalous_push → MFA Denied', 5, 'mfa_denied'],
    ['error → MFA Provider Failure', 6, 'mfa_provider_failure'],
    ['deny_unenrolled_user → Other MFA Failure', 7, 'mfa_failure'],
    ['user_mistake → MFA Denied', 8, 'mfa_denied'],
  ] as const)('%s', async (_row, i, type) => {
    const { byId } = await eventsOf('duo-auth-v2.json');
    expect(byId.get(tx(i))?.event.type).toBe(type);
  });

  it('reads the phone out of auth_device.name in its shapes, and microsecond times to the millisecond', async () => {
    const { byId } = await eventsOf('duo-auth-v2.json');
    expect(byId.get(tx(0))!.event).toMatchObject({ phone: '+17345552342', country: 'US' });
    expect(byId.get(tx(1))!.event).toMatchObject({ phone: '+447400123123', country: 'GB' });
    // A national number without a country code is no E.164 number: kept raw.
    expect(byId.get(tx(2))!.event).toMatchObject({ phone: null, details: { number: '734-555-2342' } });
    expect(byId.get(tx(3))!.event).toMatchObject({ phone: null, details: { authDevice: 'iOS' } });
    expect(byId.get(tx(4))!.event.phone).toBe('+17345552342');
    expect(byId.get(tx(0))!.event.occurredAt).toBe(Date.parse('2026-11-20T11:00:20.351Z'));
    expect(byId.get(tx(0))!.event.userEmail).toBe('narroway@example.com');
  });

  it('telephony rows are Code Sent, and two identical rows keep two keys', async () => {
    const { events } = await eventsOf('duo-telephony-v1.json');
    expect(events.map((e) => e.event.type)).toEqual(['code_sent', 'code_sent', 'code_sent', 'code_sent']);
    expect(new Set(events.map((e) => e.key)).size).toBe(4);
    expect(events[2].event).toMatchObject({
      phone: '+447400123123',
      country: 'GB',
      details: { vendorEvent: 'telephony phone' },
    });
  });
});

describe('Microsoft Entra sign-ins (portal CSV with and without BOM, Graph pages)', () => {
  const req = (i: number) => `a1b2c3d4-0000-4e5f-8a9b-${(0x5000 + i).toString(16).padStart(12, '0')}`;
  const rows: [string, number, string][] = [
    ['0 → Sign-in Succeeded', 0, 'sign_in_succeeded'],
    ['50126 → Password Failure', 1, 'primary_auth_failure'],
    ['50053 → Account Lock', 2, 'account_lock'],
    ['500121 did not respond → Session Expired', 3, 'session_expired'],
    ['500121 declined → MFA Denied', 4, 'mfa_denied'],
    ['500121 fraud code entered → Not My Number', 5, 'not_my_number'],
    ['500121 otherwise → Other MFA Failure', 6, 'mfa_failure'],
  ];
  for (const name of ['entra-signins.csv', 'entra-signins-bom.csv']) {
    it.each(rows)(`${name}: %s`, async (_row, i, type) => {
      const { byId } = await eventsOf(name);
      expect(byId.get(req(i))?.event.type).toBe(type);
    });
  }

  it('keeps the two "Incoming token type" columns apart and reads the BOM copy identically', async () => {
    const plain = await eventsOf('entra-signins.csv');
    const bom = await eventsOf('entra-signins-bom.csv');
    expect(plain.byId.get(req(0))!.event.details).toMatchObject({
      incomingTokenTypes: ['None', 'primaryRefreshToken'],
    });
    expect(bom.events.map((e) => e.event)).toEqual(plain.events.map((e) => e.event));
    expect(plain.reader.counts.ignoredByCode).toEqual({ 'error code 50140': 1 });
    expect(plain.byId.get(req(0))!.event).toMatchObject({ userEmail: 'ada.lovelace@contoso.example' });
    // Entra shows the phone only masked (+X XXXXXXXX23): no number is imported.
    expect(plain.byId.get(req(0))!.event.phone ?? null).toBeNull();
  });

  it('Graph pages: status.errorCode and additionalDetails', async () => {
    const g = (i: number) => `a1b2c3d4-0000-4e5f-8a9b-${(0x6000 + i).toString(16).padStart(12, '0')}`;
    const { byId, reader } = await eventsOf('entra-graph-pages.json');
    expect([0, 1, 2, 3, 4].map((i) => byId.get(g(i))?.event.type)).toEqual([
      'sign_in_succeeded',
      'primary_auth_failure',
      'mfa_denied',
      'not_my_number',
      'account_lock',
    ]);
    expect(reader.counts.ignoredByCode).toEqual({ 'error code 50074': 1 });
    expect(byId.get(g(3))!.event.details).toMatchObject({ location: 'GB', recordId: g(3) });
  });
});

describe('Auth0 tenant logs', () => {
  const id = (i: number) =>
    `900200000000000000000000000000${String(i).padStart(4, '0')}10000000000000000000000000000${String(i).padStart(2, '0')}`;
  it.each([
    ['fp → Password Failure', 0, 'primary_auth_failure'],
    ['gd_send_sms → Code Sent', 1, 'code_sent'],
    ['gd_auth_failed → Wrong Code', 2, 'wrong_code'],
    ['gd_auth_succeed → Sign-in Succeeded', 3, 'sign_in_succeeded'],
    ['s → Sign-in Succeeded', 4, 'sign_in_succeeded'],
    ['gd_otp_rate_limit_exceed → Cooldown Activated', 5, 'cooldown_activated'],
    ['limit_wc → Account Lock', 6, 'account_lock'],
    ['gd_send_sms_failure → SMS Failure', 7, 'sms_failure'],
    ['gd_auth_rejected → MFA Denied', 8, 'mfa_denied'],
  ] as const)('%s', async (_row, i, type) => {
    const { byId } = await eventsOf('auth0-logs.json');
    expect(byId.get(id(i))?.event.type).toBe(type);
  });

  it('log_id stays a string; both spellings of the mobile flag are read', async () => {
    const { byId, reader } = await eventsOf('auth0-logs.json');
    expect(byId.get(id(0))!.key).toBe(`auth0:${id(0)}`);
    expect(byId.get(id(0))!.event.details).toMatchObject({ isMobile: false, countryCode: 'GB' });
    expect(byId.get(id(1))!.event.details).toMatchObject({ isMobile: false });
    expect(byId.get(id(4))!.event.details).toMatchObject({ isMobile: true });
    expect(reader.counts.ignoredByCode).toEqual({ 'type sapi': 1 });
  });
});

describe('privacyIDEA audit CSV (naive local times, the operator names the zone)', () => {
  it.each([
    ['challenge "Enter the OTP from the SMS" → Code Sent', '101', 'code_sent'],
    ['"wrong otp value" → Wrong Code', '102', 'wrong_code'],
    ['"matching 1 tokens" → Sign-in Succeeded', '103', 'sign_in_succeeded'],
    ['"wrong otp pin" → Password Failure', '104', 'primary_auth_failure'],
    ['"Failcounter exceeded" → Account Lock', '105', 'account_lock'],
    ['"Only N failed authentications per H:MM:SS allowed." → Cooldown Activated', '106', 'cooldown_activated'],
    ['"The PIN was correct, but the SMS could not be sent!" → MFA Provider Failure', '107', 'mfa_provider_failure'],
    ['"The user has no tokens assigned" → Other MFA Failure', '108', 'mfa_failure'],
    ['authentication DECLINED → MFA Denied', '109', 'mfa_denied'],
  ] as const)('%s', async (_row, number, type) => {
    const { byId } = await eventsOf('privacyidea-audit.csv', { timezone: 'Europe/Berlin' });
    expect(byId.get(number)?.event.type).toBe(type);
  });

  it('converts the server zone to UTC, keeps apostrophes and None, ignores admin requests', async () => {
    const { byId, reader } = await eventsOf('privacyidea-audit.csv', { timezone: 'Europe/Berlin' });
    // 14:02:03.120 in Berlin (CET, +01:00) on 20 November is 13:02:03.120 UTC.
    expect(byId.get('101')!.event.occurredAt).toBe(Date.parse('2026-11-20T13:02:03.120Z'));
    expect(byId.get('104')!.event.userName).toBe("o'brien");
    expect(byId.get('106')!.event.details).toMatchObject({ serial: null, localTime: '2026-11-20T14:07:33.918000' });
    expect(reader.counts.ignoredByCode).toEqual({ 'action POST /token/init': 1, 'action GET /token/': 1 });
  });

  it('reads the 22-column layout of older releases; a time DST repeats is flagged', async () => {
    // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 -> 03:00): read with the offset before.
    const { events } = await eventsOf('privacyidea-audit-3.0.csv', { timezone: 'Europe/Berlin' });
    expect(events.map((e) => e.event.type)).toEqual(['wrong_code', 'sign_in_succeeded']);
    expect(events[0].event.occurredAt).toBe(Date.parse('2026-03-29T00:30:00Z'));
    const london = await eventsOf('privacyidea-audit-3.0.csv', { timezone: 'UTC' });
    expect(london.events[1].event.occurredAt).toBe(Date.parse('2026-03-29T02:30:00Z'));
  });
});

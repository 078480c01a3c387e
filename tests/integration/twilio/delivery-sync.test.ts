import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { Database } from '../../../src/main/db/database';
import { FakeClock } from '../../../src/main/core/clock';
import { createTwilioClient } from '../../../src/main/providers/twilio/client';
import { DeliverySync } from '../../../src/main/providers/twilio/delivery-sync';
import { FakeTwilio } from '../../support/fake-twilio';
import { configFor, recordingSleep } from './helpers';

const HOUR = 3_600_000;
let fake: FakeTwilio;
let db: Database;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock();
  fake = await FakeTwilio.start({ now: () => clock.now() });
  db = new Database(await openDatabase({ path: ':memory:' }));
  await db.query(
    `INSERT INTO users (name, email, role, phone_e164, phone_country, phone_carrier, two_factor, created_at, updated_at)
     VALUES ('Ana Silva', 'ana@example.com', 'employee', '+447111222333', 'GB', 'Vodafone UK', 'enabled', 0, 0)`,
  );
});
afterEach(async () => {
  await fake.stop();
  await db.close();
});

function syncer(pageSize = 2) {
  const config = configFor(fake);
  const client = createTwilioClient(config, { sleep: recordingSleep().sleep });
  return new DeliverySync({
    client,
    db,
    clock,
    accountSid: config.accountSid,
    verifyServiceSid: config.verifyServiceSid,
    options: { pageSize },
  });
}

async function smsFailures() {
  return db.query<{
    occurred_at: number;
    user_email: string | null;
    phone: string;
    country: string | null;
    carrier: string | null;
    provider: string;
    provider_code: string | null;
    message: string;
    details: string;
  }>(`SELECT * FROM events WHERE type = 'sms_failure' ORDER BY occurred_at`);
}

describe('delivery-failure sync', () => {
  it('pages through the Messages list and writes each failed or undelivered SMS once, run twice', async () => {
    const now = clock.now();
    fake.state.addMessage({ to: '+447111222333', status: 'undelivered', errorCode: 30007, sentAt: now - 5 * HOUR });
    fake.state.addMessage({ to: '+447111222333', status: 'delivered', sentAt: now - 4 * HOUR });
    fake.state.addMessage({ to: '+33612345678', status: 'failed', errorCode: 30003, sentAt: now - 3 * HOUR });
    fake.state.addMessage({ to: '+447111222333', status: 'delivered', sentAt: now - 2 * HOUR });
    fake.state.addMessage({ to: '+14155550100', status: 'undelivered', errorCode: 30005, sentAt: now - HOUR });

    const first = await syncer().run();
    const messages = first.sources.find((s) => s.source === 'message')!;
    expect(messages).toMatchObject({ pages: 3, seen: 5, recorded: 3, duplicates: 0, error: null });
    const pageRequests = fake.requestsTo('messages');
    expect(pageRequests).toHaveLength(3);
    expect(pageRequests[0].path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(pageRequests[0].query.get('DateSent>')).toBe(
      new Date(now - 7 * 24 * HOUR).toISOString().replace('.000', ''),
    );
    expect(pageRequests[1].query.get('PageToken')).toBe('PA2');

    clock.advance(10 * 60_000);
    const second = await syncer().run();
    expect(second.sources.find((s) => s.source === 'message')).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(await smsFailures()).toHaveLength(3);

    // The second run reads only from the last sync (less the overlap), not the whole week again.
    const since = fake.requestsTo('messages')[3].query.get('DateSent>');
    expect(Date.parse(since!)).toBe(now - 2 * HOUR);
  });

  it('does not write a failure twice when a later run reads the same window again', async () => {
    const now = clock.now();
    fake.state.addMessage({ to: '+447111222333', status: 'undelivered', errorCode: 30007, sentAt: now - 30 * 60_000 });
    await syncer().run();
    clock.advance(5 * 60_000);
    const again = await syncer().run();
    expect(again.sources.find((s) => s.source === 'message')).toMatchObject({ seen: 1, recorded: 0, duplicates: 1 });
    expect(await smsFailures()).toHaveLength(1);
  });

  it('catches a message that turned undelivered after the previous sync, within the overlap', async () => {
    const now = clock.now();
    const late = fake.state.addMessage({ to: '+447111222333', status: 'sent', sentAt: now - 60_000 });
    await syncer().run();
    expect(await smsFailures()).toHaveLength(0);
    late.status = 'undelivered';
    late.errorCode = 30003;
    clock.advance(5 * 60_000);
    await syncer().run();
    expect((await smsFailures()).map((e) => e.provider_code)).toEqual(['30003']);
  });

  it('files each failure with the user, the carrier error code, the carrier and the country', async () => {
    const sentAt = clock.now() - HOUR;
    const message = fake.state.addMessage({
      to: '+447111222333',
      status: 'undelivered',
      errorCode: 30007,
      errorMessage: 'Message filtered',
      sentAt,
    });
    fake.state.addMessage({ to: '+33612345678', status: 'failed', errorCode: 30003, sentAt: sentAt + 1000 });
    await syncer().run();
    const [known, stranger] = await smsFailures();
    expect(known).toMatchObject({
      occurred_at: sentAt,
      user_email: 'ana@example.com',
      phone: '+447111222333',
      country: 'GB',
      carrier: 'Vodafone UK',
      provider: 'twilio',
      provider_code: '30007',
      message: 'SMS not delivered by Vodafone UK: filtered by carrier (30007)',
    });
    expect(JSON.parse(known.details)).toMatchObject({ messageSid: message.sid, status: 'undelivered' });
    expect(stranger).toMatchObject({ user_email: null, phone: '+33612345678', country: 'FR', provider_code: '30003' });
  });

  it('reads failed Verify attempts too, deduplicated by attempt SID', async () => {
    const now = clock.now();
    const attempt = fake.state.addAttempt({
      to: '+447111222333',
      messageStatus: 'UNDELIVERED',
      errorCode: '30008',
      createdAt: now - HOUR,
    });
    fake.state.addAttempt({ to: '+447111222333', messageStatus: 'DELIVERED', createdAt: now - HOUR });
    const first = await syncer().run();
    expect(first.sources.find((s) => s.source === 'attempt')).toMatchObject({ seen: 2, recorded: 1 });
    const [request] = fake.requestsTo('attempts');
    expect(request.query.get('VerifyServiceSid')).toBe(fake.verifyServiceSid);
    expect(request.query.get('Channel')).toBe('sms');
    clock.advance(60_000);
    await syncer().run();
    const events = await smsFailures();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ provider_code: '30008', carrier: 'Vodafone UK', country: 'GB' });
    expect(JSON.parse(events[0].details)).toMatchObject({ attemptSid: attempt.sid });
  });

  it('skips Verify attempts on an account without that API, without calling it a failure', async () => {
    fake.state.addMessage({ to: '+447111222333', status: 'failed', errorCode: 30005, sentAt: clock.now() - HOUR });
    fake.script('attempts', { status: 403, error: { code: 20403, message: 'Forbidden' } });
    const run = await syncer().run();
    expect(run.sources.find((s) => s.source === 'attempt')).toMatchObject({ unavailable: true, error: null });
    expect(run.sources.find((s) => s.source === 'message')).toMatchObject({ recorded: 1, error: null });
  });

  it('keeps the window when Twilio fails, so the next run asks for it again', async () => {
    const now = clock.now();
    fake.state.addMessage({ to: '+447111222333', status: 'undelivered', errorCode: 30007, sentAt: now - HOUR });
    fake.script('messages', { status: 500, html: '<html>Internal Server Error</html>' });
    const failed = await syncer().run();
    expect(failed.sources.find((s) => s.source === 'message')!.error).toMatchObject({ code: '500' });
    expect(await smsFailures()).toHaveLength(0);
    clock.advance(60_000);
    const retried = await syncer().run();
    expect(retried.sources.find((s) => s.source === 'message')).toMatchObject({ recorded: 1, error: null });
    expect(Date.parse(fake.requestsTo('messages')[1].query.get('DateSent>')!)).toBe(now - 7 * 24 * HOUR);
  });
});

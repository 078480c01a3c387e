import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importJobs } from '../../../src/main/workspaces/importing';
import type { ImportStatusValue, TroubleshootFacts } from '../../../src/shared/contract';
import { findings } from '../../../src/shared/troubleshoot/findings';
import { writeTwilioBurstCsv } from '../../support/twilio-burst';
import { fixture, openBench, type Bench } from './helpers';

let b: Bench;
beforeEach(async () => {
  b = await openBench();
});
afterEach(() => b.close());

const DAY = 86_400_000;
const FROM = Date.parse('2026-08-01T00:00:00Z');

async function importInto(files: string[]): Promise<void> {
  await b.ada.value('workspaceCreate', { path: join(b.dir, 'case.sqlite') });
  const started = await b.ada.value<ImportStatusValue>('importStart', { files: files.map((path) => ({ path })) });
  expect((await importJobs(b.ctx.workspaces).settled(started.id)).state).toBe('done');
}

describe('troubleshooting evidence in a workspace', () => {
  it('finds a caller by phone among imported Twilio messages: failed deliveries, carrier codes, windows ending at the file', async () => {
    const file = join(b.dir, 'messages.csv');
    const burst = { start: FROM + 10 * DAY + 9 * 3_600_000, hours: 4, code: '30007', every: 2 };
    writeTwilioBurstCsv(file, { from: FROM, days: 12, perHour: 20, burst });
    await importInto([file]);
    const facts = await b.ada.value<TroubleshootFacts>('troubleshootFacts', { phone: '+447400123100' });
    expect(facts.asOf).toBe(facts.workspace!.lastEventAt);
    expect(facts.asOf).toBeGreaterThan(FROM + 12 * DAY - 3 * 3_600_000);
    expect(facts.workspace).toMatchObject({ name: 'case.sqlite', foundBy: 'phone', locksSeen: 0 });
    expect(facts.workspace!.failedDeliveries).toBeGreaterThan(0);
    expect(facts.workspace!.liveOnly).toContain('whether the account is locked or in cooldown now');
    expect(facts.user).toMatchObject({ id: 0, maskedPhone: '+44••••••••00', country: 'GB' });
    expect(facts.carrierCodes.find((c) => c.code === '30007')?.count).toBeGreaterThan(0);
    expect(facts.recentErrors.find((e) => e.type === 'sms_failure')?.count).toBeGreaterThan(0);
    const ids = findings(facts).map((f) => f.id);
    expect(ids).toContain('carrier-filtering');
    // Nothing live is claimed: no "no 2FA phone", no unlock to offer.
    expect(ids).not.toContain('not-enrolled');
    expect(findings(facts).every((f) => f.adminAction === undefined || f.id === 'carrier-filtering')).toBe(true);
  });

  it('finds a caller by email among imported Okta events, with the lock seen there; unknown callers and live are told apart', async () => {
    await importInto([fixture('okta-logs-pages.json')]);
    const facts = await b.ada.value<TroubleshootFacts>('troubleshootFacts', { email: 'Jane.Doe@example.com' });
    expect(facts.workspace).toMatchObject({ foundBy: 'email', locksSeen: 1 });
    expect(facts.workspace!.lastLockSeenAt).toBeGreaterThan(0);
    expect(facts.user.email).toBe('jane.doe@example.com');
    expect(facts.user.lockedAt).toBeNull();
    const locks = findings(facts).find((f) => f.id === 'locks-seen');
    expect(locks?.detail).toContain('known only to the live console');

    expect(await b.ada.call('troubleshootFacts', { email: 'nobody@example.com' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('case.sqlite') },
    });
    await b.ada.value('workspaceClose');
    expect(await b.ada.call('troubleshootFacts', { phone: '+447400123100' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await b.ada.call('troubleshootFacts', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { Database } from '../../../src/main/db/database';
import { appendEvent, type NewEvent } from '../../../src/main/events/append';
import { troubleshootFacts } from '../../../src/main/troubleshoot/facts';
import { findings } from '../../../src/shared/troubleshoot/findings';
import { SUPPORT_QUESTIONS } from '../../../src/shared/troubleshoot/questions';
import { RECEIVE_CHECKS } from '../../../src/renderer/src/pages/troubleshoot/receive-checks';

const NOW = Date.parse('2026-11-22T09:00:00Z');
const HOUR = 3600_000;
let db: Database;

async function addUser(email: string, fields: Record<string, unknown> = {}): Promise<number> {
  const row = {
    name: email.split('@')[0],
    email,
    role: 'employee',
    status: 'active',
    phone_e164: '+447700900123',
    phone_country: 'GB',
    phone_type: 'mobile',
    phone_carrier: 'EE',
    two_factor: 'enabled',
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  };
  const cols = Object.keys(row);
  await db.dataSource.query(
    `INSERT INTO users (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    Object.values(row),
  );
  const [{ id }] = await db.dataSource.query('SELECT id FROM users WHERE email = ?', [email]);
  return id;
}

async function event(userId: number, type: NewEvent['type'], hoursAgo: number, extra: Partial<NewEvent> = {}) {
  await db.transaction((m) =>
    appendEvent(m, { occurredAt: NOW - hoursAgo * HOUR, type, userId, carrier: 'EE', ...extra }),
  );
}

beforeEach(async () => {
  db = new Database(await openDatabase({ path: ':memory:' }));
});
afterEach(() => db.close());

describe('troubleshooting facts and findings', () => {
  it('finds nothing wrong for a healthy user who signs in', async () => {
    const id = await addUser('ok@example.com');
    await event(id, 'code_sent', 5);
    await event(id, 'sign_in_succeeded', 5);
    const facts = await troubleshootFacts(db, 'ok@example.com', NOW);
    expect(facts.everSucceeded).toBe(true);
    expect(findings(facts).map((f) => f.id)).toEqual(['nothing-found']);
  });

  it('explains a lock and a running cooldown with the minutes left', async () => {
    await addUser('locked@example.com', { locked_at: NOW - HOUR, cooldown_until: NOW + 25 * 60_000 });
    const list = findings(await troubleshootFacts(db, 'locked@example.com', NOW));
    expect(list[0].id).toBe('locked');
    expect(list[0].detail).toContain(
      'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.',
    );
    expect(list.find((f) => f.id === 'cooldown')?.detail).toContain('25 more minute(s)');
  });

  it('ignores a cooldown that has already run out', async () => {
    await addUser('past@example.com', { cooldown_until: NOW - 1 });
    const list = findings(await troubleshootFacts(db, 'past@example.com', NOW));
    expect(list.map((f) => f.id)).not.toContain('cooldown');
  });

  it('flags a VoIP number as unable to receive codes', async () => {
    await addUser('voip@example.com', { phone_type: 'nonFixedVoip' });
    const list = findings(await troubleshootFacts(db, 'voip@example.com', NOW));
    expect(list.find((f) => f.id === 'non-mobile')?.title).toBe('The number is a VoIP number');
  });

  it('suspects carrier filtering when several users on the same carrier fail', async () => {
    const caller = await addUser('caller@example.com');
    for (const other of ['a', 'b', 'c']) {
      const id = await addUser(`${other}@example.com`);
      await event(id, 'sms_failure', 30, { providerCode: '30008' });
    }
    const elsewhere = await addUser('d@example.com', { phone_carrier: 'O2 UK' });
    await event(elsewhere, 'sms_failure', 30, { providerCode: '30008', carrier: 'O2 UK' });
    await event(caller, 'code_sent', 2);
    const facts = await troubleshootFacts(db, 'caller@example.com', NOW);
    expect(facts.sameCarrierAffectedUsers).toBe(3);
    expect(facts.sameCarrierUsers).toBe(4);
    expect(findings(facts).find((f) => f.id === 'carrier-filtering')?.detail).toContain('3 other user(s) on EE');
  });

  it('counts only the last 30 days and reports the hours errors happen at', async () => {
    const id = await addUser('hours@example.com');
    await event(id, 'wrong_code', 24 * 40); // too old
    await event(id, 'sms_failure', 2, { providerCode: '30007' });
    await event(id, 'mfa_provider_failure', 3, { providerCode: '500' });
    const facts = await troubleshootFacts(db, 'hours@example.com', NOW);
    expect(facts.recentErrors.reduce((n, e) => n + e.count, 0)).toBe(2);
    expect(facts.errorHours).toEqual([6, 7]);
    expect(facts.carrierCodes.map((c) => c.code).sort()).toEqual(['30007', '500']);
    expect(findings(facts).map((f) => f.id)).toEqual(
      expect.arrayContaining(['carrier-filtering', 'provider-failure', 'never-succeeded']),
    );
  });

  it('pre-fills the questions the data answers and leaves the caller-only ones empty', async () => {
    const id = await addUser('q@example.com');
    await event(id, 'phone_changed', 24 * 3);
    const facts = await troubleshootFacts(db, 'q@example.com', NOW);
    const answer = (qid: string) => SUPPORT_QUESTIONS.find((q) => q.id === qid)!.prefill(facts);
    expect(SUPPORT_QUESTIONS).toHaveLength(13);
    expect(answer('country')).toBe('Phone number country: GB');
    expect(answer('phone-changed')).toBe('Yes, on 2026-11-19 09:00 UTC.');
    expect(answer('number')).toBe('+44••••••••23 (mobile)');
    expect(answer('other-texts')).toBeNull();
  });

  it('refuses an unknown email with NOT_FOUND, naming it', async () => {
    await expect(troubleshootFacts(db, 'nobody@example.com', NOW)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No user has the email nobody@example.com.',
    });
  });

  it('answers "Is 2FA setup for the entire firm?" from the firm-wide setting as saved', async () => {
    await addUser('f@example.com');
    const answer = async () =>
      SUPPORT_QUESTIONS.find((q) => q.id === 'firm-wide')!.prefill(await troubleshootFacts(db, 'f@example.com', NOW));
    expect(await answer()).toBeNull();
    const save = (enabled: boolean) =>
      db.dataSource.query(`INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('firm_two_factor', ?, ?)`, [
        JSON.stringify({ enabled, changedAt: NOW, changedBy: 'ada@example.com' }),
        NOW,
      ]);
    await save(false);
    expect(await answer()).toBe('No.');
    await save(true);
    expect(await answer()).toBe('Yes.');
  });

  it("walks a locked-out administrator through the FAQ's recovery path", async () => {
    await addUser('boss@example.com', { role: 'administrator', locked_at: NOW - HOUR });
    const alone = findings(await troubleshootFacts(db, 'boss@example.com', NOW)).find(
      (f) => f.id === 'administrator-recovery',
    )!;
    expect(alone.detail).toContain('none unused');
    expect(alone.detail).toContain('there is none');
    expect(alone.detail).toContain("your firm's URL");
    expect(alone.action).toMatch(/distributor's customer support/);

    await addUser('deputy@example.com', { role: 'administrator' });
    const helped = findings(await troubleshootFacts(db, 'boss@example.com', NOW)).find(
      (f) => f.id === 'administrator-recovery',
    )!;
    expect(helped.detail).toContain('1 other active administrator');
    expect(helped.action).toMatch(/another administrator/);
    // An employee in the same state gets no such advice.
    await addUser('emp@example.com', { locked_at: NOW - HOUR });
    expect(findings(await troubleshootFacts(db, 'emp@example.com', NOW)).map((f) => f.id)).not.toContain(
      'administrator-recovery',
    );
  });
});

describe('the checklist says which checks the data confirms and which it only suggests', () => {
  const readings = async (email: string) => {
    facts = await troubleshootFacts(db, email, NOW);
    return Object.fromEntries(
      RECEIVE_CHECKS.map((c) => [c.id, c.read(facts)] as const).map(([id, r]) => [id, r && `${r.strength}:${r.value}`]),
    );
  };
  let facts: Awaited<ReturnType<typeof troubleshootFacts>>;

  it('a number never used and never looked up: every reading is only a suggestion', async () => {
    await addUser('new@example.com');
    expect(await readings('new@example.com')).toEqual({
      format: 'suggested:true',
      mobile: 'suggested:true',
      voip: 'suggested:true',
      network: null,
    });
    const format = RECEIVE_CHECKS[0].read(facts)!;
    expect(format.why).toContain('no code sent to it was ever used');
  });

  it('a code used since the number was set confirms it; a carrier lookup confirms the line type', async () => {
    const id = await addUser('used@example.com', { phone_looked_up_at: NOW - 2 * HOUR, phone_type: 'nonFixedVoip' });
    await event(id, 'sign_in_succeeded', 3);
    expect(await readings('used@example.com')).toEqual({
      format: 'confirmed:true',
      mobile: 'confirmed:false',
      voip: 'confirmed:false',
      network: null,
    });
    expect(RECEIVE_CHECKS[1].read(facts)!.why).toMatch(/^a carrier lookup on .* UTC says nonFixedVoip$/);
  });

  it('a success before the number changed confirms nothing about the new number', async () => {
    const id = await addUser('moved@example.com');
    await event(id, 'sign_in_succeeded', 10);
    await event(id, 'phone_changed', 2);
    expect((await readings('moved@example.com')).format).toBe('suggested:true');
  });
});

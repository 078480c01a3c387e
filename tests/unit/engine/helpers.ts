import { expect } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { testDatabase } from '../../support/test-database';
import { Database } from '../../../src/main/db/database';
import { FakeClock } from '../../../src/main/core/clock';
import { MfaEngine } from '../../../src/main/engine';
import { DomainError } from '../../../src/main/core/domain-error';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ADMIN = 'ada@example.com';
export const ADMIN2 = 'grace@example.com';
export const TECH = 'tim@example.com';
export const USER = 'uma@example.com';
export const USER_PHONE = '+447111222333';

export interface Harness {
  db: Database;
  clock: FakeClock;
  engine: MfaEngine;
  close(): Promise<void>;
}

export async function openEngine(path = ':memory:', clock = new FakeClock()): Promise<Harness> {
  const db = new Database(await openDatabase({ path: await testDatabase(path) }));
  const engine = new MfaEngine(db, clock);
  return { db, clock, engine, close: () => db.close() };
}

/** An organisation: one administrator, one technician (the helpdesk) and one enrolled employee. */
export async function withStaff(h: Harness): Promise<void> {
  await h.engine.addUser({
    reason: 'New starter',
    name: 'Ada Admin',
    email: ADMIN,
    role: 'administrator',
    phone: '+447400123001',
  });
  await h.engine.addUser({
    reason: 'New starter',
    name: 'Tim Tech',
    email: TECH,
    role: 'technician',
    phone: '+447400123002',
  });
  await h.engine.addUser({
    reason: 'New starter',
    name: 'Uma User',
    email: USER,
    role: 'employee',
    phone: '07111 222333',
    country: 'GB',
  });
}

/** The code in the newest SMS the simulated provider delivered to this user. */
export async function lastCode(h: Harness, email = USER): Promise<string> {
  const { messages } = await h.engine.outbox({ email, limit: 1, actor: ADMIN });
  const match = /(?:code is|Code:) (\d+)/.exec(messages[0]?.body ?? '');
  if (!match) throw new Error(`no code delivered to ${email}`);
  return match[1];
}

/** A code that is certainly not the one delivered. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

/** The refusal's code (and the refusal), or fails the test if the call succeeded. */
export async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  expect.fail('expected a refusal, but the call succeeded');
}

export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

export async function eventTypes(h: Harness, email = USER): Promise<string[]> {
  const rows = await h.db.query<{ type: string }>('SELECT type FROM events WHERE user_email = ? ORDER BY id', [email]);
  return rows.map((r) => r.type);
}

export async function userRow(h: Harness, email = USER) {
  const [row] = await h.db.query<Record<string, number | string | null>>('SELECT * FROM users WHERE email = ?', [
    email,
  ]);
  return row;
}

/**
 * A passed caller check of `email` by `actor` (the code read back from the simulated phone): what
 * unlock, cooldown reset, 2FA and number changes rest on. Waits out the resend gap if a code went
 * to the same phone moments ago, as a person would.
 */
export async function verifyCaller(h: Harness, actor: string, email = USER): Promise<string> {
  try {
    await h.engine.sendCallerCode({ email, actor });
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'RESEND_TOO_SOON') throw error;
    h.clock.advance(Number(error.details?.retryAt ?? h.clock.now()) - h.clock.now() + 1000);
    await h.engine.sendCallerCode({ email, actor });
  }
  const passed = await h.engine.checkCallerCode({ email, actor, code: await lastCode(h, email) });
  return passed.checkId;
}

export const ANOTHER_WAY = 'manager callback on the number in HR records';

/** A second administrator (Grace), so two-person requests can be approved. */
export async function withSecondAdmin(h: Harness): Promise<void> {
  if ((await h.db.query('SELECT 1 FROM users WHERE email = ?', [ADMIN2])).length > 0) return;
  await h.engine.addUser({
    reason: 'New starter',
    name: 'Grace Admin',
    email: ADMIN2,
    role: 'administrator',
    phone: '+447400123003',
  });
}

/** Permanently disables a user's 2FA the only way there is: Ada files it, Grace approves it. */
export async function disablePermanently(h: Harness, email = USER, reason = 'Cannot receive SMS') {
  await withSecondAdmin(h);
  const filed = await h.engine.disableTwoFactor({ email, actor: ADMIN, reason, verifiedAnotherWay: ANOTHER_WAY });
  return h.engine.approveRequest({ actor: ADMIN2, id: filed.request!.id, reason: 'Checked with the requester' });
}

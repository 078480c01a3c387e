import type { EntityManager } from 'typeorm';
import type { Role, TwoFactorState, UserStatus } from '../../shared/contract/users';
import type { NewEvent } from '../events/append';
import { DomainError } from '../core/domain-error';

/** A users row as SQLite returns it. */
export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  phone_e164: string | null;
  phone_country: string | null;
  phone_type: string | null;
  phone_carrier: string | null;
  phone_looked_up_at: number | null;
  two_factor: TwoFactorState;
  two_factor_disabled_until: number | null;
  failed_checks: number;
  consecutive_failures: number;
  sends_without_success: number;
  last_send_at: number | null;
  cooldown_until: number | null;
  locked_at: number | null;
  lock_reason: string | null;
  not_my_number_at: number | null;
  last_sign_in_at: number | null;
  created_at: number;
  updated_at: number;
  /** argon2id; never leaves the main process. Null for users who do not operate the console. */
  password_hash: string | null;
  password_set_at: number | null;
  /** 1 when the password was given by an administrator and must be changed at the next sign-in. */
  password_must_change: number;
  phone_changed_at: number | null;
  phone_changed_by: string | null;
  /** 1 after "Reset 2FA": the user enrols a number again at the next sign-in. */
  enrolment_required: number;
}

export async function findUser(manager: EntityManager, email: string): Promise<UserRow | null> {
  const rows = (await manager.query('SELECT * FROM users WHERE email = ? COLLATE NOCASE', [email.trim()])) as UserRow[];
  return rows[0] ?? null;
}

export async function userById(manager: EntityManager, id: number): Promise<UserRow> {
  const rows = (await manager.query('SELECT * FROM users WHERE id = ?', [id])) as UserRow[];
  return rows[0];
}

export async function requireUser(manager: EntityManager, email: string): Promise<UserRow> {
  const user = await findUser(manager, email);
  if (!user) throw new DomainError('NOT_FOUND', `No user has the email ${email}.`);
  return user;
}

/** The user's fields every event carries, copied so the log explains itself offline. */
export function eventUser(
  user: UserRow,
): Pick<NewEvent, 'userId' | 'userName' | 'userEmail' | 'userRole' | 'phone' | 'country' | 'carrier'> {
  return {
    userId: user.id,
    userName: user.name,
    userEmail: user.email,
    userRole: user.role,
    phone: user.phone_e164,
    country: user.phone_country,
    carrier: user.phone_carrier,
  };
}

/** Rows changed by the last statement on this connection (the guard of a guarded UPDATE). */
export async function changes(manager: EntityManager): Promise<number> {
  const [row] = (await manager.query('SELECT changes() AS n')) as { n: number }[];
  return Number(row.n);
}

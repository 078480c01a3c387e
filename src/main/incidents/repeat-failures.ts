import type { EntityManager } from 'typeorm';
import type { CarrierAffected, RepeatFailingUser } from '../../shared/contract/incidents';
import { FAILURE_IN } from './key-filter';

const DAY_MS = 86_400_000;
/** "Several" distinct days, and "several" users of one carrier, unless the caller asks otherwise. */
export const REPEAT_MIN_DAYS = 3;
export const CARRIER_MIN_USERS = 3;

/**
 * The FAQ's "same users consistently": users whose deliveries failed (a failed SMS or a provider
 * failure) on at least `minDays` distinct UTC days of [from, to], most days first. Read through the
 * type and time index; a workspace's users are known by the email its events carry.
 */
export async function repeatFailingUsers(
  manager: EntityManager,
  input: { from: number; to: number; minDays?: number; limit?: number },
): Promise<{ users: RepeatFailingUser[]; minDays: number }> {
  const minDays = input.minDays ?? REPEAT_MIN_DAYS;
  const rows = (await manager.query(
    `SELECT MAX(e.user_id) AS id, MAX(e.user_name) AS name, e.user_email AS email, MAX(e.carrier) AS carrier,
       COUNT(DISTINCT e.occurred_at / ${DAY_MS}) AS days, COUNT(*) AS failures, MAX(e.occurred_at) AS last
     FROM events e
     WHERE e.type IN (${FAILURE_IN}) AND e.occurred_at >= ? AND e.occurred_at <= ? AND e.user_email IS NOT NULL
     GROUP BY e.user_email HAVING COUNT(DISTINCT e.occurred_at / ${DAY_MS}) >= ?
     ORDER BY days DESC, failures DESC, email LIMIT ?`,
    [input.from, input.to, minDays, input.limit ?? 50],
  )) as {
    id: number | null;
    name: string | null;
    email: string;
    carrier: string | null;
    days: number;
    failures: number;
    last: number;
  }[];
  return {
    minDays,
    users: rows.map((r) => ({
      id: Number(r.id ?? 0),
      name: r.name ?? r.email,
      email: r.email,
      carrier: r.carrier,
      days: Number(r.days),
      failures: Number(r.failures),
      lastFailureAt: Number(r.last),
    })),
  };
}

/**
 * The FAQ's "several users on the same mobile network provider": carriers whose deliveries failed
 * for at least `minUsers` distinct users in [from, to], most users first.
 */
export async function carriersWithAffectedUsers(
  manager: EntityManager,
  input: { from: number; to: number; minUsers?: number; limit?: number },
): Promise<{ carriers: CarrierAffected[]; minUsers: number }> {
  const minUsers = input.minUsers ?? CARRIER_MIN_USERS;
  const rows = (await manager.query(
    `SELECT e.carrier AS carrier, COUNT(DISTINCT e.user_email) AS users, COUNT(*) AS failures, MAX(e.occurred_at) AS last
     FROM events e
     WHERE e.type IN (${FAILURE_IN}) AND e.occurred_at >= ? AND e.occurred_at <= ? AND e.carrier IS NOT NULL
       AND e.user_email IS NOT NULL
     GROUP BY e.carrier HAVING COUNT(DISTINCT e.user_email) >= ?
     ORDER BY users DESC, failures DESC, carrier LIMIT ?`,
    [input.from, input.to, minUsers, input.limit ?? 50],
  )) as { carrier: string; users: number; failures: number; last: number }[];
  return {
    minUsers,
    carriers: rows.map((r) => ({
      carrier: r.carrier,
      users: Number(r.users),
      failures: Number(r.failures),
      lastFailureAt: Number(r.last),
    })),
  };
}

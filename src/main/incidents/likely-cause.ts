import type { EntityManager } from 'typeorm';
import type { LikelyCause } from '../../shared/contract/incidents';
import { DomainError } from '../core/domain-error';
import { FAILURE_IN } from './key-filter';
import { incidentLabel } from './queries';

/** A lock or cooldown this long after an incident's last failure is still counted as caused by it. */
export const AFTERMATH_MS = 60 * 60_000;

/** What an incident's failed deliveries can lead to: a lock, a cooldown, a wrong code, an expiry. */
export const CAUSED_TYPES = ['account_lock', 'cooldown_activated', 'wrong_code', 'session_expired', 'code_expired'];
export const CAUSED_IN = CAUSED_TYPES.map((t) => `'${t}'`).join(', ');

/** The incident kinds that fail deliveries (pumping sends to numbers nobody owns: it locks no one). */
const CAUSE_KINDS = `'carrier', 'provider', 'error', 'country'`;
/** When several incidents fit, the most specific one names the cause: the carrier before the provider. */
const CAUSE_ORDER = `CASE i.kind WHEN 'carrier' THEN 0 WHEN 'provider' THEN 1 WHEN 'error' THEN 2 ELSE 3 END, i.onset_at DESC, i.id`;

/**
 * THE rule, as SQL conditions on an incident `i`, for an event of user `user` at time `at` (both SQL
 * expressions): the user's delivery failed on the incident's key inside its span (from its onset to
 * its end, or on while it is open), at or before the event, and the event came after the onset and
 * no later than an hour after the incident's end.
 */
export function causedByCondition(user: string, at: string): string {
  return `i.kind IN (${CAUSE_KINDS})
    AND i.onset_at <= ${at} AND (i.closed_at IS NULL OR ${at} <= i.closed_at + ${AFTERMATH_MS})
    AND EXISTS (SELECT 1 FROM events f
      WHERE f.user_id = ${user} AND f.occurred_at >= i.onset_at AND f.occurred_at <= ${at}
        AND (i.closed_at IS NULL OR f.occurred_at <= i.closed_at) AND f.type IN (${FAILURE_IN})
        AND CASE i.key_kind WHEN 'carrier' THEN f.carrier WHEN 'country' THEN f.country
          WHEN 'provider' THEN f.provider WHEN 'error' THEN f.provider_code END = i.key)`;
}

/** The id of the incident the rule names for an event of `user` at `at` (SQL expressions), or NULL. */
export function likelyCauseIdSql(user: string, at: string): string {
  return `(SELECT i.id FROM incidents i
    WHERE i.id IN (SELECT incident_id FROM incident_users WHERE user_id = ${user} AND role = 'failed')
      AND ${causedByCondition(user, at)}
    ORDER BY ${CAUSE_ORDER} LIMIT 1)`;
}

/**
 * When the user's current lock or cooldown started (SQL over the users row `u`): the account_lock at
 * locked_at, or the latest cooldown_activated. An operator's lock (admin_lock) has none: no cause.
 */
export function currentBlockAtSql(u: string): string {
  return `CASE WHEN ${u}.locked_at IS NOT NULL THEN
    (SELECT MAX(b.occurred_at) FROM events b WHERE b.user_id = ${u}.id AND b.type = 'account_lock' AND b.occurred_at = ${u}.locked_at)
  ELSE (SELECT MAX(b.occurred_at) FROM events b WHERE b.user_id = ${u}.id AND b.type = 'cooldown_activated') END`;
}

/** SQL over the users row `u` (one `?`: now): locked or in cooldown, and the rule ties it to an incident. */
export function blockCausedSql(u: string): string {
  return `((${u}.locked_at IS NOT NULL OR ${u}.cooldown_until > ?)
  AND ${likelyCauseIdSql(`${u}.id`, currentBlockAtSql(u))} IS NOT NULL)`;
}

interface CauseRow {
  at_id: number;
  incident_id: number;
  kind: string;
  key_kind: string;
  key: string;
  affected_users: number;
  onset_at: number;
  closed_at: number | null;
}

async function incidentsById(manager: EntityManager, ids: number[]): Promise<Map<number, Omit<CauseRow, 'at_id'>>> {
  if (!ids.length) return new Map();
  const rows = (await manager.query(
    `SELECT id AS incident_id, kind, key_kind, key, affected_users, onset_at, closed_at FROM incidents
     WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  )) as Omit<CauseRow, 'at_id'>[];
  return new Map(rows.map((r) => [Number(r.incident_id), r]));
}

function toCause(row: Omit<CauseRow, 'at_id'>): LikelyCause {
  return {
    incidentId: Number(row.incident_id),
    label: incidentLabel(row.kind, row.key_kind, row.key),
    affectedUsers: Number(row.affected_users),
    startedAt: Number(row.onset_at),
    endedAt: row.closed_at == null ? null : Number(row.closed_at),
  };
}

/** Rows of (what, incident id or null) to a map of what -> its incident as a likely cause. */
async function causesByRow(
  manager: EntityManager,
  rows: { at_id: number; incident_id: number | null }[],
): Promise<Map<number, LikelyCause>> {
  const found = rows.filter((r) => r.incident_id != null);
  const incidents = await incidentsById(manager, [...new Set(found.map((r) => Number(r.incident_id)))]);
  const out = new Map<number, LikelyCause>();
  for (const r of found) {
    const incident = incidents.get(Number(r.incident_id));
    if (incident) out.set(Number(r.at_id), toCause(incident));
  }
  return out;
}

/**
 * The likely cause of each of these events (by id), for the ones the rule ties to an incident:
 * only lock, cooldown, wrong-code and expiry events of a known user can have one.
 */
export async function likelyCausesOfEvents(
  manager: EntityManager,
  eventIds: number[],
): Promise<Map<number, LikelyCause>> {
  if (!eventIds.length) return new Map();
  const rows = (await manager.query(
    `SELECT e.id AS at_id, ${likelyCauseIdSql('e.user_id', 'e.occurred_at')} AS incident_id FROM events e
     WHERE e.id IN (${eventIds.map(() => '?').join(', ')}) AND e.type IN (${CAUSED_IN}) AND e.user_id IS NOT NULL`,
    eventIds,
  )) as { at_id: number; incident_id: number | null }[];
  return causesByRow(manager, rows);
}

/** The likely cause of each user's current lock or cooldown (users by id), where the rule finds one. */
export async function likelyCausesOfBlocks(
  manager: EntityManager,
  userIds: number[],
  now: number,
): Promise<Map<number, LikelyCause>> {
  if (!userIds.length) return new Map();
  const rows = (await manager.query(
    `SELECT u.id AS at_id, ${likelyCauseIdSql('u.id', currentBlockAtSql('u'))} AS incident_id FROM users u
     WHERE u.id IN (${userIds.map(() => '?').join(', ')}) AND (u.locked_at IS NOT NULL OR u.cooldown_until > ?)`,
    [...userIds, now],
  )) as { at_id: number; incident_id: number | null }[];
  return causesByRow(manager, rows);
}

/** A user's recent lock, cooldown, wrong-code and expiry events that the rule ties to an incident, newest first. */
export async function likelyCausedEventsOfUser(
  manager: EntityManager,
  userId: number,
  limit = 20,
): Promise<{ eventId: number; type: string; at: number; cause: LikelyCause }[]> {
  const events = (await manager.query(
    `SELECT id, type, occurred_at FROM events WHERE user_id = ? AND type IN (${CAUSED_IN})
     ORDER BY occurred_at DESC, id DESC LIMIT 200`,
    [userId],
  )) as { id: number; type: string; occurred_at: number }[];
  const causes = await likelyCausesOfEvents(
    manager,
    events.map((e) => Number(e.id)),
  );
  return events
    .filter((e) => causes.has(Number(e.id)))
    .slice(0, limit)
    .map((e) => ({
      eventId: Number(e.id),
      type: e.type,
      at: Number(e.occurred_at),
      cause: causes.get(Number(e.id)) as LikelyCause,
    }));
}

/** For the user view: the cause of the current lock or cooldown, and of the recent caused events. */
export async function likelyCausesForUser(manager: EntityManager, email: string, now: number) {
  const [user] = (await manager.query(`SELECT id FROM users WHERE lower(email) = lower(?)`, [email])) as {
    id: number;
  }[];
  if (!user) throw new DomainError('NOT_FOUND', `email: there is no user ${email}.`);
  const current = (await likelyCausesOfBlocks(manager, [Number(user.id)], now)).get(Number(user.id)) ?? null;
  return { current, events: await likelyCausedEventsOfUser(manager, Number(user.id)) };
}

/** For the explorer's drawer: the incident behind one event, or null. */
export async function eventLikelyCause(manager: EntityManager, eventId: number): Promise<LikelyCause | null> {
  return (await likelyCausesOfEvents(manager, [eventId])).get(eventId) ?? null;
}

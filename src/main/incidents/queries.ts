import type { EntityManager } from 'typeorm';
import type {
  IncidentDetail,
  IncidentHour,
  IncidentKindId,
  IncidentSummary,
  IncidentUser,
  IncidentUserRole,
} from '../../shared/contract/incidents';
import { providerCode } from '../../shared/provider-codes';
import { DomainError } from '../core/domain-error';
import { HOUR_MS } from './rollups';
import type { KeyKind } from './series';
import { incidentSubjects, SUBJECT, type SubjectIncident } from './subjects';
import { keyCondition, FAILURE_IN } from './key-filter';

/** Who an incident's users are: users-table rows (live), or the emails/phones of the events (a workspace). */
export type SubjectsMode = 'users' | 'events';

const asSubjectIncident = (row: IncidentRow, now: number): SubjectIncident => ({
  id: Number(row.id),
  kind: row.kind,
  keyKind: row.key_kind as KeyKind,
  key: row.key,
  onsetAt: Number(row.onset_at),
  endAt: Number(row.closed_at ?? now),
});

interface IncidentRow {
  id: number;
  kind: IncidentKindId;
  key_kind: string;
  key: string;
  carrier: string | null;
  country: string | null;
  provider: string | null;
  provider_code: string | null;
  prefix: string | null;
  opened_at: number;
  onset_at: number;
  closed_at: number | null;
  peak_rate: number;
  baseline_rate: number;
  failures: number;
  sends: number;
  conversions: number | null;
  p_value: number;
  affected_users: number;
  top_code: string | null;
}

const COLUMNS = `id, kind, key_kind, key, carrier, country, provider, provider_code, prefix, opened_at, onset_at,
  closed_at, peak_rate, baseline_rate, failures, sends, conversions, p_value, affected_users, top_code`;

export function incidentLabel(kind: string, keyKind: string, key: string): string {
  switch (kind) {
    case 'carrier':
      return `Carrier ${key}`;
    case 'country':
      return `Destination country ${key}`;
    case 'provider':
      return `Provider ${key}`;
    case 'error': {
      const title = providerCode(key)?.title;
      return title ? `Error ${key} (${title.toLowerCase()})` : `Error ${key}`;
    }
    default:
      return keyKind === 'prefix' ? `SMS pumping to numbers ${key}…` : `SMS pumping to country ${key}`;
  }
}

function summary(row: IncidentRow): IncidentSummary {
  const pumping = row.kind === 'pumping';
  const sends = Number(row.sends);
  const failures = Number(row.failures);
  const conversions = Number(row.conversions ?? 0);
  return {
    id: Number(row.id),
    kind: row.kind,
    keyKind: row.key_kind,
    key: {
      carrier: row.carrier,
      country: row.country,
      provider: row.provider,
      providerCode: row.provider_code,
      prefix: row.prefix,
    },
    label: incidentLabel(row.kind, row.key_kind, row.key),
    startedAt: Number(row.onset_at),
    detectedAt: Number(row.opened_at),
    endedAt: row.closed_at == null ? null : Number(row.closed_at),
    failures,
    sends,
    conversions,
    affectedUsers: Number(row.affected_users),
    rate: sends > 0 ? (pumping ? conversions : failures) / sends : null,
    peakRate: Number(row.peak_rate),
    baselineRate: Number(row.baseline_rate),
    pValue: Number(row.p_value),
    topCode: row.top_code,
  };
}

export interface ListFilters {
  from?: number;
  to?: number;
  kind?: IncidentKindId;
  key?: string;
  ongoing?: boolean;
  limit?: number;
}

/** Incidents overlapping [from, to], newest onset first, through the onset index. */
export async function listIncidents(manager: EntityManager, filters: ListFilters): Promise<IncidentSummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filters.to !== undefined) add('onset_at <= ?', filters.to);
  if (filters.from !== undefined) add('(closed_at IS NULL OR closed_at >= ?)', filters.from);
  if (filters.kind) add('kind = ?', filters.kind);
  if (filters.key) add('key = ?', filters.key);
  if (filters.ongoing !== undefined) where.push(filters.ongoing ? 'closed_at IS NULL' : 'closed_at IS NOT NULL');
  params.push(filters.limit ?? 100);
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY onset_at DESC, id DESC LIMIT ?`,
    params,
  )) as IncidentRow[];
  return rows.map(summary);
}

async function incidentRow(manager: EntityManager, id: number): Promise<IncidentRow> {
  const [row] = (await manager.query(`SELECT ${COLUMNS} FROM incidents WHERE id = ?`, [id])) as IncidentRow[];
  if (!row)
    throw new DomainError(
      'NOT_FOUND',
      `id: there is no incident ${id} (the detector may have re-dated it; list them again).`,
    );
  return row;
}

const KEY_COLUMN: Record<string, string> = {
  carrier: 'carrier',
  country: 'country',
  provider: 'provider',
  error: 'provider_code',
  prefix: 'prefix',
};

/** An hour's attempts from its rollup rows (as `attemptsOf` in series.ts). */
const ATTEMPTS_SQL = `MAX(SUM(sends), SUM(delivered) + SUM(delivery_failures)) + SUM(provider_failures)`;

/** The key's hourly sends and failures from the rollups, over [fromHour, toHour]. */
async function hourlySeries(
  manager: EntityManager,
  row: IncidentRow,
  fromHour: number,
  toHour: number,
): Promise<IncidentHour[]> {
  const column = KEY_COLUMN[row.key_kind];
  const pumping = row.kind === 'pumping';
  const rows = (await manager.query(
    row.kind === 'error'
      ? `SELECT hour, ${ATTEMPTS_SQL} AS sends,
           SUM(CASE WHEN provider_code = ? THEN delivery_failures + provider_failures ELSE 0 END) AS failures,
           SUM(conversions) AS conversions
         FROM event_hourly_rollups WHERE hour >= ? AND hour <= ? GROUP BY hour`
      : `SELECT hour, ${pumping ? 'SUM(sends + delivered)' : ATTEMPTS_SQL} AS sends,
           SUM(${pumping ? 'delivery_failures' : 'delivery_failures + provider_failures'}) AS failures,
           SUM(conversions) AS conversions
         FROM event_hourly_rollups WHERE ${column} = ? AND hour >= ? AND hour <= ? GROUP BY hour`,
    [row.key, fromHour, toHour],
  )) as { hour: number; sends: number; failures: number; conversions: number }[];
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  const out: IncidentHour[] = [];
  for (let h = fromHour; h <= toHour; h++) {
    const r = byHour.get(h);
    const sends = Number(r?.sends ?? 0);
    const failures = Number(r?.failures ?? 0);
    const conversions = Number(r?.conversions ?? 0);
    const exposure = pumping ? sends : Math.max(sends, failures);
    out.push({
      hour: h * HOUR_MS,
      sends,
      failures,
      conversions,
      rate: exposure > 0 ? (pumping ? conversions : failures) / exposure : null,
    });
  }
  return out;
}

const ROLE_ORDER: IncidentUserRole[] = ['failed', 'locked', 'cooldown'];

/** The incident's users with their roles, their failures in it, and whether they are locked or cooling down now. */
async function users(manager: EntityManager, id: number, now: number, limit: number, roles?: IncidentUserRole[]) {
  const rows = (await manager.query(
    `SELECT u.id, u.name, u.email, GROUP_CONCAT(iu.role) AS roles, SUM(iu.failures) AS failures,
       u.locked_at IS NOT NULL AS locked, COALESCE(u.cooldown_until, 0) > ? AS cooling
     FROM incident_users iu JOIN users u ON u.id = iu.user_id
     WHERE iu.incident_id = ? ${roles ? `AND iu.user_id IN (SELECT user_id FROM incident_users WHERE incident_id = ? AND role IN (${roles.map(() => '?').join(', ')}))` : ''}
     GROUP BY u.id ORDER BY SUM(iu.failures) DESC, u.id ${limit < 0 ? '' : 'LIMIT ?'}`,
    [now, id, ...(roles ? [id, ...roles] : []), ...(limit < 0 ? [] : [limit])],
  )) as { id: number; name: string; email: string; roles: string; failures: number; locked: number; cooling: number }[];
  return rows.map((r): IncidentUser => ({
    id: Number(r.id),
    name: r.name,
    email: r.email,
    roles: ROLE_ORDER.filter((role) => String(r.roles).split(',').includes(role)),
    failures: Number(r.failures),
    lockedNow: Boolean(r.locked),
    coolingDownNow: Boolean(r.cooling),
  }));
}

const DETAIL_USERS = 200;

/** An incident with its evidence: the key's hours around it, its error codes, its users. */
export async function incidentDetail(
  manager: EntityManager,
  id: number,
  now: number,
  subjects: SubjectsMode = 'users',
): Promise<IncidentDetail> {
  const row = await incidentRow(manager, id);
  const onsetHour = Math.floor(Number(row.onset_at) / HOUR_MS);
  const endHour = Math.floor(Number(row.closed_at ?? now) / HOUR_MS);
  const hourly = await hourlySeries(manager, row, onsetHour - 24, Math.min(endHour + 24, Math.floor(now / HOUR_MS)));
  const column = KEY_COLUMN[row.key_kind];
  const codes = (await manager.query(
    `SELECT provider_code AS code, SUM(delivery_failures + provider_failures) AS failures FROM event_hourly_rollups
     WHERE hour >= ? AND hour <= ? AND ${column} = ? AND provider_code <> ''
     GROUP BY provider_code ORDER BY failures DESC LIMIT 5`,
    [onsetHour, endHour, row.key],
  )) as { code: string; failures: number }[];
  const [count] = (
    subjects === 'events'
      ? [{ n: row.affected_users }]
      : await manager.query(`SELECT COUNT(DISTINCT user_id) AS n FROM incident_users WHERE incident_id = ?`, [id])
  ) as { n: number }[];
  return {
    incident: summary(row),
    hourly,
    topCodes: codes.map((c) => ({
      code: c.code,
      failures: Number(c.failures),
      title: providerCode(c.code)?.title ?? null,
    })),
    users:
      subjects === 'events'
        ? await incidentSubjects(manager, asSubjectIncident(row, now), DETAIL_USERS)
        : await users(manager, id, now, DETAIL_USERS),
    totalUsers: Number(count.n),
  };
}

/** Every user of an incident (optionally only those with some roles), for bulk remediation. */
export async function incidentUsers(
  manager: EntityManager,
  id: number,
  now: number,
  roles?: IncidentUserRole[],
  subjects: SubjectsMode = 'users',
): Promise<IncidentUser[]> {
  const row = await incidentRow(manager, id);
  if (subjects === 'events') return incidentSubjects(manager, asSubjectIncident(row, now), -1, roles);
  return users(manager, id, now, -1, roles);
}

/** The incidents a user was caught in, newest first: "one of N victims". */
export async function incidentsForUser(
  manager: EntityManager,
  email: string,
  subjects: SubjectsMode = 'users',
  now = 0,
) {
  if (subjects === 'events') return incidentsForSubject(manager, email, now);
  const [user] = (await manager.query(`SELECT id FROM users WHERE lower(email) = lower(?)`, [email])) as {
    id: number;
  }[];
  if (!user) throw new DomainError('NOT_FOUND', `email: there is no user ${email}.`);
  const rows = (await manager.query(
    `SELECT ${COLUMNS.split(',')
      .map((c) => `i.${c.trim()}`)
      .join(', ')}, GROUP_CONCAT(iu.role) AS roles
     FROM incident_users iu JOIN incidents i ON i.id = iu.incident_id
     WHERE iu.user_id = ? GROUP BY i.id ORDER BY i.onset_at DESC LIMIT 50`,
    [user.id],
  )) as (IncidentRow & { roles: string })[];
  return rows.map((r) => ({
    ...summary(r),
    roles: ROLE_ORDER.filter((role) => String(r.roles).split(',').includes(role)),
  }));
}

/**
 * In a workspace: the incidents in which deliveries to this email failed on the incident's key,
 * newest first (the imported events name the person by email; there is no users table).
 */
async function incidentsForSubject(manager: EntityManager, email: string, now: number) {
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM incidents ORDER BY onset_at DESC LIMIT 500`,
  )) as IncidentRow[];
  const out: (IncidentSummary & { roles: IncidentUserRole[] })[] = [];
  for (const row of rows) {
    const types = row.kind === 'pumping' ? `'code_sent'` : FAILURE_IN;
    const [hit] = (await manager.query(
      `SELECT 1 AS one FROM events WHERE ${keyCondition(row.key_kind as KeyKind)} AND occurred_at >= ? AND occurred_at <= ?
         AND type IN (${types}) AND ${SUBJECT} = lower(?) LIMIT 1`,
      [row.key, Number(row.onset_at), Number(row.closed_at ?? now), email],
    )) as unknown[];
    if (!hit) continue;
    const [person] = await incidentSubjects(manager, asSubjectIncident(row, now), -1).then((all) =>
      all.filter((u) => u.email.toLowerCase() === email.toLowerCase()),
    );
    out.push({ ...summary(row), roles: person?.roles ?? ['failed'] });
    if (out.length === 50) break;
  }
  return out;
}

import type {
  NumberHistoryView,
  UserEventView,
  UserFilter,
  UserListValue,
  UserView,
} from '../../shared/contract/users';
import type { OutboxMessageView } from '../../shared/contract/verify';
import { eventType } from '../../shared/events';
import { maskPhone } from '../../shared/mask';
import { phoneSearch } from '../../shared/phone-search';
import { appendEvent } from '../events/append';
import { phoneTypeLabel, phoneTypeWarning } from '../phone';
import { loadPolicy } from '../settings/policy';
import { backupCodesView } from './backup-codes';
import { latestCallerCheck } from './caller-check';
import type { EngineDeps } from './deps';
import { countActiveAdministrators, readFirmPolicy } from './firm-policy';
import { requireOperator } from '../users/operators';
import { refuse } from './outcome';
import { STATE_SQL } from './state';
import { temporaryAccessView } from './safer/temporary-access';
import { explainStatus } from './status';
import { toSummary } from './summary';
import { countActiveDevices, listTrustedDevices } from './trusted-devices';
import { lockCause } from '../users/lock-cause';
import { blockCausedSql, likelyCausesOfBlocks } from '../incidents/likely-cause';
import { eventUser, findUser, requireUser, type UserRow } from '../users/user-row';

const RECENT_EVENTS = 20;

const FILTER_SQL: Record<UserFilter, { sql: string; usesNow: boolean }> = {
  locked: { sql: STATE_SQL.locked, usesNow: false },
  cooldown: { sql: STATE_SQL.cooldown, usesNow: true },
  '2fa-disabled': { sql: STATE_SQL.twoFactorDisabled, usesNow: true },
  'not-enrolled': { sql: STATE_SQL.notEnrolled, usesNow: false },
  'not-my-number': { sql: STATE_SQL.notMyNumber, usesNow: false },
  deactivated: { sql: STATE_SQL.deactivated, usesNow: false },
  'shares-number': {
    sql: 'phone_e164 IS NOT NULL AND EXISTS (SELECT 1 FROM users other WHERE other.phone_e164 = users.phone_e164 AND other.id <> users.id)',
    usesNow: false,
  },
  // `?` is the start of the window (now minus changedWithinDays), bound below.
  'phone-changed': { sql: 'phone_changed_at >= ?', usesNow: true },
  'incident-caused': { sql: blockCausedSql('users'), usesNow: true },
};

const DAY_MS = 86_400_000;

interface Cursor {
  name: string;
  id: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (typeof value.name === 'string' && Number.isInteger(value.id)) return value;
  } catch {
    // fall through
  }
  return refuse('NOT_FOUND' as never, 'after: not a cursor this console gave out.');
}

/**
 * The directory: search by name, email or phone digits; the filters locked, cooldown,
 * 2fa-disabled, not-enrolled, not-my-number; keyset pages ordered by name.
 */
export async function listUsers(
  deps: EngineDeps,
  input: { search?: string; filter?: UserFilter; changedWithinDays?: number; limit?: number; after?: string },
): Promise<UserListValue> {
  const limit = input.limit ?? 50;
  return deps.db.read(async (manager) => {
    const now = deps.clock.now();
    const where: string[] = [];
    const params: unknown[] = [];
    const search = input.search?.trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const parts = [`name LIKE ? ESCAPE '\\'`, `email LIKE ? ESCAPE '\\'`];
      params.push(like, like);
      // Phone digits, by the Error log's rule too: "7111 222333", "07111222333", "+44 (0)7111..."
      // and the last four, "2333", all find +447111222333.
      const phone = phoneSearch(search);
      if (phone) {
        parts.push('(phone_e164 LIKE ? OR phone_e164 LIKE ?)');
        params.push(`%${phone.national}%`, `%${phone.digits}%`);
      }
      where.push(`(${parts.join(' OR ')})`);
    }
    if (input.filter) {
      const filter = FILTER_SQL[input.filter];
      where.push(filter.sql);
      if (input.filter === 'phone-changed') params.push(now - (input.changedWithinDays ?? 7) * DAY_MS);
      else if (filter.usesNow) params.push(now);
    }
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = (await manager.query(`SELECT COUNT(*) AS n FROM users ${filtered}`, params)) as { n: number }[];
    const pageWhere = [...where];
    const pageParams = [...params];
    if (input.after) {
      const cursor = decodeCursor(input.after);
      pageWhere.push('(name COLLATE NOCASE, id) > (? COLLATE NOCASE, ?)');
      pageParams.push(cursor.name, cursor.id);
    }
    const rows = (await manager.query(
      `SELECT * FROM users ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY name COLLATE NOCASE, id LIMIT ?`,
      [...pageParams, limit + 1],
    )) as UserRow[];
    const firm = await readFirmPolicy(manager);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const blocked = page.filter((row) => row.locked_at !== null || (row.cooldown_until ?? 0) > now);
    const causes = await likelyCausesOfBlocks(
      manager,
      blocked.map((row) => row.id),
      now,
    );
    return {
      users: page.map((row) => ({ ...toSummary(row, now, firm.enabled), likelyCause: causes.get(row.id) ?? null })),
      total: Number(n),
      nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
    };
  });
}

interface EventRow {
  id: number;
  occurred_at: number;
  type: string;
  message: string | null;
  provider_code: string | null;
  carrier: string | null;
  actor: string | null;
  reason: string | null;
}

/** Everything the user view shows: status explainer, masked phone, devices, backup codes left, recent events. */
export async function getUser(deps: EngineDeps, input: { email: string; operator?: string }): Promise<UserView> {
  return deps.db.read(async (manager) => {
    const now = deps.clock.now();
    const user = await requireUser(manager, input.email);
    const operator = input.operator ? await findUser(manager, input.operator) : null;
    const policy = await loadPolicy(manager);
    const firm = await readFirmPolicy(manager);
    const backupCodes = await backupCodesView(manager, user.id);
    const activeDevices = await countActiveDevices(manager, user.id, now);
    const events = (await manager.query(
      `SELECT id, occurred_at, type, message, provider_code, carrier, actor, reason FROM events
       WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      [user.id, RECENT_EVENTS],
    )) as EventRow[];
    const sharedWith = user.phone_e164
      ? ((await manager.query(
          'SELECT email, name, status FROM users WHERE phone_e164 = ? AND id <> ? ORDER BY name COLLATE NOCASE LIMIT 50',
          [user.phone_e164, user.id],
        )) as NumberHistoryView['sharedWith'])
      : [];
    return {
      user: toSummary(user, now, firm.enabled),
      numberHistory: { sharedWith, changedAt: user.phone_changed_at, changedBy: user.phone_changed_by },
      temporaryAccess: await temporaryAccessView(manager, user, now),
      phone: user.phone_e164
        ? {
            masked: maskPhone(user.phone_e164) as string,
            type: user.phone_type,
            typeLabel: phoneTypeLabel(user.phone_type),
            country: user.phone_country,
            carrier: user.phone_carrier,
            lookedUpAt: user.phone_looked_up_at,
            warning: phoneTypeWarning(user.phone_type),
          }
        : null,
      backupCodes,
      trustedDevices: await listTrustedDevices(manager, user.id, now),
      recentEvents: events.map(toEventView),
      status: explainStatus(user, {
        now,
        policy,
        firmTwoFactor: firm.enabled,
        activeAdministrators: await countActiveAdministrators(manager),
        activeDevices,
        backupCodesRemaining: backupCodes.remaining,
        operator,
        lock: await lockCause(manager, user),
      }),
      firmTwoFactor: firm.enabled,
      callerCheck: await latestCallerCheck(manager, user, now, operator?.email ?? null),
    };
  });
}

function toEventView(row: EventRow): UserEventView {
  const info = eventType(row.type);
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    type: row.type,
    label: info?.label ?? row.type,
    kind: info?.kind ?? 'info',
    message: row.message,
    providerCode: row.provider_code,
    carrier: row.carrier,
    actor: row.actor,
    reason: row.reason,
  };
}

/** The full number, for an operator who asks; the view is audited as phone_revealed. */
export async function revealPhone(deps: EngineDeps, input: { email: string; actor: string; reason: string }) {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, 'view full phone numbers');
    const user = await requireUser(manager, input.email);
    if (!user.phone_e164) refuse('NO_PHONE', `${user.email} has no phone number registered.`);
    await appendEvent(manager, {
      occurredAt: now,
      type: 'phone_revealed',
      ...eventUser(user),
      actor: operator.email,
      reason: input.reason,
    });
    return { e164: user.phone_e164 as string };
  });
}

/** What the simulated provider delivered to the user's phone, newest first. */
type OutboxRow = { id: number; phone: string; body: string; session_id: string | null; sent_at: number };

const outboxView = (rows: OutboxRow[]): OutboxMessageView[] =>
  rows.map((r) => ({
    id: r.id,
    // Masked like everywhere else in the console: the full number is shown only by the audited reveal.
    phone: maskPhone(r.phone) ?? r.phone,
    body: r.body,
    sessionId: r.session_id,
    sentAt: r.sent_at,
  }));

/**
 * What the simulated provider delivered to a user's phone: for administrators (the simulated phone
 * is a training aid; its messages carry codes, so the helpdesk does not read them).
 */
export async function outbox(
  deps: EngineDeps,
  input: { email: string; limit?: number; actor: string },
): Promise<{ messages: OutboxMessageView[] }> {
  return deps.db.read(async (manager) => {
    await requireOperator(manager, input.actor, "read the simulated phone's messages", true);
    const user = await requireUser(manager, input.email);
    if (!user.phone_e164) return { messages: [] };
    const rows = (await manager.query(
      `SELECT id, phone, body, session_id, sent_at FROM simulated_outbox WHERE phone = ? ORDER BY sent_at DESC, id DESC LIMIT ?`,
      [user.phone_e164, input.limit ?? 20],
    )) as OutboxRow[];
    return { messages: outboxView(rows) };
  });
}

/**
 * The user's own sign-in screen with the simulated provider: the messages of this sign-in only (its
 * session, since it started), so a training sign-in can be walked through. Nothing with a real provider.
 */
export async function signInMessages(
  deps: EngineDeps,
  input: { email: string; sessionId: string },
): Promise<{ simulated: boolean; messages: OutboxMessageView[] }> {
  const provider = await deps.providers.active();
  if (provider.id !== 'simulated') return { simulated: false, messages: [] };
  return deps.db.read(async (manager) => {
    const user = await requireUser(manager, input.email);
    const [session] = (await manager.query(
      `SELECT id, created_at FROM verification_sessions WHERE id = ? AND user_id = ? AND purpose = 'sign_in'`,
      [input.sessionId, user.id],
    )) as { id: string; created_at: number }[];
    // Or the user's own enrolment of a new number (after "Reset 2FA"): its code went to that number.
    const [enrolment] = session
      ? []
      : ((await manager.query(
          `SELECT id, phone_e164 FROM phone_changes WHERE id = ? AND user_id = ? AND kind = 'enrolment'`,
          [input.sessionId, user.id],
        )) as { id: string; phone_e164: string }[]);
    const phone = enrolment ? enrolment.phone_e164 : user.phone_e164;
    const id = enrolment ? enrolment.id : session?.id;
    if (!id || !phone) return { simulated: true, messages: [] };
    const rows = (await manager.query(
      `SELECT id, phone, body, session_id, sent_at FROM simulated_outbox
       WHERE phone = ? AND session_id = ? ORDER BY sent_at DESC, id DESC LIMIT 5`,
      [phone, id],
    )) as OutboxRow[];
    return { simulated: true, messages: outboxView(rows) };
  });
}

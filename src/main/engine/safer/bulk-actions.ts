import type { BulkAction, BulkPreviewValue, BulkResultValue, UserFilter } from '../../../shared/contract/users';
import { DomainError } from '../../core/domain-error';
import { resetCooldown, unlockUser } from '../admin-actions';
import type { EngineDeps } from '../deps';
import { newSessionId } from '../secrets';
import { cooldownActive, isLocked } from '../state';
import { requireOperator } from '../../users/operators';
import { findUser, type UserRow } from '../../users/user-row';
import { listUsers } from '../views';
import { incidentRemediation } from '../../incidents/remediation';

/** At most this many users in one bulk action (a page of the directory). */
export const BULK_LIMIT = 500;

export interface BulkSelection {
  action: BulkAction;
  /** The directory's selection; or, without it, everyone its search and filter match. */
  emails?: string[];
  search?: string;
  filter?: UserFilter;
  /** An incident's affected users: changed only where the likely-cause rule ties their lock or cooldown to it. */
  incidentId?: number;
}

const ACTION = {
  unlock: { what: 'unlock accounts', applies: (u: UserRow) => isLocked(u), not: 'not locked', run: unlockUser },
  'reset-cooldown': {
    what: 'reset cooldowns',
    applies: (u: UserRow, now: number) => cooldownActive(u, now),
    not: 'not in cooldown',
    run: resetCooldown,
  },
} as const;

async function selectedEmails(deps: EngineDeps, selection: BulkSelection): Promise<{ emails: string[]; more: number }> {
  if (selection.emails) return { emails: selection.emails, more: 0 };
  const page = await listUsers(deps, { search: selection.search, filter: selection.filter, limit: BULK_LIMIT });
  return { emails: page.users.map((u) => u.email), more: Math.max(0, page.total - page.users.length) };
}

/**
 * Exactly who a bulk unlock or cooldown reset would change: among the selection, those locked (or
 * in cooldown); everyone else is listed with why not, the operator themself always skipped.
 */
export async function previewBulk(
  deps: EngineDeps,
  input: BulkSelection & { actor: string },
): Promise<BulkPreviewValue> {
  const action = ACTION[input.action];
  const { emails: chosen, more } = input.incidentId ? { emails: [], more: 0 } : await selectedEmails(deps, input);
  return deps.db.read(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, action.what);
    const incident = input.incidentId ? await incidentRemediation(manager, input.incidentId, now) : null;
    const emails = incident ? incident.emails : chosen;
    const affected: BulkPreviewValue['affected'] = [];
    const skipped: BulkPreviewValue['skipped'] = [];
    for (const email of emails) {
      const user = await findUser(manager, email);
      if (!user) skipped.push({ email, name: null, why: 'no such user' });
      else if (user.id === operator.id) {
        skipped.push({ email, name: user.name, why: 'your own account: operators do not act on themselves' });
      } else if (!action.applies(user, now)) skipped.push({ email, name: user.name, why: action.not });
      else if (incident && !incident.tied.has(user.email.toLowerCase())) {
        skipped.push({
          email,
          name: user.name,
          why: `${input.action === 'unlock' ? 'locked' : 'in cooldown'}, but not after this incident's failed deliveries to them`,
        });
      } else {
        affected.push({
          email: user.email,
          name: user.name,
          lockedAt: user.locked_at,
          cooldownUntil: cooldownActive(user, now) ? user.cooldown_until : null,
        });
      }
    }
    return { action: input.action, affected, skipped, notShown: more, incidentId: input.incidentId };
  });
}

/**
 * A bulk unlock or cooldown reset: one reason, each user in their own transaction through the same
 * admin action as one at a time (every rule on it applies), one event per user tying them to one
 * batch, and a result per user. The operator's own account is never touched.
 */
export async function runBulk(
  deps: EngineDeps,
  input: {
    action: BulkAction;
    emails: string[];
    reason: string;
    actor: string;
    verifiedAnotherWay?: string;
    incidentId?: number;
  },
): Promise<BulkResultValue> {
  if (input.emails.length > BULK_LIMIT) {
    throw new DomainError('INVALID_INPUT', `emails: at most ${BULK_LIMIT} users in one bulk action.`);
  }
  const action = ACTION[input.action];
  const self = await deps.db.read((m) => requireOperator(m, input.actor, action.what));
  const bulkId = newSessionId();
  const unique = [...new Set(input.emails.map((e) => e.toLowerCase()))];
  if (input.incidentId) {
    // From an incident's page: exactly its users, none slipped in beside them.
    const incidentId = input.incidentId;
    const { emails } = await deps.db.read((m) => incidentRemediation(m, incidentId, deps.clock.now()));
    const members = new Set(emails.map((e) => e.toLowerCase()));
    const outsider = unique.findIndex((e) => !members.has(e));
    if (outsider >= 0) {
      throw new DomainError(
        'INVALID_INPUT',
        `emails[${outsider}]: ${unique[outsider]} is not one of incident ${incidentId}'s affected users; nobody was changed.`,
        { field: `emails[${outsider}]`, incidentId },
      );
    }
  }
  const result: BulkResultValue = { bulkId, action: input.action, done: [], skipped: [], failed: [] };
  for (const email of unique) {
    if (email === self.email.toLowerCase()) {
      result.skipped.push({ email, why: 'your own account: operators do not act on themselves' });
      continue;
    }
    try {
      const done = await action.run(deps, {
        email,
        actor: input.actor,
        reason: input.reason,
        verifiedAnotherWay: input.verifiedAnotherWay,
        details: {
          bulk: { id: bulkId, size: unique.length, ...(input.incidentId ? { incident: input.incidentId } : {}) },
        },
      });
      result.done.push({ email, name: done.user.name, eventId: done.eventId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'NOTHING_TO_DO') result.skipped.push({ email, why: `${action.not} any more` });
      else result.failed.push({ email, code: error.code, message: error.message });
    }
  }
  return result;
}

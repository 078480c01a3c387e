import type { AddUserValue, PhoneCheckValue, Role } from '../../shared/contract/users';
import { maskPhone } from '../../shared/mask';
import { DomainError } from '../core/domain-error';
import { appendEvent } from '../events/append';
import { parsePhone, type ParsedPhone } from '../phone';
import type { EngineDeps } from './deps';
import { readFirmPolicy } from './firm-policy';
import { hashPassword } from './operators/passwords';
import { temporaryPassword } from './secrets';
import { possibleApprovers } from './approvals/file';
import { requireOperator } from '../users/operators';
import { refuse } from './outcome';
import { eventUser, findUser, userById } from '../users/user-row';
import { toSummary } from './summary';

/** A typed number in E.164, or INVALID_PHONE saying what is wrong with it. */
export function requirePhone(phone: string, country?: string): ParsedPhone {
  const parsed = parsePhone(phone, country);
  if (!parsed.ok) throw new DomainError('INVALID_PHONE', parsed.message, { reason: parsed.reason });
  return parsed;
}

export function checkPhone(input: { phone: string; country?: string }): PhoneCheckValue {
  const parsed = requirePhone(input.phone, input.country);
  return {
    e164: parsed.e164,
    masked: maskPhone(parsed.e164) ?? parsed.e164,
    country: parsed.country,
    type: parsed.type,
    warning: parsed.warning,
  };
}

/**
 * Adds a user. With a phone number they are enrolled (2FA enabled); without one they are not
 * enrolled. Non-mobile and VoIP numbers are accepted with the warning the helpdesk sees.
 */
export async function addUser(
  deps: EngineDeps,
  input: { name: string; email: string; role: Role; phone?: string; country?: string; actor?: string; reason: string },
): Promise<AddUserValue> {
  const phone = input.phone ? requirePhone(input.phone, input.country) : null;
  // An operator gets a temporary password to sign in with once (then chooses their own).
  const temporary = input.role === 'employee' ? null : temporaryPassword();
  const passwordHash = temporary ? await hashPassword(temporary) : null;
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    // Through the API the actor is always the signed-in operator, who must be an administrator;
    // the engine's own callers (demo data, tests) may add users without one.
    const operator = input.actor ? await requireOperator(manager, input.actor, 'add users', true) : null;
    if (await findUser(manager, input.email))
      refuse('EMAIL_TAKEN', `A user with the email ${input.email} already exists.`);
    // Making an administrator is a two-person action once another administrator could approve it.
    if (operator && input.role === 'administrator' && (await possibleApprovers(manager, operator, null)).length > 0) {
      refuse(
        'APPROVAL_REQUIRED',
        `role: making an administrator needs another administrator's approval. Add ${input.email} as a technician, then Change role to administrator: that files the request.`,
      );
    }
    await manager.query(
      `INSERT INTO users (name, email, role, status, phone_e164, phone_country, phone_type, two_factor, created_at, updated_at,
         password_hash, password_set_at, password_must_change)
       VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        input.name,
        input.email,
        input.role,
        phone?.e164 ?? null,
        phone?.country ?? null,
        phone?.type ?? null,
        phone ? 'enabled' : 'not_enrolled',
        now,
        now,
        passwordHash,
        passwordHash ? now : null,
        passwordHash ? 1 : 0,
      ],
    );
    const [{ id }] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
    const user = await userById(manager, id);
    await appendEvent(manager, {
      occurredAt: now,
      type: 'user_added',
      ...eventUser(user),
      actor: operator?.email ?? null,
      reason: input.reason,
      details: {
        role: user.role,
        twoFactor: user.two_factor,
        phoneType: phone?.type ?? null,
        warning: phone?.warning ?? null,
      },
    });
    const firm = await readFirmPolicy(manager);
    return { user: toSummary(user, now, firm.enabled), warning: phone?.warning ?? null, temporaryPassword: temporary };
  });
}

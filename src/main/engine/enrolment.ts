import type { PhoneCheckValue, Role, UserSummary } from '../../shared/contract/users';
import { maskPhone } from '../../shared/mask';
import { DomainError } from '../core/domain-error';
import { appendEvent } from '../events/append';
import { parsePhone, type ParsedPhone } from '../phone';
import type { EngineDeps } from './deps';
import { countActiveAdministrators, readFirmPolicy } from './firm-policy';
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
  options: { actorRequired?: boolean } = {},
): Promise<{ user: UserSummary; warning: string | null }> {
  const phone = input.phone ? requirePhone(input.phone, input.country) : null;
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = input.actor ? await requireOperator(manager, input.actor, 'add users', true) : null;
    // From a window or browser tab the first administrator is added with no one to vouch for
    // them; after that, only an administrator adds users. (The command line, run by the owner of
    // the machine and the database file, may omit the actor.)
    if (!operator && options.actorRequired && (await countActiveAdministrators(manager)) > 0) {
      refuse('NOT_ADMIN', 'Only administrators may add users: choose the administrator who is adding this user.');
    }
    if (await findUser(manager, input.email))
      refuse('EMAIL_TAKEN', `A user with the email ${input.email} already exists.`);
    await manager.query(
      `INSERT INTO users (name, email, role, status, phone_e164, phone_country, phone_type, two_factor, created_at, updated_at)
       VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
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
    return { user: toSummary(user, now, firm.enabled), warning: phone?.warning ?? null };
  });
}

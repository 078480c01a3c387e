import { DomainError } from '../../core/domain-error';
import type { EngineDeps } from '../deps';
import { recordFailedCheck } from '../failures';
import { loadPolicy } from '../../settings/policy';
import { userById } from '../../users/user-row';

/**
 * A wrong password counts like a wrong code (Password Failure in the log): the same cooldown and
 * lock rules apply to operators as to everyone. The count is committed before the refusal is
 * thrown; when it starts the cooldown or the lock, that is the answer, as for a wrong code.
 */
export async function refuseWrongPassword(deps: EngineDeps, userId: number, message: string): Promise<never> {
  const refusal = await deps.db.transaction(async (manager) =>
    recordFailedCheck(manager, await userById(manager, userId), await loadPolicy(manager), deps.clock.now(), {
      sessionId: null,
      method: 'password',
      code: 'WRONG_PASSWORD',
      message,
      eventType: 'primary_auth_failure',
    }),
  );
  // Below the limits the answer is the plain one, the same as for an email that is no operator's.
  if (refusal.error.code === 'WRONG_PASSWORD') throw new DomainError('WRONG_PASSWORD', message);
  throw refusal.error;
}

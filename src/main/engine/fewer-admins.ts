import type { EntityManager } from 'typeorm';
import { countActiveAdministrators, readFirmPolicy } from './firm-policy';
import { refuse } from './outcome';
import type { UserRow } from '../users/user-row';

/**
 * While 2FA is on firm-wide, the FAQ wants at least two administrators: one who loses their phone
 * needs another to disable their 2FA. Demoting or deactivating an active administrator that leaves
 * fewer than two needs an explicit confirmation; what it returns goes into the event's details.
 */
export async function requireFewerAdminsConfirmed(
  manager: EntityManager,
  user: UserRow,
  doing: 'demoting' | 'deactivating',
  confirmed: boolean | undefined,
): Promise<Record<string, unknown>> {
  if (user.role !== 'administrator' || user.status !== 'active') return {};
  const firm = await readFirmPolicy(manager);
  if (!firm.enabled) return {};
  const left = (await countActiveAdministrators(manager)) - 1;
  if (left >= 2 || left < 1) return {};
  if (!confirmed) {
    refuse(
      'FEWER_ADMINS_UNCONFIRMED',
      `confirmFewerAdmins: ${doing} ${user.email} leaves one active administrator while 2FA is on firm-wide. If that administrator loses their phone or is locked out, no one here can disable their 2FA or approve two-person requests (the FAQ's best practice is at least two). Confirm to go on; a banner stays until there is a second administrator.`,
    );
  }
  return { confirmedFewerAdmins: true, administratorsLeft: left };
}

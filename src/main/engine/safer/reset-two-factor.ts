import type { AdminActionValue } from '../../../shared/contract/users';
import { maskPhone } from '../../../shared/mask';
import { adminAction, nothingToDo, type AdminInput } from '../admin-actions';
import type { EngineDeps } from '../deps';
import { endPendingSessions } from '../sessions';
import { revokeTrustedDevices } from '../trusted-devices';
import { endPendingChanges } from './new-number';

/**
 * "Reset 2FA": the user enrols a number again, with a code sent to it, at their next sign-in; their
 * trusted devices and backup codes stop working now. The number on file stays until the new one is
 * confirmed (the directory still finds the user by it), but no code is sent there any more.
 */
export function resetTwoFactor(deps: EngineDeps, input: AdminInput): Promise<AdminActionValue> {
  return adminAction(deps, input, {
    what: 'reset 2FA',
    needsAdministrator: true,
    callerCheck: true,
    apply: async (manager, user, { now }) => {
      if (user.enrolment_required === 1) nothingToDo(`${user.email} must already enrol again at their next sign-in.`);
      const devices = await revokeTrustedDevices(manager, user.id, now);
      await manager.query(
        'UPDATE backup_codes SET voided_at = ? WHERE user_id = ? AND voided_at IS NULL AND used_at IS NULL',
        [now, user.id],
      );
      const [{ n: codes }] = (await manager.query('SELECT changes() AS n')) as { n: number }[];
      await manager.query('UPDATE users SET enrolment_required = 1, updated_at = ? WHERE id = ?', [now, user.id]);
      await endPendingSessions(manager, user.id);
      await endPendingChanges(manager, user.id, 'enrolment', now);
      return {
        type: 'two_factor_reset',
        summary: `${user.name} must enrol a number (with a code sent to it) at their next sign-in; ${devices} trusted device${devices === 1 ? '' : 's'} and ${codes} unused backup code${codes === 1 ? '' : 's'} revoked. No code goes to ${maskPhone(user.phone_e164) ?? 'the old number'} any more.`,
        details: {
          devicesRevoked: devices,
          backupCodesVoided: Number(codes),
          previousPhone: maskPhone(user.phone_e164),
        },
      };
    },
  });
}

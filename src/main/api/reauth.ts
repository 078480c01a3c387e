import type { AppContext } from '../context';
import { requireRecentPassword } from '../engine/operators/sessions';
import { operatorOf, type CallContext } from './call-context';

/**
 * The high-risk set (disabling 2FA, role changes, firm-wide 2FA, provider settings, unmasked
 * export, approvals) asks for the password again when it was given more than 5 minutes ago:
 * REAUTH_REQUIRED, and the renderer asks for it (sessionReauthenticate) and retries.
 */
export function requireFreshPassword(ctx: AppContext, call: CallContext, what: string): void {
  requireRecentPassword(operatorOf(call), ctx.clock.now(), what);
}

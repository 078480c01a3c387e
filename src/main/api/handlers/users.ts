import type { AppContext } from '../../context';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { requireFreshPassword } from '../reauth';

type UserHandlers = Pick<
  Handlers,
  | 'listUsers'
  | 'getUser'
  | 'addUser'
  | 'checkPhone'
  | 'revealPhone'
  | 'lockUser'
  | 'unlockUser'
  | 'resetCooldown'
  | 'disableTwoFactor'
  | 'enableTwoFactor'
  | 'changePhone'
  | 'confirmPhoneChange'
  | 'resetTwoFactor'
  | 'issueTemporaryAccess'
  | 'revokeTemporaryAccess'
  | 'previewBulkAction'
  | 'runBulkAction'
  | 'revokeDevices'
  | 'deactivateUser'
  | 'reactivateUser'
  | 'setRole'
>;

/**
 * After a number is set or changed, Twilio Lookup (when it is on in Settings) records the line
 * type and carrier on the user. It never fails the change: a failed lookup leaves them unknown.
 */
async function lookUpNumber<T extends { user: { id: number } }>(ctx: AppContext, result: T): Promise<T> {
  const [row] = await ctx.db.query<{ phone_e164: string | null }>('SELECT phone_e164 FROM users WHERE id = ?', [
    result.user.id,
  ]);
  if (row?.phone_e164) await ctx.twilio.lookupIfEnabled(row.phone_e164, result.user.id);
  return result;
}

/** The directory, the user view and the helpdesk's admin actions. */
export function userHandlers(ctx: AppContext): UserHandlers {
  const engine = ctx.engine;
  return {
    listUsers: (input) => engine.listUsers(input),
    getUser: (input, call) => engine.getUser({ ...input, operator: actorOf(call) }),
    addUser: async (input, call) => lookUpNumber(ctx, await engine.addUser({ ...input, actor: actorOf(call) })),
    checkPhone: async (input) => engine.checkPhone(input),
    revealPhone: (input, call) => engine.revealPhone({ ...input, actor: actorOf(call) }),
    lockUser: (input, call) => engine.lockUser({ ...input, actor: actorOf(call) }),
    unlockUser: (input, call) => engine.unlockUser({ ...input, actor: actorOf(call) }),
    resetCooldown: (input, call) => engine.resetCooldown({ ...input, actor: actorOf(call) }),
    disableTwoFactor: (input, call) => {
      requireFreshPassword(ctx, call, 'disable 2FA');
      return engine.disableTwoFactor({ ...input, actor: actorOf(call) });
    },
    enableTwoFactor: (input, call) => engine.enableTwoFactor({ ...input, actor: actorOf(call) }),
    changePhone: (input, call) => engine.changePhone({ ...input, actor: actorOf(call) }),
    confirmPhoneChange: async (input, call) =>
      lookUpNumber(ctx, await engine.confirmPhoneChange({ ...input, actor: actorOf(call) })),
    resetTwoFactor: (input, call) => engine.resetTwoFactor({ ...input, actor: actorOf(call) }),
    issueTemporaryAccess: (input, call) => engine.issueTemporaryAccess({ ...input, actor: actorOf(call) }),
    revokeTemporaryAccess: (input, call) => engine.revokeTemporaryAccess({ ...input, actor: actorOf(call) }),
    previewBulkAction: (input, call) => engine.previewBulkAction({ ...input, actor: actorOf(call) }),
    runBulkAction: (input, call) => engine.runBulkAction({ ...input, actor: actorOf(call) }),
    revokeDevices: (input, call) => engine.revokeDevices({ ...input, actor: actorOf(call) }),
    deactivateUser: (input, call) => engine.deactivateUser({ ...input, actor: actorOf(call) }),
    reactivateUser: (input, call) => engine.reactivateUser({ ...input, actor: actorOf(call) }),
    setRole: (input, call) => {
      requireFreshPassword(ctx, call, 'change a role');
      return engine.setRole({ ...input, actor: actorOf(call) });
    },
  };
}

import type { AppContext } from '../../context';
import type { Handlers } from '../dispatch';

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
    getUser: (input) => engine.getUser(input),
    addUser: async (input) => lookUpNumber(ctx, await engine.addUser(input, { actorRequired: ctx.shell !== 'cli' })),
    checkPhone: async (input) => engine.checkPhone(input),
    revealPhone: (input) => engine.revealPhone(input),
    lockUser: (input) => engine.lockUser(input),
    unlockUser: (input) => engine.unlockUser(input),
    resetCooldown: (input) => engine.resetCooldown(input),
    disableTwoFactor: (input) => engine.disableTwoFactor(input),
    enableTwoFactor: (input) => engine.enableTwoFactor(input),
    changePhone: async (input) => lookUpNumber(ctx, await engine.changePhone(input)),
    revokeDevices: (input) => engine.revokeDevices(input),
    deactivateUser: (input) => engine.deactivateUser(input),
    reactivateUser: (input) => engine.reactivateUser(input),
    setRole: (input) => engine.setRole(input),
  };
}

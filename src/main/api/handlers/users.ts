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

/** The directory, the user view and the helpdesk's admin actions. */
export function userHandlers(ctx: AppContext): UserHandlers {
  const engine = ctx.engine;
  return {
    listUsers: (input) => engine.listUsers(input),
    getUser: (input) => engine.getUser(input),
    addUser: (input) => engine.addUser(input),
    checkPhone: async (input) => engine.checkPhone(input),
    revealPhone: (input) => engine.revealPhone(input),
    lockUser: (input) => engine.lockUser(input),
    unlockUser: (input) => engine.unlockUser(input),
    resetCooldown: (input) => engine.resetCooldown(input),
    disableTwoFactor: (input) => engine.disableTwoFactor(input),
    enableTwoFactor: (input) => engine.enableTwoFactor(input),
    changePhone: (input) => engine.changePhone(input),
    revokeDevices: (input) => engine.revokeDevices(input),
    deactivateUser: (input) => engine.deactivateUser(input),
    reactivateUser: (input) => engine.reactivateUser(input),
    setRole: (input) => engine.setRole(input),
  };
}

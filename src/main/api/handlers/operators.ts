import type { AppContext } from '../../context';
import {
  changeOwnPassword,
  confirmPassword,
  lockSession,
  sessionStatus,
  signOut,
} from '../../engine/operators/account';
import {
  bootstrapAdministrator,
  finishOperatorSignIn,
  operatorSignInMessages,
  sendOperatorSignInCode,
  startOperatorSignIn,
} from '../../engine/operators/sign-in';
import { operatorOf } from '../call-context';
import type { Handlers } from '../dispatch';

type OperatorHandlers = Pick<
  Handlers,
  | 'sessionStatus'
  | 'operatorBootstrap'
  | 'operatorSignIn'
  | 'operatorSignInSendCode'
  | 'operatorSignInMessages'
  | 'operatorSignInVerify'
  | 'sessionLock'
  | 'sessionUnlock'
  | 'sessionReauthenticate'
  | 'signOut'
  | 'operatorChangePassword'
>;

/** Operators signing in to the console: setup, both factors, the idle lock, re-authentication, sign-out. */
export function operatorHandlers(ctx: AppContext): OperatorHandlers {
  const deps = ctx.engine.deps;
  return {
    sessionStatus: (_input, call) => sessionStatus(deps, call.caller.sessionToken),
    operatorBootstrap: (input) => bootstrapAdministrator(deps, input),
    async operatorSignIn(input, call) {
      const { step, issued } = await startOperatorSignIn(deps, {
        ...input,
        deviceToken: call.caller.deviceToken,
        transport: ctx.shell,
      });
      if (issued) {
        await signOut(deps, call.caller.sessionToken);
        call.issued = issued;
      }
      return step;
    },
    operatorSignInSendCode: (input) => sendOperatorSignInCode(deps, input),
    operatorSignInMessages: (input) => operatorSignInMessages(deps, input),
    async operatorSignInVerify(input, call) {
      const { step, issued } = await finishOperatorSignIn(deps, input);
      // A new sign-in over an open session replaces it: the old one ends rather than lingering.
      await signOut(deps, call.caller.sessionToken);
      call.issued = issued.device ? issued : { session: issued.session };
      return step;
    },
    sessionLock: (_input, call) => lockSession(deps, operatorOf(call)),
    async sessionUnlock(input, call) {
      await confirmPassword(deps, call.caller.sessionToken, input.password);
      return sessionStatus(deps, call.caller.sessionToken);
    },
    sessionReauthenticate: (input, call) => confirmPassword(deps, call.caller.sessionToken, input.password),
    async signOut(_input, call) {
      const result = await signOut(deps, call.caller.sessionToken);
      call.issued = { session: null };
      return result;
    },
    operatorChangePassword: (input, call) => changeOwnPassword(deps, operatorOf(call), input),
  };
}

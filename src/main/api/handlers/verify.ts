import type { AppContext } from '../../context';
import { DomainError } from '../../core/domain-error';
import type { Handlers } from '../dispatch';

type VerifyHandlers = Pick<
  Handlers,
  | 'sendCode'
  | 'checkCode'
  | 'notMyNumber'
  | 'useBackupCode'
  | 'generateBackupCodes'
  | 'sendCallerCode'
  | 'checkCallerCode'
  | 'outbox'
>;

/** The user's SMS sign-in, backup codes, the helpdesk's caller verification, the simulated handset. */
export function verifyHandlers(ctx: AppContext): VerifyHandlers {
  const engine = ctx.engine;
  return {
    sendCode: (input) => engine.sendCode(input),
    checkCode: (input) => engine.checkCode(input),
    notMyNumber: (input) => engine.notMyNumber(input),
    useBackupCode: (input) => engine.useBackupCode(input),
    generateBackupCodes: async (input) => {
      // The codes are the user's alone: from the console they come only within the sign-in that
      // verified the user, never to whoever knows the email (the helpdesk sees only the count).
      if (ctx.shell !== 'cli' && !input.sessionId) {
        throw new DomainError(
          'VERIFIED_SESSION_REQUIRED',
          'sessionId: backup codes are generated within the verified sign-in of the user they belong to.',
        );
      }
      return engine.generateBackupCodes(input);
    },
    sendCallerCode: (input) => engine.sendCallerCode(input),
    checkCallerCode: (input) => engine.checkCallerCode(input),
    outbox: (input) => engine.outbox(input),
  };
}

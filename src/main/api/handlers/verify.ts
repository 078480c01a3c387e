import type { AppContext } from '../../context';
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
    generateBackupCodes: (input) => engine.generateBackupCodes(input),
    sendCallerCode: (input) => engine.sendCallerCode(input),
    checkCallerCode: (input) => engine.checkCallerCode(input),
    outbox: (input) => engine.outbox(input),
  };
}

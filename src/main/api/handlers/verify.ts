import type { AppContext } from '../../context';
import { resolveOperator } from '../../engine/operators/sessions';
import { isOperatorRole } from '../../engine/operators/sign-in';
import { findUser } from '../../users/user-row';
import { DomainError } from '../../core/domain-error';
import { actorOf, type CallContext } from '../call-context';
import type { Handlers } from '../dispatch';

type VerifyHandlers = Pick<
  Handlers,
  | 'sendCode'
  | 'checkCode'
  | 'notMyNumber'
  | 'useBackupCode'
  | 'useTemporaryAccess'
  | 'enrolPhone'
  | 'confirmEnrolment'
  | 'generateBackupCodes'
  | 'signInMessages'
  | 'sendCallerCode'
  | 'checkCallerCode'
  | 'outbox'
>;

/**
 * A user's own sign-in is never completed by an operator's session: the helpdesk verifies callers
 * and fixes accounts, it does not sign in as them (with the simulated provider it could read the
 * code and take over the account, backup codes included).
 */
async function refuseOperatorSession(ctx: AppContext, call: CallContext): Promise<void> {
  if (!call.caller.sessionToken) return;
  const signedIn = await resolveOperator(ctx.db, call.caller.sessionToken, ctx.clock.now(), { activity: false }).then(
    () => true,
    (error: unknown) => (error as DomainError).code === 'SESSION_LOCKED',
  );
  if (signedIn) {
    throw new DomainError(
      'OPERATOR_SESSION',
      "Signed-in operators do not complete a user's sign-in: this is the user's own step. Sign out of the console to try a user's sign-in (training).",
    );
  }
}

/**
 * An operator's account signs in through the console's own sign-in (password first), never through
 * a user's public steps: those would let anyone with the email send codes to, cool down or lock an
 * operator, and with the simulated provider remember a device or replace the recovery codes.
 */
async function refuseOperatorAccount(ctx: AppContext, email: string): Promise<void> {
  const user = await ctx.db.read((manager) => findUser(manager, email));
  if (user && isOperatorRole(user.role)) {
    throw new DomainError(
      'OPERATOR_ACCOUNT',
      `${user.email} operates the console (${user.role}): operators sign in on the console's sign-in screen, or with mfa-console login, with their password first.`,
    );
  }
}

/** The user's SMS sign-in, backup codes, the helpdesk's caller verification, the simulated handset. */
export function verifyHandlers(ctx: AppContext): VerifyHandlers {
  const engine = ctx.engine;
  const userStep =
    <I extends { email: string }, O>(step: (input: I) => Promise<O>) =>
    async (input: I, call: CallContext): Promise<O> => {
      await refuseOperatorSession(ctx, call);
      await refuseOperatorAccount(ctx, input.email);
      return step(input);
    };
  return {
    sendCode: userStep((input) => engine.sendCode(input)),
    checkCode: userStep((input) => engine.checkCode(input)),
    notMyNumber: userStep((input) => engine.notMyNumber(input)),
    useBackupCode: userStep((input) => engine.useBackupCode(input)),
    useTemporaryAccess: userStep((input) => engine.useTemporaryAccess(input)),
    enrolPhone: userStep((input) => engine.enrolPhone(input)),
    confirmEnrolment: userStep((input) => engine.confirmEnrolment(input)),
    // The codes are the user's alone: only within the sign-in that verified the user, named by it.
    generateBackupCodes: userStep((input) => engine.generateBackupCodes(input)),
    signInMessages: userStep((input) => engine.signInMessages(input)),
    sendCallerCode: (input, call) => engine.sendCallerCode({ ...input, actor: actorOf(call) }),
    checkCallerCode: (input, call) => engine.checkCallerCode({ ...input, actor: actorOf(call) }),
    outbox: (input, call) => engine.outbox({ ...input, actor: actorOf(call) }),
  };
}

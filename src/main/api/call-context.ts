import type { Operator } from '../engine/operators/sessions';
import type { ShellKind } from '../context';
import { DomainError } from '../core/domain-error';

/** What a transport carries in with a call: the credentials it keeps for its window, tab or terminal. */
export interface Caller {
  /** The operator session (web: an HttpOnly cookie; desktop: kept per window; CLI: a 0600 file). */
  sessionToken?: string | null;
  /** A remembered device's token, offered at sign-in. */
  deviceToken?: string | null;
  /** True when a person acted (not a background refresh): keeps the session from the idle lock. */
  activity?: boolean;
}

/** What a call gives the transport to keep; never part of the answer the renderer sees. */
export interface Issued {
  /** A new session to keep, or null to forget the one kept. */
  session?: { token: string; expiresAt: number } | null;
  device?: { token: string; expiresAt: number } | null;
}

/** The call as a handler sees it: who acts (from the session, never the request) and what to issue. */
export interface CallContext {
  transport: ShellKind;
  caller: Caller;
  /** The signed-in operator; set for every method but the public ones. */
  operator: Operator | null;
  issued: Issued;
}

/** The email the engine records as the actor: the session's operator's, never one from the request. */
export const actorOf = (call: CallContext): string => operatorOf(call).user.email;

/** The operator of an operator method (the dispatcher has resolved it before the handler runs). */
export function operatorOf(call: CallContext): Operator {
  if (!call.operator) throw new DomainError('SIGN_IN_REQUIRED', 'Sign in to the console first.');
  return call.operator;
}

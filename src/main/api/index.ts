import type { Result } from '../../shared/result';
import type { AppContext } from '../context';
import { resolveOperator } from '../engine/operators/sessions';
import type { Caller, Issued } from './call-context';
import { dispatch, reportToConsole, type InternalErrorReporter } from './dispatch';
import { createHandlers } from './handlers';
import { guardForWorkspaces } from './workspace-guard';

export type { Caller, Issued } from './call-context';

/** What every shell holds: one function that takes an untrusted method name and input. */
export interface Api {
  /** The answer alone (for calls that issue nothing a transport must keep). */
  call(method: string, input: unknown, caller?: Caller): Promise<Result<unknown>>;
  /** The answer, and the credentials the transport must keep or forget (sign-in, sign-out). */
  invoke(method: string, input: unknown, caller?: Caller): Promise<{ result: Result<unknown>; issued: Issued }>;
}

/**
 * The API over one context. Unexpected failures are reported on the terminal (the CLI passes its
 * own reporter: its one-line error already says it, and `--debug` adds the stack).
 */
export function createApi(ctx: AppContext, onInternalError: InternalErrorReporter = reportToConsole): Api {
  // While a workspace is open, actions on live accounts are refused (WORKSPACE_READ_ONLY).
  const handlers = guardForWorkspaces(createHandlers(ctx), ctx);
  const resolve = (caller: Caller) =>
    resolveOperator(ctx.db /* always the live database */, caller.sessionToken, ctx.clock.now(), {
      activity: caller.activity !== false,
    });
  const invoke: Api['invoke'] = async (method, input, caller = {}) => {
    const call = { transport: ctx.shell, caller, operator: null, issued: {} };
    const result = await dispatch(handlers, method, input, call, resolve, onInternalError);
    return { result, issued: call.issued };
  };
  return { invoke, call: async (method, input, caller) => (await invoke(method, input, caller)).result };
}

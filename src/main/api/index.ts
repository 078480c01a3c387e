import type { Result } from '../../shared/result';
import type { AppContext } from '../context';
import { dispatch, reportToConsole, type InternalErrorReporter } from './dispatch';
import { createHandlers } from './handlers';

/** What every shell holds: one function that takes an untrusted method name and input. */
export interface Api {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

/**
 * The API over one context. Unexpected failures are reported on the terminal (the CLI passes its
 * own reporter: its one-line error already says it, and `--debug` adds the stack).
 */
export function createApi(ctx: AppContext, onInternalError: InternalErrorReporter = reportToConsole): Api {
  const handlers = createHandlers(ctx);
  return { call: (method, input) => dispatch(handlers, method, input, onInternalError) };
}

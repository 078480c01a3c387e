import type { Result } from '../../shared/result';
import type { AppContext } from '../context';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

/** What every shell holds: one function that takes an untrusted method name and input. */
export interface Api {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

export function createApi(ctx: AppContext): Api {
  const handlers = createHandlers(ctx);
  return { call: (method, input) => dispatch(handlers, method, input) };
}

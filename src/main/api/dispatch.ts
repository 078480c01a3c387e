import { type z } from 'zod';
import { contract, isApiMethod, type ApiMethod, type ApiOutput, type ApiParsedInput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { DomainError } from '../core/domain-error';
import { storageError } from '../db/storage-errors';
import { findControlCharacter } from './input-guards';
import type { Caller, CallContext } from './call-context';
import type { Operator } from '../engine/operators/sessions';

/** The handler for each method, receiving input already validated by the contract, and the call. */
export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>, call: CallContext) => Promise<ApiOutput<M>>;
};

/** Resolves the operator of a call from its session (the engine checks the session's state). */
export type OperatorResolver = (caller: Caller) => Promise<Operator>;

/** Human-readable zod issues: "field: message" joined, so the operator sees where. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The one place a call crosses from a shell into the engine: the method name and the
 * raw input are untrusted, the input is parsed by the contract's schema, and every
 * failure comes back as the envelope with a stable code.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  raw: unknown,
  call: CallContext,
  resolveOperator: OperatorResolver,
  onInternalError?: InternalErrorReporter,
): Promise<Result<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no API method named "${method}".` } };
  }
  const control = findControlCharacter(raw);
  if (control) {
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `${method}: ${control.path}: must not contain control characters (found ${control.codePoint} at character ${control.position})`,
      },
    };
  }
  const parsed = contract[method].input.safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${describeIssues(parsed.error)}` } };
  }
  try {
    // Every method but the few public ones acts as the operator of the call's session: taken from
    // the transport, never from the request body.
    if (contract[method].access !== 'public') call.operator = await resolveOperator(call.caller);
    const handler = handlers[method] as (input: unknown, call: CallContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, call) };
  } catch (error) {
    const known = error instanceof DomainError ? error : storageError(error);
    if (known) {
      const details = known.details ? { details: known.details } : {};
      return { ok: false, error: { code: known.code, message: known.message, ...details } };
    }
    onInternalError?.(method, error);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: { code: 'INTERNAL', message: `${method} failed: ${message}` } };
  }
}

/** Where a shell reports an unexpected failure (a bug): a line on the terminal, the stack with --debug. */
export type InternalErrorReporter = (method: string, error: unknown) => void;

export function reportToConsole(method: string, error: unknown): void {
  if (process.env.MFA_CONSOLE_DEBUG === '1') console.error(`mfa-console: ${method} failed`, error);
  else
    console.error(
      `mfa-console: ${method} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
}

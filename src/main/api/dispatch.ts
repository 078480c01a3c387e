import { type z } from 'zod';
import { contract, isApiMethod, type ApiMethod, type ApiOutput, type ApiParsedInput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { DomainError } from '../core/domain-error';

/** The handler for each method, receiving input already validated by the contract. */
export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>>;
};

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
export async function dispatch(handlers: Handlers, method: string, raw: unknown): Promise<Result<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no API method named "${method}".` } };
  }
  const parsed = contract[method].input.safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${describeIssues(parsed.error)}` } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof DomainError) {
      const details = error.details ? { details: error.details } : {};
      return { ok: false, error: { code: error.code, message: error.message, ...details } };
    }
    console.error(`mfa-console: ${method} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'INTERNAL', message: `${method} failed: ${message}` } };
  }
}

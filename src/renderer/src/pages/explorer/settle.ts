import type { Result } from '../../../../shared/result';

/**
 * Runs an API call and always answers the envelope. A transport failure (in the web shell,
 * a request sent on a keep-alive connection the server was just closing) is retried once,
 * then answered as a TRANSPORT error, so a spinner or a progress poll never waits forever.
 * `retry` false for calls that must not run twice (starting an export).
 */
export async function settle<T>(run: () => Promise<Result<T>>, retry = true): Promise<Result<T>> {
  try {
    return await run();
  } catch (first) {
    if (!retry) {
      return { ok: false, error: { code: 'TRANSPORT', message: `The console did not answer: ${String(first)}` } };
    }
    try {
      return await run();
    } catch (error) {
      return { ok: false, error: { code: 'TRANSPORT', message: `The console did not answer: ${String(error)}` } };
    }
  }
}

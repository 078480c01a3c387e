import type { Result } from '../../../../shared/result';

/**
 * Runs an API call and always answers the envelope. A transport failure (the console did not
 * answer: a thrown error, or the web client's TRANSPORT envelope) is retried once, then answered
 * as a TRANSPORT error, so a spinner or a progress poll never waits forever.
 * `retry` false for calls that must not run twice (starting an export).
 */
export async function settle<T>(run: () => Promise<Result<T>>, retry = true): Promise<Result<T>> {
  const first = await attempt(run);
  if (!retry || first.ok || first.error.code !== 'TRANSPORT') return first;
  return attempt(run);
}

async function attempt<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error: { code: 'TRANSPORT', message: `The console did not answer: ${String(error)}` } };
  }
}

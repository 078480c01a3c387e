/** The envelope every API call answers with, over IPC and over the web shell alike. */
export interface ApiError {
  /** A stable word such as WRONG_CODE or INVALID_INPUT; the UI and scripts branch on it. */
  code: string;
  /** A sentence for a person: what was wrong and, where it applies, which field. */
  message: string;
  /** Numbers behind the message where a UI needs them, e.g. COOLDOWN_ACTIVE's cooldownUntil and remainingMs. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

import { utcText } from '../../shared/time-text';
import { DomainError } from '../core/domain-error';
import type { MfaErrorCode } from '../../shared/contract/verify';

/**
 * A refusal that must be recorded: the transaction commits (with its event), and only then
 * the refusal is thrown. Throwing inside the transaction would roll the event back.
 */
export class Refusal {
  constructor(readonly error: DomainError) {}
}

export function refusal(code: MfaErrorCode | 'NOT_FOUND', message: string, details?: Record<string, unknown>): Refusal {
  return new Refusal(new DomainError(code, message, details));
}

export function refuse(code: MfaErrorCode | 'NOT_FOUND', message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}

/** Unwraps a transaction's result: throws a recorded refusal after the commit. */
export function settle<T>(outcome: T | Refusal): T {
  if (outcome instanceof Refusal) throw outcome.error;
  return outcome;
}

/** "42 minutes", "1 minute", "30 seconds": time left, rounded up, for a person. */
export function timeLeft(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} second${s === 1 ? '' : 's'}`;
  }
  const m = Math.ceil(ms / 60_000);
  if (m < 120) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return `${h} hours${rest ? ` ${rest} minutes` : ''}`;
}

/** A time for a sentence: "2026-11-22 10:14 UTC" (screens show it on the operator's clock). */
export const at = utcText;

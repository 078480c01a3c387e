import { DomainError } from '../../core/domain-error';
import { driverCode } from '../storage-errors';
import { redactUrl } from './url';

/** The SQLSTATE of an error from pg, directly or wrapped by TypeORM. */
export function postgresState(error: unknown): string | null {
  return driverCode(error, (code) => /^[0-9A-Z]{5}$/.test(code));
}

/** A transaction that lost a race with another console: run it again from the start. */
export function isRetryable(error: unknown): boolean {
  const state = postgresState(error);
  return state === '40001' || state === '40P01';
}

function systemCode(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
    if (Array.isArray(e.errors) && e.errors.length > 0) e = e.errors[0] as typeof e;
    else e = e.cause as typeof e;
  }
  return null;
}

/** A clear, stable error for a team database that cannot be reached or entered. */
export function connectionError(error: unknown, url: string): DomainError {
  const where = redactUrl(url);
  const state = postgresState(error);
  const message = error instanceof Error ? error.message : String(error);
  if (state === '28P01' || state === '28000') {
    if (/no pg_hba\.conf entry.*no encryption|SSL/i.test(message))
      return new DomainError(
        'DATABASE_TLS_REQUIRED',
        `The team database ${where} accepts only encrypted connections: add ?sslmode=require to the address.`,
      );
    return new DomainError(
      'DATABASE_AUTH_FAILED',
      `The team database ${where} refused the user name or password. Check them in Settings → Team database or MFA_CONSOLE_DATABASE_URL.`,
    );
  }
  if (state === '3D000')
    return new DomainError(
      'DATABASE_MISSING',
      `The team database ${where} does not exist on that server. Ask its administrator to create it (CREATE DATABASE), then try again.`,
    );
  if (/server does not support SSL/i.test(message))
    return new DomainError(
      'DATABASE_TLS_UNAVAILABLE',
      `The server at ${where} does not offer encrypted connections, but the address asks for them (sslmode).`,
    );
  const code = systemCode(error);
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    code === 'ETIMEDOUT' ||
    /timeout/i.test(message)
  )
    return new DomainError(
      'DATABASE_UNREACHABLE',
      `The team database ${where} cannot be reached (${code ?? 'timed out'}): check the host and port, and that the server is running.`,
    );
  if (
    state === '57P01' ||
    state === '57P03' ||
    state === '08006' ||
    state === '08003' ||
    /Connection terminated/i.test(message)
  )
    return new DomainError(
      'DATABASE_DISCONNECTED',
      `The connection to the team database ${where} was lost. Nothing half-done was kept; try again when it is back.`,
    );
  return new DomainError('DATABASE_UNAVAILABLE', `Cannot use the team database ${where}: ${message}`);
}

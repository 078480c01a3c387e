/**
 * Reading vendor values strictly: a value that is not what the format promises throws a
 * FieldError naming the column, what was expected and what was found.
 */
export class FieldError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

/** A value as a message shows it: `nothing` for an absent or empty one, JSON otherwise (cut at 60). */
export function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function fail(column: string, expected: string, found: unknown): never {
  throw new FieldError(column, `expected ${expected}, found ${shown(found)}`);
}

/** A string value, or null when absent or empty; any other type is refused. */
export function optText(value: unknown, column: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(column, 'text', value);
}

export function reqText(value: unknown, column: string): string {
  const text = optText(value, column);
  if (text === null) fail(column, 'a value', value);
  return text;
}

/** Path into parsed JSON (`outcome.result`), undefined where any step is missing. */
export function pick(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, column: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(column, `one of ${allowed.join(', ')}`, value);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?))?$/i;

/**
 * An ISO-8601 time with an offset (Z, +00:00, -0800) as unix ms UTC; fractions past milliseconds
 * are cut (Duo writes microseconds). `assumeUtc` accepts one without an offset, for a column whose
 * name says UTC (Entra's `Date (UTC)`).
 */
export function isoTime(value: unknown, column: string, assumeUtc = false): number {
  if (typeof value !== 'string') return fail(column, 'an ISO-8601 time with an offset', value);
  const m = ISO.exec(value.trim());
  if (!m || (!m[8] && !assumeUtc))
    return fail(column, 'an ISO-8601 time with an offset (such as 2026-11-20T09:14:03Z)', value);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (!checkFields(utc, y, mo, d, h, mi, s)) return fail(column, 'a real calendar time', value);
  if (zone && zone.toUpperCase() !== 'Z' && zone.toUpperCase() !== 'UTC') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0)) * 60_000;
  }
  return utc;
}

function checkFields(utc: number, ...parts: (string | undefined)[]): boolean {
  const date = new Date(utc);
  const [y, mo, d, h, mi, s] = parts.map((p) => Number(p ?? 0));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

const RFC2822 =
  /^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC)$/;

/** ISO 8601 or RFC 2822 (Twilio's REST dates), both with an offset. */
export function isoOrRfc2822Time(value: unknown, column: string): number {
  if (typeof value === 'string' && RFC2822.test(value.trim())) return Date.parse(value.trim());
  if (typeof value === 'string' && !ISO.test(value.trim())) {
    return fail(column, 'a time with an offset (ISO 8601 such as 2026-11-20T09:14:03Z, or RFC 2822)', value);
  }
  return isoTime(value, column);
}

/** Unix seconds (Duo's `timestamp`) as ms. */
export function unixSeconds(value: unknown, column: string): number {
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return fail(column, 'unix seconds', value);
  return Math.round(n * 1000);
}

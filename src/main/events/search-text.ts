import type { SqlRunner } from './index-range';

/** Phone-looking input: digits with the usual separators, e.g. "+44 (0)7400 123456". */
const PHONE_LIKE = /^[+\d][\d\s().-]*$/;
const MIN_PHONE_DIGITS = 6;
/** National numbers are matched against the numbers the log has seen; more candidates than this is not a search. */
const MAX_PHONE_CANDIDATES = 50;

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Turns the search box into an FTS5 MATCH expression over user name, email, phone and
 * message. Every word must match (as a prefix: "oka" finds Okafor). A phone number is
 * matched whole, from its start with or without the country code, and as a national
 * number (with or without the trunk 0, as the 2FA FAQ describes) through the list of
 * numbers the log has seen. Returns null when nothing searchable is left.
 */
export async function ftsExpression(search: string | undefined, runner: SqlRunner): Promise<string | null> {
  const text = search?.trim();
  if (!text) return null;
  const digitsOnly = text.replace(/\D/g, '');
  if (PHONE_LIKE.test(text) && digitsOnly.length >= MIN_PHONE_DIGITS) return phoneExpression(text, digitsOnly, runner);
  const terms = text
    .split(/\s+/)
    .map((word) => word.replace(/^["'(]+|["')]+$/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (terms.length === 0) return null;
  return terms.map((term) => `${quote(term)}*`).join(' AND ');
}

async function phoneExpression(text: string, digits: string, runner: SqlRunner): Promise<string> {
  // "+44 (0)7400 123456": the (0) is the trunk prefix the FAQ says to drop.
  const cleaned = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  const national = cleaned.replace(/^0+/, '');
  const options = new Set([`${quote(digits)}*`, `${quote(cleaned)}*`]);
  if (national.length >= MIN_PHONE_DIGITS) {
    options.add(`${quote(national)}*`);
    const rows = (await runner.query(
      `SELECT phone FROM event_phones WHERE instr(phone, ?) > 0 LIMIT ${MAX_PHONE_CANDIDATES + 1}`,
      [national],
    )) as { phone: string }[];
    if (rows.length <= MAX_PHONE_CANDIDATES) for (const row of rows) options.add(quote(row.phone.replace(/\D/g, '')));
  }
  return `(${[...options].join(' OR ')})`;
}

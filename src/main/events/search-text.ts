import { MIN_PHONE_DIGITS, phoneSearch, type PhoneSearch } from '../../shared/phone-search';
import type { SqlRunner } from './index-range';
import { dialectOf, type TextIndex } from '../db/dialect';

/** The kind of index the database searches text with. */
export const textIndexOf = (runner: SqlRunner): TextIndex => dialectOf(runner).textIndex;

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
  // A team database answers with its own full-text index (a tsvector), not FTS5.
  const team = textIndexOf(runner) === 'gin';
  // The same rule as the Users directory (src/shared/phone-search.ts).
  const phone = phoneSearch(text);
  if (phone) return team ? tsquery(await phoneOptions(text, phone, runner)) : phoneExpression(text, phone, runner);
  const terms = text
    .split(/\s+/)
    .map((word) => word.replace(/^["'(]+|["')]+$/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (terms.length === 0) return null;
  if (team) {
    const groups: Phrase[][] = [];
    for (const term of terms) groups.push([{ tokens: await tokensOf(term, runner), prefix: true }]);
    return tsquery(groups);
  }
  const parts: string[] = [];
  for (const term of terms) parts.push(await prefixTerm(term, runner));
  return parts.join(' AND ');
}

/**
 * The match for an email recorded on events (of someone no longer a user): that column only, the
 * whole address as a phrase. Both must match when there is search text too.
 */
export async function withEmailMatch(
  match: string | null,
  email: string | null,
  runner: SqlRunner,
): Promise<string | null> {
  if (!email) return match;
  if (textIndexOf(runner) === 'fts5')
    return match ? `(${match}) AND user_email : ${quote(email)}` : `user_email : ${quote(email)}`;
  // An address with no words in it narrows nothing here: the email filter itself (filterTerms) still applies.
  const only = weighted(await tokensOf(email, runner), false, 'B');
  if (!only) return match;
  return match ? `(${match}) & ${only}` : only;
}

/** A word or number to find: its tokens in a row, the last one as a prefix when `prefix`. */
interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/**
 * The words the team database's index holds for a text, split by the server's own search_words()
 * (lower case, accents removed as unaccent does, split at punctuation), so a search and the index
 * always agree (ß is ss, ø is o there, whatever JavaScript would make of them).
 */
async function tokensOf(text: string, runner: SqlRunner): Promise<string[]> {
  const [row] = (await runner.query('SELECT search_words(?) AS words', [text])) as { words: string }[];
  return row.words.split(' ').filter((token) => /^[\p{L}\p{N}]+$/u.test(token));
}

/** A phrase as tsquery: tokens adjacent (<->), the last a prefix (:*), in one column's weight if given. */
function weighted(tokens: string[], prefix: boolean, weight = ''): string {
  return tokens
    .map((token, i) => `'${token}'${i === tokens.length - 1 && prefix ? ':*' : weight ? ':' : ''}${weight}`)
    .join(' <-> ');
}

/** Every group must match (&), any phrase of a group (|): the tsquery for to_tsquery('simple', …). */
function tsquery(groups: Phrase[][]): string | null {
  const parts = groups
    .map((group) => group.map((phrase) => weighted(phrase.tokens, phrase.prefix)).filter(Boolean))
    .filter((group) => group.length > 0)
    .map((group) => (group.length === 1 ? group[0] : `(${group.map((p) => `(${p})`).join(' | ')})`));
  return parts.length ? parts.map((p) => (parts.length > 1 && p.includes('<->') ? `(${p})` : p)).join(' & ') : null;
}

/** The phone search of phoneExpression as phrases: one group, any of them. */
async function phoneOptions(text: string, { digits, national }: PhoneSearch, runner: SqlRunner): Promise<Phrase[][]> {
  const cleaned = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  const options = new Map<string, Phrase>();
  const add = (value: string, prefix: boolean) =>
    options.set(`${value}${prefix ? '*' : ''}`, { tokens: value ? [value] : [], prefix });
  add(digits, true);
  add(cleaned, true);
  if (national.length >= MIN_PHONE_DIGITS) {
    add(national, true);
    for (const phone of await nationalCandidates(national, runner)) add(phone, false);
  }
  return [[...options.values()]];
}

/** The numbers the log has seen that contain a national number, unless there are too many. */
async function nationalCandidates(national: string, runner: SqlRunner): Promise<string[]> {
  const rows = (await runner.query(
    `SELECT phone FROM event_phones WHERE instr(phone, ?) > 0 LIMIT ${MAX_PHONE_CANDIDATES + 1}`,
    [national],
  )) as { phone: string }[];
  return rows.length <= MAX_PHONE_CANDIDATES ? rows.map((row) => row.phone.replace(/\D/g, '')) : [];
}

/** Prefixes shared by more index terms than this stay FTS prefix queries. */
const MAX_EXPANSION = 16;

/**
 * A word as a prefix match. FTS5 answers `"sms"*` by merging every posting of every term
 * starting with "sms" before it can return the newest row (tens of ms per page on a
 * million events); `("sms" OR "smss")` streams newest-first and stops after a page. So a
 * single-token word is expanded to the index's own terms with that prefix, read from the
 * FTS vocabulary, when there are few of them.
 */
async function prefixTerm(word: string, runner: SqlRunner): Promise<string> {
  const fallback = `${quote(word)}*`;
  // What unicode61 with remove_diacritics would index: lower case, accents removed.
  const token = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (!/^[a-z0-9]{2,}$/.test(token)) return fallback;
  // Reading the vocabulary costs as much as the word has postings; the next page asks the
  // same, and the answer only changes when events are added.
  const [{ last }] = (await runner.query('SELECT MAX(id) AS last FROM events')) as { last: number | null }[];
  const cache = runner.scope ? expansionCache(runner.scope) : null;
  const key = `${token}\u0000${last ?? 0}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const expression = await expand(token, runner, fallback);
  if (cache) {
    if (cache.size >= 200) cache.delete(cache.keys().next().value as string);
    cache.set(key, expression);
  }
  return expression;
}

const caches = new WeakMap<object, Map<string, string>>();
function expansionCache(scope: object): Map<string, string> {
  let cache = caches.get(scope);
  if (!cache) caches.set(scope, (cache = new Map()));
  return cache;
}

async function expand(token: string, runner: SqlRunner, fallback: string): Promise<string> {
  await runner.query(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.events_fts_terms USING fts5vocab(main, events_fts, row)`);
  const rows = (await runner.query(
    `SELECT term FROM temp.events_fts_terms WHERE term >= ? AND term < ? LIMIT ${MAX_EXPANSION + 1}`,
    [token, `${token}\u{10FFFF}`],
  )) as { term: string }[];
  if (rows.length === 0 || rows.length > MAX_EXPANSION) return fallback;
  return rows.length === 1 ? quote(rows[0].term) : `(${rows.map((r) => quote(r.term)).join(' OR ')})`;
}

async function phoneExpression(text: string, { digits, national }: PhoneSearch, runner: SqlRunner): Promise<string> {
  const cleaned = text.replace(/\(0\)/g, '').replace(/\D/g, '');
  const options = new Set([`${quote(digits)}*`, `${quote(cleaned)}*`]);
  if (national.length >= MIN_PHONE_DIGITS) {
    options.add(`${quote(national)}*`);
    for (const phone of await nationalCandidates(national, runner)) options.add(quote(phone));
  }
  return `(${[...options].join(' OR ')})`;
}

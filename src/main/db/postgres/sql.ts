/**
 * The console's SQL is written once, in the SQLite dialect the engine grew up on. This is the one
 * place that says how it reads on PostgreSQL: placeholders, the few SQLite functions and clauses
 * the engine uses, and identifiers PostgreSQL would fold to lower case. String literals and quoted
 * identifiers are never touched. A statement the rules below do not cover is passed through and
 * fails loudly in the PostgreSQL test suite, never silently.
 */

interface Piece {
  /** Code outside literals (translated) or a literal/quoted identifier (kept as is). */
  code: boolean;
  text: string;
}

function split(sql: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      if (i > start) pieces.push({ code: true, text: sql.slice(start, i) });
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j++;
          else break;
        }
      }
      pieces.push({ code: false, text: sql.slice(i, j + 1) });
      i = j + 1;
      start = i;
    } else i++;
  }
  if (start < sql.length) pieces.push({ code: true, text: sql.slice(start) });
  return pieces;
}

/** The index of the parenthesis closing the one at `open`, and the top-level commas inside. */
function argsAt(sql: string, open: number): { close: number; commas: number[] } | null {
  let depth = 0;
  const commas: number[] = [];
  let quote: string | null = null;
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return { close: i, commas };
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  return null;
}

/** Rewrites calls `NAME(a, b, ...)` (case-insensitive) through `rewrite(args)`; null keeps the call. */
function rewriteCalls(sql: string, name: string, rewrite: (args: string[]) => string | null): string {
  const pattern = new RegExp(`\\b${name}\\s*\\(`, 'gi');
  let out = '';
  let from = 0;
  for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) {
    if (match.index < from) continue;
    const open = match.index + match[0].length - 1;
    const found = argsAt(sql, open);
    if (!found) break;
    const bounds = [open, ...found.commas, found.close];
    const args = bounds.slice(1).map((end, k) => sql.slice(bounds[k] + 1, end).trim());
    const replaced = rewrite(args.map((arg) => rewriteCalls(arg, name, rewrite)));
    if (replaced === null) continue;
    out += sql.slice(from, match.index) + replaced;
    from = found.close + 1;
    pattern.lastIndex = from;
  }
  return out + sql.slice(from);
}

const STRFTIME_FIELDS: Record<string, string> = { Y: 'YYYY', m: 'MM', d: 'DD', H: 'HH24', M: 'MI', S: 'SS' };

/** strftime('%Y-%m-%d', seconds, 'unixepoch') as to_char in UTC; other forms are left for PostgreSQL to refuse. */
function strftimeCall(args: string[]): string | null {
  const format = /^'((?:%[YmdHMS]|[-: T])*)'$/.exec(args[0]?.trim() ?? '');
  if (!format || args.length !== 3 || args[2].trim() !== "'unixepoch'") return null;
  // A literal T is quoted: to_char would read DDTH as a day with an ordinal suffix (15TH).
  const pattern = format[1]
    .replace(/T/g, '"T"')
    .replace(/%([YmdHMS])/g, (_all, field: string) => STRFTIME_FIELDS[field]);
  return `to_char(to_timestamp(${args[1]}) AT TIME ZONE 'UTC', '${pattern}')`;
}

/** Translates functions whose names or arity differ (applied to the whole statement, literals intact). */
function translateCalls(sql: string): string {
  let out = sql;
  // Scalar MAX(a, b) / MIN(a, b) are GREATEST / LEAST; the one-argument aggregates stay.
  out = rewriteCalls(out, 'MAX', (args) => (args.length > 1 ? `GREATEST(${args.join(', ')})` : null));
  out = rewriteCalls(out, 'MIN', (args) => (args.length > 1 ? `LEAST(${args.join(', ')})` : null));
  out = rewriteCalls(out, 'IIF', (args) =>
    args.length === 3 ? `(CASE WHEN ${args[0]} THEN ${args[1]} ELSE ${args[2]} END)` : null,
  );
  out = rewriteCalls(out, 'IFNULL', (args) => `COALESCE(${args.join(', ')})`);
  out = rewriteCalls(out, 'GROUP_CONCAT', (args) =>
    args.length === 1
      ? `string_agg(CAST(${args[0]} AS TEXT), ',')`
      : `string_agg(CAST(${args[0]} AS TEXT), ${args[1]})`,
  );
  out = rewriteCalls(out, 'json_group_array', (args) => `COALESCE(json_agg(${args[0]}), '[]'::json)`);
  out = rewriteCalls(out, 'last_insert_rowid', () => 'lastval()');
  out = rewriteCalls(out, 'strftime', strftimeCall);
  out = rewriteCalls(out, 'instr', (args) => (args.length === 2 ? `strpos(${args[0]}, ${args[1]})` : null));
  return out;
}

/** Word-level rewrites outside literals. */
function translateWords(code: string): string {
  return (
    code
      // SQLite's LIKE ignores ASCII case; PostgreSQL's does not.
      .replace(/\b(NOT\s+)?LIKE\b/gi, (_all, not: string | undefined) => `${not ?? ''}ILIKE`)
      .replace(/\bLIMIT\s+-1\b/gi, 'LIMIT ALL')
      // A bare parameter tested for NULL has no type PostgreSQL can infer.
      .replace(/\?\s+IS\s+(NOT\s+)?NULL\b/gi, (_all, not: string | undefined) => `CAST(? AS TEXT) IS ${not ?? ''}NULL`)
      .replace(/\bAS\s+REAL\b/gi, 'AS double precision')
      // SQLite's INTEGER holds 64 bits (unix milliseconds); PostgreSQL's is 32.
      .replace(/\bAS\s+INTEGER\b/gi, 'AS BIGINT')
      // SQLite's CROSS JOIN … ON fixes the join order; PostgreSQL takes it as a plain JOIN … ON.
      .replace(/\bCROSS\s+JOIN\s+([A-Za-z_]\w*(?:\s+(?!ON\b)[A-Za-z_]\w*)?)\s+ON\b/g, 'JOIN $1 ON')
      // FTS5's `table MATCH ?` is the search table's tsvector against a tsquery (see search-text.ts).
      .replace(/\b(events_fts|late_events_fts)\s+MATCH\s+\?/g, "$1.tsv @@ to_tsquery('simple', ?)")
      // `x COLLATE NOCASE` orders and compares without case, byte by byte as SQLite does.
      .replace(/(\?|[A-Za-z_][\w.]*)\s+COLLATE\s+NOCASE\b/gi, 'lower($1) COLLATE "C"')
      // An alias with capitals would come back folded to lower case.
      .replace(/\bAS\s+([a-z_][A-Za-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, 'AS "$1"')
  );
}

/** Numbers the `?` placeholders $1, $2, ... in order (outside literals). */
function numberPlaceholders(pieces: Piece[]): Piece[] {
  let n = 0;
  return pieces.map((piece) => (piece.code ? { ...piece, text: piece.text.replace(/\?/g, () => `$${++n}`) } : piece));
}

const cache = new Map<string, string>();

/** The PostgreSQL text of one statement written for SQLite. */
export function toPostgres(sql: string): string {
  const known = cache.get(sql);
  if (known !== undefined) return known;
  let pieces = split(sql).map((piece) => (piece.code ? { ...piece, text: translateWords(piece.text) } : piece));
  let text = pieces.map((piece) => piece.text).join('');
  text = translateCalls(text);
  let ignore = false;
  text = text.replace(/\bINSERT\s+OR\s+IGNORE\s+INTO\b/i, () => {
    ignore = true;
    return 'INSERT INTO';
  });
  if (ignore) {
    const returning = /\bRETURNING\b[^;]*$/i.exec(text);
    text = returning
      ? `${text.slice(0, returning.index)} ON CONFLICT DO NOTHING ${returning[0]}`
      : `${text.replace(/;\s*$/, '')} ON CONFLICT DO NOTHING`;
  }
  pieces = numberPlaceholders(split(text));
  const result = pieces.map((piece) => piece.text).join('');
  if (cache.size > 5000) cache.clear();
  cache.set(sql, result);
  return result;
}

/** `SELECT changes() AS n`: answered from the row count of the statement before (see postgres/manager.ts). */
export function changesAlias(sql: string): string | null {
  return /^\s*SELECT\s+changes\(\)\s+AS\s+(\w+)\s*$/i.exec(sql)?.[1] ?? null;
}

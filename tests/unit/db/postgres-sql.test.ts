import { describe, expect, it } from 'vitest';
import { changesAlias, toPostgres } from '../../../src/main/db/postgres/sql';

describe('SQLite-dialect statements read on PostgreSQL', () => {
  it('numbers placeholders, but never inside a literal', () => {
    expect(toPostgres("SELECT * FROM t WHERE a = ? AND b = '?' AND c = ?")).toBe(
      "SELECT * FROM t WHERE a = $1 AND b = '?' AND c = $2",
    );
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING, before a RETURNING', () => {
    expect(toPostgres('INSERT OR IGNORE INTO p (x) VALUES (?)')).toBe(
      'INSERT INTO p (x) VALUES ($1) ON CONFLICT DO NOTHING',
    );
    expect(toPostgres('INSERT OR IGNORE INTO p (x) VALUES (?) RETURNING x')).toBe(
      'INSERT INTO p (x) VALUES ($1)  ON CONFLICT DO NOTHING RETURNING x',
    );
  });

  it('tells scalar MAX/MIN from the aggregates, and rewrites IIF, IFNULL, GROUP_CONCAT', () => {
    expect(toPostgres('SELECT MAX(a), MAX(a, MIN(b, c)) FROM t')).toBe(
      'SELECT MAX(a), GREATEST(a, LEAST(b, c)) FROM t',
    );
    expect(toPostgres('SELECT IIF(a > 1, IFNULL(b, 0), 2) FROM t')).toBe(
      'SELECT (CASE WHEN a > 1 THEN COALESCE(b, 0) ELSE 2 END) FROM t',
    );
    expect(toPostgres('SELECT GROUP_CONCAT(role) FROM t')).toBe("SELECT string_agg(CAST(role AS TEXT), ',') FROM t");
  });

  it('keeps case-insensitive LIKE and NOCASE ordering, and camelCase aliases', () => {
    expect(toPostgres('SELECT id AS rowId FROM u WHERE name LIKE ? ORDER BY name COLLATE NOCASE')).toBe(
      'SELECT id AS "rowId" FROM u WHERE name ILIKE $1 ORDER BY lower(name) COLLATE "C"',
    );
    expect(toPostgres('SELECT 1 WHERE ? IS NULL OR id = ?')).toBe('SELECT 1 WHERE CAST($1 AS TEXT) IS NULL OR id = $2');
  });

  it('answers SELECT changes() from the statement before, and last_insert_rowid() from the sequence', () => {
    expect(changesAlias('SELECT changes() AS n')).toBe('n');
    expect(changesAlias('SELECT changes() AS n FROM x')).toBeNull();
    expect(toPostgres('SELECT last_insert_rowid() AS id')).toBe('SELECT lastval() AS id');
  });

  it('turns FTS5 matches into tsvector searches, CROSS JOIN … ON into JOIN … ON, and instr into strpos', () => {
    expect(
      toPostgres(
        'SELECT e.id FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid WHERE events_fts MATCH ? AND instr(e.phone, ?) > 0',
      ),
    ).toBe(
      "SELECT e.id FROM events_fts JOIN events e ON e.id = events_fts.rowid WHERE events_fts.tsv @@ to_tsquery('simple', $1) AND strpos(e.phone, $2) > 0",
    );
    expect(toPostgres('SELECT COUNT(*) AS n FROM late_events_fts WHERE late_events_fts MATCH ?')).toBe(
      "SELECT COUNT(*) AS n FROM late_events_fts WHERE late_events_fts.tsv @@ to_tsquery('simple', $1)",
    );
  });

  it('formats unix seconds as strftime does, in UTC', () => {
    expect(toPostgres("SELECT strftime('%Y-%m-%d', day * 86400, 'unixepoch') AS day FROM t")).toBe(
      "SELECT to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM t",
    );
  });
});

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search that finds what SQLite's FTS5 (unicode61, remove_diacritics 2) finds. PostgreSQL's
 * parser keeps "ada@example.com" and "10.5" whole, so "example" or "5" would not find them; here
 * every column is first lower-cased, stripped of accents and split at punctuation, as unicode61
 * does. Each column gets its own weight (A name, B email, C phone, D message), so a search can be
 * kept to one column as FTS5's `user_email : …` is, and a phrase never runs from one column into
 * the next.
 */
export class PostgresSearchWords1795500100000 implements MigrationInterface {
  name = 'PostgresSearchWords1795500100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await runner.query(`CREATE FUNCTION search_words(value TEXT) RETURNS TEXT
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT
      AS $$ SELECT regexp_replace(lower(unaccent('unaccent', coalesce(value, ''))), '[[:punct:][:space:]]+', ' ', 'g') $$`);
    for (const table of ['events_fts', 'late_events_fts']) {
      await runner.query(`ALTER TABLE ${table} DROP COLUMN tsv`);
      await runner.query(`ALTER TABLE ${table} ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', search_words(user_name)), 'A') ||
        setweight(to_tsvector('simple', search_words(user_email)), 'B') ||
        setweight(to_tsvector('simple', search_words(phone)), 'C') ||
        setweight(to_tsvector('simple', search_words(message)), 'D')
      ) STORED`);
      await runner.query(`CREATE INDEX idx_${table}_tsv ON ${table} USING GIN (tsv)`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Team database migrations are not reversed: restore a backup instead.');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline investigation (issue 13): a workspace is a database file of this same schema that holds
 * imported events. `import_sources` is its import history (one row per file imported: name, size,
 * SHA-256, detected format, counts, time, operator); `import_record_keys` recognises each imported
 * record again (the vendor's id, or an own export's event id with the source file's identity) so a
 * re-import adds nothing. Both stay empty in the live database: the schema is one schema.
 */
export class WorkspaceImport1795390000000 implements MigrationInterface {
  name = 'WorkspaceImport1795390000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_sources (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      file_name TEXT NOT NULL,
      path TEXT,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT NOT NULL,
      timezone TEXT,
      records INTEGER NOT NULL,
      imported INTEGER NOT NULL,
      duplicates INTEGER NOT NULL,
      rejected INTEGER NOT NULL,
      ignored INTEGER NOT NULL,
      rejection_report TEXT,
      imported_at INTEGER NOT NULL,
      operator TEXT
    )`);
    await q.query(`CREATE INDEX idx_import_sources_time ON import_sources (imported_at)`);
    await q.query(`CREATE TABLE import_record_keys (
      key TEXT PRIMARY KEY,
      source_id INTEGER NOT NULL REFERENCES import_sources (id)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_record_keys`);
    await q.query(`DROP TABLE import_sources`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Explorer filters saved by name, so an operator can reopen "Three UK 30007s this week". */
export class SavedEventFilters1795347000000 implements MigrationInterface {
  name = 'SavedEventFilters1795347000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE saved_event_filters (
      name TEXT PRIMARY KEY COLLATE NOCASE,
      filters TEXT NOT NULL,
      sort TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_event_filters`);
  }
}

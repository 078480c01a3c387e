import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which build applied each migration. A build that finds a migration it does not know (the file
 * was upgraded by a newer console) reads here which version it would need, and says so.
 */
export class MigrationVersions1795350000000 implements MigrationInterface {
  name = 'MigrationVersions1795350000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE schema_migration_versions (
      name TEXT PRIMARY KEY,
      app_version TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schema_migration_versions`);
  }
}

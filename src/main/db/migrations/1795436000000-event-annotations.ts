import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Investigators' annotations of events (issue 13): a star, tags and a note, with who changed them
 * last and when. Kept beside the log, never in it: `events` holds exactly the recorded (or
 * imported) records. Tags are a join table so the explorer's Tag filter is an index lookup
 * (`tag, event_id`), and a partial index lists the starred events. Live database and workspaces
 * share this schema, so an investigator may annotate either.
 */
export class EventAnnotations1795436000000 implements MigrationInterface {
  name = 'EventAnnotations1795436000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE event_annotations (
      event_id INTEGER PRIMARY KEY REFERENCES events (id),
      starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
      note TEXT CHECK (note IS NULL OR length(note) <= 2000),
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_event_annotations_starred ON event_annotations (event_id) WHERE starred = 1`);
    await q.query(`CREATE TABLE event_tags (
      tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 32),
      event_id INTEGER NOT NULL REFERENCES event_annotations (event_id),
      PRIMARY KEY (tag, event_id)
    ) WITHOUT ROWID`);
    await q.query(`CREATE INDEX idx_event_tags_event ON event_tags (event_id, tag)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_tags`);
    await q.query(`DROP TABLE event_annotations`);
  }
}

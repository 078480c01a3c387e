import type { EntityManager } from 'typeorm';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';
import { dialectOf, dialectOfSource } from '../db/dialect';
import { analyzeAfterBulkLoad } from '../events/bulk';
import { indexEventRange } from '../events/index-range';
import { readSetting, writeSetting } from '../settings/json-setting';

/**
 * What a copy moves, parents before children, each with the key it is read in order of. A copy
 * resumes after the last key it committed. `rowid` keeps the order SQLite gives two text-keyed tables
 * (the team database has a column of that name for it). The search index, the phone list, the daily
 * counts, the rollups and the late-event list are not copied: they are rebuilt from the events as
 * each batch of them is written, as an import builds them.
 */
export const COPIED_TABLES: readonly { table: string; key: readonly string[] }[] = [
  { table: 'users', key: ['id'] },
  { table: 'settings', key: ['key'] },
  { table: 'verification_sessions', key: ['rowid'] },
  { table: 'verification_attempts', key: ['id'] },
  { table: 'backup_codes', key: ['id'] },
  { table: 'trusted_devices', key: ['id'] },
  { table: 'simulated_outbox', key: ['id'] },
  { table: 'simulated_mail', key: ['id'] },
  { table: 'provider_delivery_failures', key: ['sid'] },
  { table: 'provider_sync_state', key: ['source'] },
  { table: 'provider_health_samples', key: ['id'] },
  { table: 'phone_lookups', key: ['id'] },
  { table: 'saved_event_filters', key: ['name'] },
  { table: 'operator_sign_ins', key: ['id'] },
  { table: 'operator_sessions', key: ['id'] },
  { table: 'import_sources', key: ['id'] },
  { table: 'import_record_keys', key: ['key'] },
  { table: 'approval_requests', key: ['id'] },
  { table: 'phone_changes', key: ['rowid'] },
  { table: 'temporary_access_codes', key: ['id'] },
  { table: 'events', key: ['id'] },
  { table: 'event_annotations', key: ['event_id'] },
  { table: 'event_tags', key: ['tag', 'event_id'] },
  { table: 'incidents', key: ['id'] },
  { table: 'incident_users', key: ['incident_id', 'user_id', 'role'] },
];

/** The setting in the target that says how far a copy got (removed when it is done and verified). */
export const COPY_PROGRESS_KEY = 'db_copy_progress';
const BATCH_ROWS = 500;

interface Progress {
  /** The source the copy was started from: a resumed copy must read the same one. */
  source: string;
  /** Tables finished, and where the current one got to. */
  done: string[];
  table: string | null;
  lastKey: unknown[] | null;
}

export interface CopyOptions {
  /** How the source is named in messages and in the progress record (never with a password). */
  sourceName: string;
  targetName: string;
  /** Stops after this many batches (tests of an interrupted copy), as a kill would. */
  stopAfterBatches?: number;
  onBatch?: (table: string, rows: number) => void;
}

export interface CopyResult {
  resumed: boolean;
  tables: { table: string; source: number; target: number }[];
  rows: number;
}

const keyOrder = (key: readonly string[]) => key.join(', ');
const count = async (db: Database, table: string) =>
  Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

/**
 * Copies a local database into an empty team database, or a team database into an empty local
 * file (a snapshot). Every batch is one transaction in the target together with the progress
 * record, so an interrupted copy (Ctrl-C, kill -9, a lost connection) leaves whole batches and
 * starts again after the last one. At the end the row counts of every table are compared.
 */
export async function copyDatabase(source: Database, target: Database, options: CopyOptions): Promise<CopyResult> {
  const saved = await target.read((m) => readSetting<Progress | null>(m, COPY_PROGRESS_KEY, null));
  if (saved && saved.source !== options.sourceName) {
    throw new DomainError(
      'COPY_OTHER_SOURCE',
      `${options.targetName} holds an unfinished copy from ${saved.source}, not from ${options.sourceName}: finish that one, or copy into an empty database.`,
    );
  }
  if (!saved) {
    const [users, events] = [await count(target, 'users'), await count(target, 'events')];
    if (users > 0 || events > 0) {
      throw new DomainError(
        'COPY_TARGET_NOT_EMPTY',
        `${options.targetName} already holds ${users} user(s) and ${events} event(s); a copy only goes into an empty database, so nothing was changed.`,
      );
    }
  }
  const progress: Progress = saved ?? { source: options.sourceName, done: [], table: null, lastKey: null };
  let batches = 0;
  let rows = 0;
  for (const { table, key } of COPIED_TABLES) {
    if (progress.done.includes(table)) continue;
    let lastKey = progress.table === table ? progress.lastKey : null;
    for (;;) {
      const where = lastKey ? `WHERE (${keyOrder(key)}) > (${key.map(() => '?').join(', ')})` : '';
      const columns = key.includes('rowid') ? 'rowid, *' : '*';
      const batch = await source.query<Record<string, unknown>>(
        `SELECT ${dialectOfSource(source.dataSource).selectsRowid ? columns : '*'} FROM ${table} ${where} ORDER BY ${keyOrder(key)} LIMIT ${BATCH_ROWS}`,
        lastKey ?? [],
      );
      const finished = batch.length < BATCH_ROWS;
      const next = batch.length ? key.map((k) => batch[batch.length - 1][k]) : lastKey;
      await target.transaction(async (manager) => {
        if (batch.length) await insertBatch(manager, table, batch);
        const state: Progress = finished
          ? { ...progress, done: [...progress.done, table], table: null, lastKey: null }
          : { ...progress, table, lastKey: next };
        await writeSetting(manager, COPY_PROGRESS_KEY, state, Date.now());
        Object.assign(progress, state);
      });
      rows += batch.length;
      lastKey = next;
      options.onBatch?.(table, batch.length);
      if (options.stopAfterBatches !== undefined && ++batches >= options.stopAfterBatches && !finished) {
        throw new DomainError('COPY_INTERRUPTED', `The copy stopped after ${rows} row(s); run it again to go on.`);
      }
      if (finished) break;
    }
  }
  const state = await source.query<{ key: string; value: number }>('SELECT key, value FROM event_log_state');
  await target.transaction(async (manager) => {
    await manager.query('DELETE FROM settings WHERE key = ?', [COPY_PROGRESS_KEY]);
    // How far incident detection got, so the copy does not detect the whole history again.
    for (const { key, value } of state) {
      await manager.query(
        `INSERT INTO event_log_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [key, Number(value)],
      );
    }
    const dialect = dialectOfSource(target.dataSource);
    if (dialect.identitySequences) await advanceSequences(manager);
    if (dialect.analyzesAfterBulkLoads) await analyzeAfterBulkLoad(manager);
  });
  const tables: CopyResult['tables'] = [];
  for (const { table } of COPIED_TABLES) {
    tables.push({ table, source: await count(source, table), target: await count(target, table) });
  }
  const wrong = tables.filter((t) => t.source !== t.target);
  if (wrong.length) {
    throw new DomainError(
      'COPY_COUNTS_DIFFER',
      `The copy finished but its counts differ: ${wrong.map((t) => `${t.table} ${t.source} in the source, ${t.target} in the copy`).join('; ')}. Was the source changed during the copy?`,
      { tables: wrong },
    );
  }
  return { resumed: saved !== null, tables, rows };
}

/** One batch; a batch of events also fills the search index, counts and rollups for its ids. */
async function insertBatch(manager: EntityManager, table: string, batch: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(batch[0]);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await manager.query(
    // The copy keeps every id, even where a team database generates them itself.
    `INSERT INTO ${table} (${columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ')}) ${dialectOf(manager).keepIds}VALUES ${batch.map(() => tuple).join(', ')}`,
    batch.flatMap((row) => columns.map((c) => row[c] ?? null)),
  );
  if (table === 'events') {
    await indexEventRange(manager, Number(batch[0].id), Number(batch[batch.length - 1].id));
  }
}

/** Identity columns continue after the copied ids, so the next user or event gets a new one. */
async function advanceSequences(manager: EntityManager): Promise<void> {
  const identities = (await manager.query(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  )) as { t: string; c: string }[];
  for (const { t, c } of identities) {
    await manager.query(
      `SELECT setval(pg_get_serial_sequence('${t}', '${c}'), m) FROM (SELECT MAX("${c}") AS m FROM "${t}") x WHERE m IS NOT NULL`,
    );
  }
}

import { afterEach, expect, it } from 'vitest';
import { generateDemoData } from '../../../src/main/demo/generate';
import { onPostgres } from '../../support/test-database';
import { appendEvent } from '../../../src/main/events/append';
import { openConsole, NOW, type Console } from './helpers';

let c: Console;
afterEach(() => c.close());

// SQLite's FTS5 fast path (its query plan and MATCH); the search parity test covers the team database.
if (onPostgres) console.log('Skipped on PostgreSQL: a test of the SQLite FTS5 query plan.');
it.skipIf(onPostgres)(
  "a seed after the operators' own first events is not all late: text search keeps its fast path",
  async () => {
    c = await openConsole();
    // The first administrator's setup and sign-in, minutes before the seed loads 90 days of history.
    for (const type of ['user_added', 'sign_in_succeeded'] as const) {
      await c.ctx.db.transaction((m) =>
        appendEvent(m, { occurredAt: NOW - 60_000, type, userEmail: 'ada@example.com', userName: 'Ada Admin' }),
      );
    }
    await generateDemoData(c.ctx.db, { users: 60, events: 5_000, seed: 5, now: NOW });
    const [{ late }] = await c.ctx.db.query<{ late: number }>('SELECT COUNT(*) AS late FROM late_events');
    const [{ loaded }] = await c.ctx.db.query<{ loaded: number }>('SELECT COUNT(*) AS loaded FROM events WHERE id > 2');
    expect(loaded).toBeGreaterThan(4_000);
    // Only the two events logged before the history are listed late, not the history itself.
    expect(late).toBeLessThanOrEqual(2);
    // The events not listed late ascend with time by id (what the text-search walk relies on).
    const [{ out }] = await c.ctx.db.query<{ out: number }>(
      `SELECT COUNT(*) AS out FROM (
       SELECT occurred_at, MAX(occurred_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
       FROM events WHERE id NOT IN (SELECT id FROM late_events)) WHERE occurred_at < before`,
    );
    expect(out).toBe(0);
    // And the late list's own search index finds the ones listed there.
    const [{ found }] = await c.ctx.db.query<{ found: number }>(
      `SELECT COUNT(*) AS found FROM late_events_fts WHERE late_events_fts MATCH 'ada'`,
    );
    expect(found).toBe(late);
  },
);

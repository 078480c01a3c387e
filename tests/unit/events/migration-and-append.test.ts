import { MIGRATIONS } from '../../../src/main/db/migrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaState } from '../../../src/main/db/data-source';
import { appendEvent } from '../../../src/main/events/append';
import type { EventPage, EventFacets } from '../../../src/shared/contract/events';
import { openConsole, NOW, type Console } from './helpers';
import { onPostgres } from '../../support/test-database';

let c: Console;
afterEach(() => c?.close());

const append = (occurredAt: number, message: string, extra: Record<string, unknown> = {}) =>
  c.ctx.db.transaction((m) =>
    appendEvent(m, {
      occurredAt,
      type: 'sms_failure',
      userId: 9,
      userName: 'Amara Okafor',
      userEmail: 'amara.okafor@example.com',
      phone: '+447400123456',
      country: 'GB',
      carrier: 'Three UK',
      providerCode: '30007',
      message,
      ...extra,
    }),
  );

describe('the event-search migration on a fresh :memory: database', () => {
  // The SQLite chain itself (sqlite_master, a migration reverted): tests/postgres/connection.test.ts checks the team database's.
  if (onPostgres)
    console.log(
      'Skipped on PostgreSQL: two tests of the SQLite migration chain (the postgres project checks its own chain).',
    );
  it.skipIf(onPostgres)('runs as part of the whole chain and leaves nothing pending', async () => {
    c = await openConsole();
    const state = await schemaState(c.ctx.db.dataSource);
    expect(state.pending).toEqual([]);
    expect(state.latestMigration).not.toBeNull();
    const tables = await c.ctx.db.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE name LIKE 'event%' OR name LIKE 'idx_events%'`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'events_fts',
        'event_daily_counts',
        'event_log_state',
        'event_phones',
        'idx_events_role_time',
      ]),
    );
  });

  it.skipIf(onPostgres)(
    'a database migrated by the build before event_phones existed is brought level on the next start',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mfa-repair-'));
      const path = join(dir, 'old.sqlite');
      try {
        c = await openConsole(path);
        const id = await append(NOW - 60_000, 'SMS not delivered by Three UK');
        // What that build left behind: no event_phones, no role index, and no later migration recorded.
        // Every migration from EventSearchRepair on, newest first.
        const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === 'EventSearchRepair1795348000000');
        for (let i = 0; i < later; i++) await c.ctx.db.dataSource.undoLastMigration();
        await c.ctx.db.query('DROP TABLE event_phones');
        await c.ctx.db.query('DROP INDEX idx_events_role_time');
        await c.close();

        c = await openConsole(path);
        const page: EventPage = await c.call('eventsQuery', { filters: { search: '07400 123456' } });
        expect(page.rows.map((r) => r.id)).toEqual([id]);
        const index = await c.ctx.db.query(`SELECT name FROM sqlite_master WHERE name = 'idx_events_role_time'`);
        expect(index).toHaveLength(1);
        expect((await schemaState(c.ctx.db.dataSource)).pending).toEqual([]);
      } finally {
        await c.close();
        c = undefined as unknown as Console;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('an appended event is searchable, counted in the facets and shown at once', async () => {
    c = await openConsole();
    const id = await append(NOW - 60_000, 'SMS not delivered by Three UK: filtered by carrier (30007)');
    for (const search of ['okafor', 'amara.okafor@example.com', '+44 7400 123456', '07400123456', 'filtered']) {
      const page: EventPage = await c.call('eventsQuery', { filters: { search } });
      expect(
        page.rows.map((r) => r.id),
        search,
      ).toEqual([id]);
    }
    // Not a user of this console (an imported log, or a removed user): found by the email on the events.
    const byEmail: EventPage = await c.call('eventsQuery', { filters: { user: 'AMARA.Okafor@example.com' } });
    expect(byEmail.rows.map((r) => r.id)).toEqual([id]);
    await expect(c.call('eventsQuery', { filters: { user: 'Amara Okafor' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('user'),
    });
    const facets: EventFacets = await c.call('eventsFacets', {});
    expect(facets.carriers).toEqual([{ value: 'Three UK', label: 'Three UK', count: 1 }]);
    expect(facets.codes[0]).toMatchObject({ value: '30007', count: 1, label: '30007: Filtered by carrier' });
    expect(facets.types.slice(0, 4).map((t) => t.label)).toEqual([
      'Account Lock',
      'Cooldown Activated',
      'MFA Provider Failure',
      'Not My Number',
    ]);
  });

  it('an event older than the newest one is listed as late, and search stays in time order', async () => {
    c = await openConsole();
    const newer = await append(NOW - 1_000, 'carrier filtered one');
    const late = () => c.ctx.db.query<{ id: number }>(`SELECT id FROM late_events`);
    expect(await late()).toEqual([]);
    const older = await append(NOW - 50_000, 'carrier filtered two');
    const newest = await append(NOW - 500, 'carrier filtered three');
    expect(await late()).toEqual([{ id: older }]);
    const ids: number[] = [];
    let after: string | undefined;
    do {
      const page: EventPage = await c.call('eventsQuery', { filters: { search: 'carrier filtered' }, limit: 1, after });
      ids.push(...page.rows.map((r) => r.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(ids).toEqual([newest, newer, older]);
  });

  it('a word typed again after new events also finds words the new events brought', async () => {
    c = await openConsole();
    const first = await append(NOW - 5_000, 'carrier filtered');
    const search = async () =>
      ((await c.call('eventsQuery', { filters: { search: 'okafo' } })) as EventPage).rows.map((r) => r.id);
    expect(await search()).toEqual([first]);
    const second = await append(NOW, 'carrier filtered', { userName: 'Bola Okaforo' });
    expect(await search()).toEqual([second, first]);
  });

  it('the event log stays append-only', async () => {
    c = await openConsole();
    await append(NOW, 'x');
    await expect(c.ctx.db.query('DELETE FROM events')).rejects.toThrow(/append-only/);
  });
});

describe('event detail', () => {
  it('says what the user saw, what the code means, what to do, and offers "more like this"', async () => {
    c = await openConsole();
    const id = await append(NOW, 'Twilio Verify returned HTTP 500', {
      type: 'mfa_provider_failure',
      providerCode: '500',
      details: { requestId: 'RQ1' },
    });
    const detail = await c.call('eventDetail', { id });
    expect(detail.catalog).toMatchObject({
      label: 'MFA Provider Failure',
      userMessage: 'MFA Provider Failure, Error Code: 500',
    });
    expect(detail.providerCode?.helpdeskAction).toMatch(/retry later/i);
    expect(detail.event.details).toEqual({ requestId: 'RQ1' });
    expect(detail.event.phoneMasked).toBe('+44••••••••56');
    expect(detail.presets.map((p) => p.filters)).toEqual([
      { user: 9 },
      { carrier: 'Three UK' },
      { code: '500', types: ['mfa_provider_failure'] },
    ]);
    expect(detail.user).toEqual({ id: 9, exists: false });
    await expect(c.call('eventDetail', { id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../src/main/demo/generate';
import { exporterFor } from '../../../src/main/api/handlers/events';
import { importJobs } from '../../../src/main/workspaces/importing';
import type { ImportStatusValue, WorkspaceStatus } from '../../../src/shared/contract';
import { fixture, openBench, type Bench } from './helpers';

let b: Bench;
beforeEach(async () => {
  b = await openBench();
});
afterEach(() => b.close());

async function imported(input: Record<string, unknown>): Promise<ImportStatusValue> {
  const started = await b.ada.value<ImportStatusValue>('importStart', input);
  return importJobs(b.ctx.workspaces).settled(started.id);
}

const typeCounts = async (db: { query<T>(sql: string): Promise<T[]> }) =>
  Object.fromEntries(
    (
      await db.query<{ type: string; n: number }>('SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY type')
    ).map((r) => [r.type, Number(r.n)]),
  );

describe('workspaces', () => {
  it('create, list as recent, switch back to live, open again; the operator stays signed in throughout', async () => {
    const path = join(b.dir, 'q3-lockouts.sqlite');
    const created = await b.ada.value<WorkspaceStatus>('workspaceCreate', { path });
    expect(created.open).toMatchObject({ path, name: 'q3-lockouts.sqlite', events: 0, sources: 0 });
    expect(created.readOnlyReason).toContain('q3-lockouts.sqlite');
    const live = await b.ada.value<WorkspaceStatus>('workspaceClose');
    expect(live.open).toBeNull();
    expect(live.recent[0]).toMatchObject({ path, exists: true });
    const again = await b.ada.value<WorkspaceStatus>('workspaceOpen', { path });
    expect(again.open?.path).toBe(path);
    expect(await b.ada.call('sessionStatus')).toMatchObject({ ok: true });
  });

  it('refuses to create over a file, to open a missing one, another program’s database, or the live one', async () => {
    const path = join(b.dir, 'ws.sqlite');
    await b.ada.value('workspaceCreate', { path });
    await b.ada.value('workspaceClose');
    expect(await b.ada.call('workspaceCreate', { path })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_EXISTS' },
    });
    expect(await b.ada.call('workspaceOpen', { path: join(b.dir, 'nope.sqlite') })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_NOT_FOUND' },
    });
    expect(await b.ada.call('workspaceOpen', { path: fixture('okta-logs-pages.json') })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_NOT_CONSOLE' },
    });
    expect(await b.ada.call('workspaceOpen', { path: b.ctx.dbPath })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_IS_LIVE' },
    });
  });

  it('in a workspace, actions on live accounts are refused with the reason; the explorer reads the imported events', async () => {
    await generateDemoData(b.ctx.db, { users: 20, events: 300, seed: 3, now: b.ctx.clock.now() });
    const [user] = await b.ctx.db.query<{ email: string }>(
      `SELECT email FROM users WHERE password_hash IS NULL LIMIT 1`,
    );
    await b.ada.value('workspaceCreate', { path: join(b.dir, 'ws.sqlite') });
    await imported({ files: [{ path: fixture('twilio-messages.csv') }] });
    for (const [method, input] of [
      ['lockUser', { email: user.email, reason: 'Suspicious sign-ins' }],
      ['unlockUser', { email: user.email, reason: 'Verified by phone' }],
      ['disableTwoFactor', { email: user.email, reason: 'Lost phone' }],
      ['sendCallerCode', { email: user.email }],
      ['sendCode', { email: user.email }],
      ['listUsers', {}],
      ['setFirmTwoFactor', { enabled: true, reason: 'Tighter limits' }],
    ] as const) {
      const refused = await b.ada.call(method, input);
      expect(refused, method).toMatchObject({ ok: false, error: { code: 'WORKSPACE_READ_ONLY' } });
      if (!refused.ok) expect(refused.error.message).toContain('ws.sqlite is open');
    }
    const page = await b.ada.value<{ rows: { provider: string | null }[] }>('eventsQuery', { filters: {} });
    expect(page.rows).toHaveLength(8);
    // Back on live: the same calls reach the engine again, and the explorer reads the live log.
    await b.ada.value('workspaceClose');
    expect(await b.ada.call('listUsers', {})).toMatchObject({ ok: true });
    const livePage = await b.ada.value<{ total: { value: number } }>('eventsQuery', { filters: {} });
    expect(livePage.total.value).toBeGreaterThan(8);
  });

  it('an own export round-trips into a workspace with identical per-type counts', async () => {
    await generateDemoData(b.ctx.db, { users: 40, events: 3000, seed: 5, now: b.ctx.clock.now() });
    const live = await typeCounts(b.ctx.db);
    for (const format of ['csv', 'ndjson'] as const) {
      const out = join(b.dir, `all.${format}`);
      const started = await b.ada.value<{ id: string }>('exportStart', { format, path: out, filters: {} });
      expect((await exporterFor(b.ctx).wait(started.id)).state).toBe('done');
      await b.ada.value('workspaceCreate', { path: join(b.dir, `rt-${format}.sqlite`) });
      const done = await imported({ files: [{ path: out }] });
      expect(done.state, JSON.stringify(done.error)).toBe('done');
      expect(done.result!.files[0].format).toBe(`console-${format}`);
      expect(done.result!.files[0].byType).toEqual(live);
      expect(await typeCounts(b.ctx.workspaces.current!.db)).toEqual(live);
      // The same export again adds nothing: its event ids within the same file are known.
      expect((await imported({ files: [{ path: out }] })).result!.imported).toBe(0);
      await b.ada.value('workspaceClose');
    }
  });
});

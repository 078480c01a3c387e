import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importJobs } from '../../../src/main/workspaces/importing';
import type { ImportStatusValue, IncidentDetail, IncidentSummary } from '../../../src/shared/contract';
import { writeTwilioBurstCsv } from '../../support/twilio-burst';
import { openBench, type Bench } from './helpers';

let b: Bench;
beforeEach(async () => {
  b = await openBench();
});
afterEach(() => b.close());

const DAY = 86_400_000;
// Months before the bench's clock (2026-12-01): an investigation of last quarter.
const FROM = Date.parse('2026-08-01T00:00:00Z');
const BURST = { start: FROM + 10 * DAY + 9 * 3_600_000, hours: 4, code: '30007', every: 2 };

async function importBurst(): Promise<ImportStatusValue> {
  const file = join(b.dir, 'messages-august.csv');
  writeTwilioBurstCsv(file, { from: FROM, days: 12, perHour: 20, burst: BURST });
  await b.ada.value('workspaceCreate', { path: join(b.dir, 'august.sqlite') });
  const started = await b.ada.value<ImportStatusValue>('importStart', { files: [{ path: file }] });
  return importJobs(b.ctx.workspaces).settled(started.id);
}

const liveCounts = async () => {
  const [row] = await b.ctx.db.query<{ incidents: number; events: number; rollups: number }>(
    `SELECT (SELECT COUNT(*) FROM incidents) AS incidents, (SELECT COUNT(*) FROM events) AS events,
       (SELECT COUNT(*) FROM event_hourly_rollups) AS rollups`,
  );
  return row;
};

describe('incidents in an investigation workspace', () => {
  it('a carrier-filtering burst in an imported Twilio export is found when the import finishes, dated by the file, live untouched', async () => {
    const before = await liveCounts();
    const status = await importBurst();
    expect(status.state).toBe('done');
    expect(status.after).toMatchObject({ error: false });
    expect(status.after?.message).toMatch(/Incident detector: [1-9]\d* incidents? in the imported events/);

    const { incidents } = await b.ada.value<{ incidents: IncidentSummary[] }>('incidentsList', {});
    // The file records no successful check: no pumping verdict (conversions cannot be seen to collapse).
    expect(incidents.filter((i) => i.kind === 'pumping')).toEqual([]);
    const filtering = incidents.find((i) => i.key.providerCode === '30007');
    expect(filtering, JSON.stringify(incidents)).toBeDefined();
    // Its window is the file's: onset at the burst's first failure, over within the file, not "ongoing till now".
    expect(filtering!.startedAt).toBe(BURST.start);
    expect(filtering!.endedAt).not.toBeNull();
    expect(filtering!.endedAt!).toBeLessThan(BURST.start + BURST.hours * 3_600_000);
    expect(filtering!.failures).toBeGreaterThanOrEqual(40);
    // Attempts are the delivered plus the failed messages (the export has no sends of its own).
    expect(filtering!.rate!).toBeGreaterThan(0.4);
    expect(filtering!.rate!).toBeLessThan(0.6);
    // Its people are the phone numbers of the failed messages (the file names no user).
    expect(filtering!.affectedUsers).toBe(20);
    const detail = await b.ada.value<IncidentDetail>('incidentDetail', { id: filtering!.id });
    expect(detail.totalUsers).toBe(20);
    expect(detail.users[0]).toMatchObject({ id: 0, email: expect.stringMatching(/^\+4474001/), lockedNow: false });
    expect(detail.hourly.some((h) => h.failures >= 10)).toBe(true);
    const forPhone = await b.ada.value<{ incidents: IncidentSummary[] }>('incidentsForUser', {
      email: 'nobody@example.com',
    });
    expect(forPhone.incidents).toEqual([]);

    // The live database holds none of it.
    expect(await liveCounts()).toEqual(before);
    await b.ada.value('workspaceClose');
    const live = await b.ada.value<{ incidents: IncidentSummary[] }>('incidentsList', {});
    expect(live.incidents).toEqual([]);
  });

  it('detection runs on demand in the workspace; the detector’s parameters stay the live console’s', async () => {
    await importBurst();
    const run = await b.ada.value<{ total: number; evaluatedTo: number }>('detectIncidents', {});
    expect(run.total).toBeGreaterThan(0);
    // Evaluated up to the file's last hour, not the clock's.
    expect(run.evaluatedTo).toBe(FROM + 12 * DAY - 3_600_000);
    expect(await b.ada.call('getIncidentSettings')).toMatchObject({ ok: true });
    expect(
      await b.ada.call('updateIncidentSettings', { changes: { minFailures: 20 }, reason: 'Fewer incidents please' }),
    ).toMatchObject({ ok: false, error: { code: 'WORKSPACE_READ_ONLY' } });
    expect(await b.ada.call('previewBulkAction', { action: 'unlock', emails: ['a@example.com'] })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_READ_ONLY' },
    });
  });
});

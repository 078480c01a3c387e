import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exporterFor } from '../../../src/main/api/handlers/events';
import { generateDemoData } from '../../../src/main/demo/generate';
import { NDJSON_ANNOTATION_COLUMNS, EXPORT_COLUMNS } from '../../../src/main/events/export-format';
import { importJobs } from '../../../src/main/workspaces/importing';
import type {
  EventAnnotation,
  EventDetailValue,
  EventFilters,
  EventListRow,
  EventPage,
  EventSort,
  EventTotal,
  ImportStatusValue,
} from '../../../src/shared/contract';
import { fixture, openBench, type Bench } from '../workspaces/helpers';

let b: Bench;
beforeEach(async () => {
  b = await openBench();
  await generateDemoData(b.ctx.db, { users: 30, events: 2_000, seed: 11, now: b.ctx.clock.now() });
});
afterEach(() => b.close());

const ids = async (): Promise<number[]> =>
  (await b.ctx.db.query<{ id: number }>('SELECT id FROM events ORDER BY id')).map((r) => Number(r.id));

async function allPages(filters: EventFilters, sort?: EventSort, limit = 7): Promise<EventListRow[]> {
  const rows: EventListRow[] = [];
  let after: string | undefined;
  do {
    const page = await b.ada.value<EventPage>('eventsQuery', { filters, sort, limit, after });
    rows.push(...page.rows);
    after = page.nextCursor ?? undefined;
  } while (after);
  return rows;
}

/** Every event, newest first, as the JS reference the keyset pages are checked against. */
async function everyRow(): Promise<EventListRow[]> {
  return allPages({}, undefined, 1000);
}

async function exportTo(input: Record<string, unknown>): Promise<string> {
  const { id } = await b.ada.value<{ id: string }>('exportStart', input);
  const status = await exporterFor(b.ctx).wait(id);
  expect(status.state).toBe('done');
  return readFileSync(input.path as string, 'utf8');
}

describe('annotations', () => {
  it('star, tags and a note are kept beside the event under the signed-in operator; the event log is untouched', async () => {
    const [id] = await ids();
    const before = await b.ctx.db.query('SELECT * FROM events ORDER BY id');
    const starred = await b.ada.value<EventAnnotation>('eventStar', { id, starred: true });
    expect(starred).toMatchObject({ starred: true, tags: [], note: null, updatedBy: 'ada@example.com' });
    expect(starred.updatedAt).toBe(b.ctx.clock.now());
    const tagged = await b.ada.value<EventAnnotation>('eventTagsSet', {
      id,
      tags: ['Sim-Swap', ' fraud ', 'sim-swap', 'q3.lockouts'],
    });
    expect(tagged.tags).toEqual(['fraud', 'q3.lockouts', 'sim-swap']);
    const noted = await b.ada.value<EventAnnotation>('eventNoteSet', { id, note: '  Called back; not the user.  ' });
    expect(noted).toMatchObject({ starred: true, note: 'Called back; not the user.' });

    const detail = await b.ada.value<EventDetailValue>('eventDetail', { id });
    expect(detail.annotation).toMatchObject({ starred: true, tags: ['fraud', 'q3.lockouts', 'sim-swap'] });
    expect(detail.event).toMatchObject({ starred: true, tags: ['fraud', 'q3.lockouts', 'sim-swap'] });
    const row = (await everyRow()).find((r) => r.id === id);
    expect(row).toMatchObject({ starred: true, tags: ['fraud', 'q3.lockouts', 'sim-swap'] });

    // An empty note removes it; the star comes off; the events table holds exactly what it held.
    expect(await b.ada.value('eventNoteSet', { id, note: '' })).toMatchObject({ note: null });
    expect(await b.ada.value('eventStar', { id, starred: false })).toMatchObject({ starred: false });
    expect(await b.ctx.db.query('SELECT * FROM events ORDER BY id')).toEqual(before);
  });

  it('refuses a bad tag, too many tags, a long note and an unknown event, naming what was wrong', async () => {
    const [id] = await ids();
    for (const [method, input, words] of [
      ['eventTagsSet', { id, tags: ['has space'] }, 'tags.0'],
      ['eventTagsSet', { id, tags: ['ünicode'] }, "letters a-z, digits, '.', '_' and '-'"],
      ['eventTagsSet', { id, tags: ['x'.repeat(33)] }, 'at most 32'],
      ['eventTagsSet', { id, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'more than 10 tags'],
      ['eventNoteSet', { id, note: 'n'.repeat(2001) }, 'at most 2000'],
      ['eventStar', { id, starred: 'yes' }, 'starred'],
    ] as const) {
      expect(await b.ada.call(method, input), JSON.stringify(input).slice(0, 40)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining(words) },
      });
    }
    expect(await b.ada.call('eventStar', { id: 999_999, starred: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('999999') },
    });
    expect(await b.ctx.db.query('SELECT * FROM event_annotations')).toEqual([]);
  });

  it('the Starred and Tag filters page exactly like a JS reference, in every sort, and count exactly', async () => {
    const all = await ids();
    // Every 13th event starred, every 17th tagged "a", every 29th tagged "b" (some carry both).
    for (const id of all.filter((_, i) => i % 13 === 0)) await b.ada.value('eventStar', { id, starred: true });
    for (const [i, id] of all.entries()) {
      const tags = [...(i % 17 === 0 ? ['a'] : []), ...(i % 29 === 0 ? ['b'] : [])];
      if (tags.length > 0) await b.ada.value('eventTagsSet', { id, tags });
    }
    const reference = await everyRow();
    const cases: { filters: EventFilters; keep: (r: EventListRow) => boolean }[] = [
      { filters: { starred: true }, keep: (r) => r.starred },
      { filters: { tags: ['a'] }, keep: (r) => r.tags.includes('a') },
      { filters: { tags: ['B', 'a'] }, keep: (r) => r.tags.includes('a') || r.tags.includes('b') },
      { filters: { starred: true, tags: ['a'] }, keep: (r) => r.starred && r.tags.includes('a') },
      {
        filters: { tags: ['a', 'b'], types: ['sms_failure', 'wrong_code'] },
        keep: (r) => r.tags.length > 0 && ['sms_failure', 'wrong_code'].includes(r.type),
      },
    ];
    const sorts: (EventSort | undefined)[] = [
      undefined,
      { field: 'occurredAt', direction: 'asc' },
      { field: 'carrier', direction: 'desc' },
      { field: 'type', direction: 'asc' },
    ];
    const order = (sort: EventSort | undefined) => (x: EventListRow, y: EventListRow) => {
      const dir = sort?.direction === 'asc' ? 1 : -1;
      const key = (r: EventListRow) => (sort?.field === 'carrier' ? r.carrier : sort?.field === 'type' ? r.type : null);
      const kx = key(x);
      const ky = key(y);
      if (kx !== ky) return (kx === null ? -1 : ky === null ? 1 : kx < ky ? -1 : 1) * dir;
      return (x.occurredAt - y.occurredAt || x.id - y.id) * dir;
    };
    for (const { filters, keep } of cases) {
      const expected = reference.filter(keep);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(3);
      for (const sort of sorts) {
        const got = await allPages(filters, sort);
        expect(
          got.map((r) => r.id),
          `${JSON.stringify(filters)} ${JSON.stringify(sort)}`,
        ).toEqual([...expected].sort(order(sort)).map((r) => r.id));
      }
      const first = await b.ada.value<EventPage>('eventsQuery', { filters, limit: 5 });
      expect(first.total).toMatchObject({ value: expected.length, exact: true });
      expect(await b.ada.value<EventTotal>('eventsCount', { filters })).toMatchObject({ value: expected.length });
    }
    // With text search (its own plan, walking the search index): the search's pages, kept to the tag.
    for (const search of ['sms', 'code']) {
      const searched = await allPages({ search }, undefined, 1000);
      const got = await allPages({ search, tags: ['a'] });
      expect(
        got.map((r) => r.id),
        search,
      ).toEqual(searched.filter((r) => r.tags.includes('a')).map((r) => r.id));
      expect(got.length, search).toBeGreaterThan(0);
      const count = await b.ada.value<EventTotal>('eventsCount', { filters: { search, tags: ['a'] } });
      expect(count.value).toBe(got.length);
    }
    const facets = await b.ada.value<{ tags: { value: string; count: number }[] }>('eventsFacets', {});
    expect(facets.tags).toEqual([
      { value: 'a', label: 'a', count: reference.filter((r) => r.tags.includes('a')).length },
      { value: 'b', label: 'b', count: reference.filter((r) => r.tags.includes('b')).length },
    ]);
  });

  it('saved filters keep Starred and Tag', async () => {
    const filters = { starred: true, tags: ['fraud'] };
    await b.ada.value('savedFilterSave', { name: 'Fraud stars', filters });
    const [saved] = await b.ada.value<{ filters: EventFilters }[]>('savedFiltersList', {});
    expect(saved.filters).toEqual(filters);
  });

  it('the NDJSON export carries starred, tags and note after the 19 columns; the CSV keeps its 19', async () => {
    const [first, second] = await ids();
    await b.ada.value('eventStar', { id: first, starred: true });
    await b.ada.value('eventTagsSet', { id: first, tags: ['fraud'] });
    await b.ada.value('eventNoteSet', { id: second, note: 'Line one\n"quoted"' });
    const ndjson = await exportTo({ format: 'ndjson', path: join(b.dir, 'all.ndjson'), filters: {} });
    const lines = ndjson
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(lines[0])).toEqual([...EXPORT_COLUMNS, ...NDJSON_ANNOTATION_COLUMNS]);
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect(byId.get(first)).toMatchObject({ starred: true, tags: ['fraud'], note: null });
    expect(byId.get(second)).toMatchObject({ starred: false, tags: [], note: 'Line one\n"quoted"' });
    expect(lines.filter((l) => l.starred === true || (l.tags as string[]).length > 0 || l.note !== null)).toHaveLength(
      2,
    );
    const tagged = await exportTo({
      format: 'ndjson',
      path: join(b.dir, 'fraud.ndjson'),
      filters: { tags: ['fraud'] },
    });
    expect(tagged.trimEnd().split('\n')).toHaveLength(1);
    const csv = await exportTo({ format: 'csv', path: join(b.dir, 'all.csv'), filters: { starred: true } });
    expect(csv.split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('importing the own NDJSON export into a workspace restores them; annotating there leaves the live log alone', async () => {
    const all = await ids();
    const marks = new Map<number, { starred: boolean; tags: string[]; note: string | null }>();
    for (const [i, id] of all.entries()) {
      if (i % 97 !== 0) continue;
      const mark = { starred: i % 2 === 0, tags: i % 3 === 0 ? ['fraud', 'q3'] : ['sim-swap'], note: `note ${i}` };
      await b.ada.value('eventStar', { id, starred: mark.starred });
      await b.ada.value('eventTagsSet', { id, tags: mark.tags });
      await b.ada.value('eventNoteSet', { id, note: mark.note });
      marks.set(id, mark);
    }
    const path = join(b.dir, 'live.ndjson');
    await exportTo({ format: 'ndjson', path });
    const live = await everyRow();

    await b.ada.value('workspaceCreate', { path: join(b.dir, 'ws.sqlite') });
    const started = await b.ada.value<ImportStatusValue>('importStart', { files: [{ path }] });
    const done = await importJobs(b.ctx.workspaces).settled(started.id);
    expect(done.result?.imported).toBe(all.length);
    const restored = await everyRow();
    // Same events in the same order; each one's star and tags as exported (ids are the workspace's own).
    expect(restored.map((r) => [r.occurredAt, r.type, r.starred, r.tags])).toEqual(
      live.map((r) => [r.occurredAt, r.type, r.starred, r.tags]),
    );
    const noteOf = async (id: number) => (await b.ada.value<EventDetailValue>('eventDetail', { id })).annotation;
    for (const [i, row] of live.entries()) {
      const mark = marks.get(row.id);
      if (!mark) continue;
      expect(await noteOf(restored[i].id)).toMatchObject({ ...mark, updatedBy: 'ada@example.com' });
    }
    const workspaceTagged = await allPages({ tags: ['q3'] });
    expect(workspaceTagged.length).toBe([...marks.values()].filter((m) => m.tags.includes('q3')).length);

    // Annotating in the workspace is allowed; the live database keeps its own marks.
    await b.ada.value('eventStar', { id: restored[0].id, starred: !restored[0].starred });
    await b.ada.value('workspaceClose');
    expect((await everyRow())[0].starred).toBe(live[0].starred);
  });

  it('an own NDJSON line with a bad tag or note stops the import, naming the line and the field; nothing is written', async () => {
    const path = join(b.dir, 'live.ndjson');
    const text = await exportTo({ format: 'ndjson', path, filters: { types: ['wrong_code'] } });
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const [field, value, words] of [
      ['tags', ['bad tag'], "letters a-z, digits, '.', '_' and '-'"],
      ['tags', 'fraud', 'an array of tags'],
      ['note', 'n'.repeat(2001), 'at most 2,000 characters'],
      ['starred', 'yes', 'true or false'],
    ] as const) {
      const broken = lines.map((l, i) => (i === 2 ? JSON.stringify({ ...JSON.parse(l), [field]: value }) : l));
      const file = join(b.dir, `broken-${field}.ndjson`);
      writeFileSync(file, broken.join('\n') + '\n');
      if (!b.ctx.workspaces.current) await b.ada.value('workspaceCreate', { path: join(b.dir, 'ws.sqlite') });
      const started = await b.ada.value<ImportStatusValue>('importStart', { files: [{ path: file }] });
      const done = await importJobs(b.ctx.workspaces).settled(started.id);
      expect(done.error, field).toMatchObject({
        code: 'IMPORT_INVALID',
        message: expect.stringContaining(words),
        details: { line: 3, column: field },
      });
    }
    expect(await b.ctx.workspaces.current!.db.query('SELECT COUNT(*) AS n FROM events')).toEqual([{ n: 0 }]);
    expect(await b.ctx.workspaces.current!.db.query('SELECT COUNT(*) AS n FROM event_annotations')).toEqual([{ n: 0 }]);
  });

  it('into a workspace that already holds events, each mark lands on its own event; a re-import adds none twice', async () => {
    const all = await ids();
    const marked = all.filter((_, i) => i % 150 === 7);
    for (const id of marked) await b.ada.value('eventTagsSet', { id, tags: [`e${id}`] });
    const path = join(b.dir, 'live.ndjson');
    await exportTo({ format: 'ndjson', path });
    const live = new Map((await everyRow()).map((r) => [r.id, r]));

    await b.ada.value('workspaceCreate', { path: join(b.dir, 'ws.sqlite') });
    const importFiles = async (file: string) => {
      const started = await b.ada.value<ImportStatusValue>('importStart', { files: [{ path: file }] });
      return importJobs(b.ctx.workspaces).settled(started.id);
    };
    expect((await importFiles(fixture('twilio-messages.csv'))).result?.imported).toBeGreaterThan(0);
    expect((await importFiles(path)).result?.imported).toBe(all.length);
    for (const id of marked) {
      const [row] = await allPages({ tags: [`e${id}`] });
      expect([row.occurredAt, row.type, row.userEmail]).toEqual([
        live.get(id)!.occurredAt,
        live.get(id)!.type,
        live.get(id)!.userEmail,
      ]);
    }
    expect((await importFiles(path)).result).toMatchObject({ imported: 0, duplicates: all.length });
    const [tags] = await b.ctx.workspaces.current!.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM event_tags');
    expect(Number(tags.n)).toBe(marked.length);
  });
});

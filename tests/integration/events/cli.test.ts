import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { cliSignIn } from '../../support/cli-sign-in';
import { ADA } from '../../support/operators';

let dir: string;
let db: string;

/** Runs the CLI in-process and returns its exit code and what it printed on stdout. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runCli([...args, '--db', db]);
    return { code, out };
  } finally {
    process.stdout.write = write;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-cli-events-'));
  db = join(dir, 'console.sqlite');
  process.env.MFA_CONSOLE_DATA_DIR = dir;
  await cliSignIn(db, ADA, { bootstrap: true });
  const seeded = await cli('seed', '--users', '150', '--events', '8000', '--seed', '9', '--json');
  expect(seeded.code).toBe(0);
  expect(JSON.parse(seeded.out)).toMatchObject({ ok: true, value: { users: 150, events: 8000 } });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mfa-console events', () => {
  it('query --json gives rows, the next cursor and the total; --after continues where it stopped', async () => {
    const first = await cli(
      'events',
      'query',
      '--type',
      'sms_failure',
      '--type',
      'wrong_code',
      '--limit',
      '5',
      '--json',
    );
    expect(first.code).toBe(0);
    const page = JSON.parse(first.out).value;
    expect(page.rows).toHaveLength(5);
    expect(page.rows.every((r: { type: string }) => ['sms_failure', 'wrong_code'].includes(r.type))).toBe(true);
    expect(page.total.exact).toBe(true);
    const second = await cli(
      'events',
      'query',
      '--type',
      'sms_failure',
      '--type',
      'wrong_code',
      '--limit',
      '5',
      '--after',
      page.nextCursor,
      '--json',
    );
    const next = JSON.parse(second.out).value;
    expect(next.rows[0].occurredAt).toBeLessThanOrEqual(page.rows[4].occurredAt);
    expect(next.rows.map((r: { id: number }) => r.id)).not.toContain(page.rows[4].id);
  });

  it('takes a carrier typed in any case', async () => {
    const page = JSON.parse(
      (await cli('events', 'query', '--type', 'sms_failure', '--limit', '1', '--json')).out,
    ).value;
    const carrier: string = page.rows[0].carrier;
    const exact = JSON.parse((await cli('events', 'count', '--carrier', carrier, '--json')).out).value;
    const lower = JSON.parse((await cli('events', 'count', '--carrier', carrier.toLowerCase(), '--json')).out).value;
    expect(exact.value).toBeGreaterThan(0);
    expect(lower).toEqual(exact);
  });

  it('refuses a bad filter with a message naming it and a non-zero exit', async () => {
    const bad = await cli('events', 'query', '--country', 'Britain', '--json');
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.out).error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('country'),
    });
  });

  it('export --format ndjson writes the same rows the query returns', async () => {
    const out = join(dir, 'locks.ndjson');
    const exported = await cli('events', 'export', '--format', 'ndjson', '--out', out, '--code', '30007', '--json');
    expect(exported.code).toBe(0);
    const status = JSON.parse(exported.out).value;
    expect(status.state).toBe('done');
    const lines = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const query = JSON.parse((await cli('events', 'query', '--code', '30007', '--limit', '1000', '--json')).out).value;
    expect(lines.map((l) => l.id)).toEqual(query.rows.map((r: { id: number }) => r.id));
    expect(lines.length).toBe(status.rowsWritten);
  });

  it('--starred and --tag (repeatable: any of them) filter like the explorer', async () => {
    // Marks as the drawer stores them (the CLI has no command to make them).
    const conn = new Sqlite(db);
    const run = (sql: string) => new Promise<void>((ok, fail) => conn.exec(sql, (e) => (e ? fail(e) : ok())));
    await run(`INSERT INTO event_annotations (event_id, starred, updated_by, updated_at)
      SELECT id, id % 200 = 0, 'ada@example.com', 0 FROM events WHERE id % 100 = 0;
      INSERT INTO event_tags (tag, event_id) SELECT 'fraud', id FROM events WHERE id % 100 = 0;
      INSERT INTO event_tags (tag, event_id) SELECT 'q3', id FROM events WHERE id % 300 = 0`);
    await new Promise((ok) => conn.close(ok));
    const rowsOf = async (...args: string[]) =>
      JSON.parse((await cli('events', 'query', '--type', 'sms_failure', ...args, '--limit', '1000', '--json')).out)
        .value.rows as { id: number; starred: boolean; tags: string[] }[];
    const starred = await rowsOf('--starred');
    expect(starred.length).toBeGreaterThan(0);
    expect(starred.every((r) => r.starred && r.id % 200 === 0)).toBe(true);
    const q3 = await rowsOf('--tag', 'q3');
    expect(q3.every((r) => r.tags.includes('q3') && r.id % 300 === 0)).toBe(true);
    const either = await rowsOf('--tag', 'q3', '--tag', 'fraud');
    expect(either.map((r) => r.id)).toEqual((await rowsOf('--tag', 'fraud')).map((r) => r.id));
    const count = JSON.parse((await cli('events', 'count', '--tag', 'q3', '--json')).out).value;
    expect(count).toMatchObject({ exact: true });
    expect(count.value).toBeGreaterThanOrEqual(q3.length);
  });

  it("events star, tag and note set the marks under the terminal's operator; show prints them", async () => {
    const [id] = JSON.parse((await cli('events', 'query', '--limit', '1', '--json')).out).value.rows.map(
      (r: { id: number }) => r.id,
    );
    expect((await cli('events', 'star', String(id), '--json')).code).toBe(0);
    const tagged = JSON.parse((await cli('events', 'tag', String(id), 'Fraud,q3', 'callback', '--json')).out);
    expect(tagged.value).toMatchObject({ starred: true, tags: ['callback', 'fraud', 'q3'], updatedBy: ADA.email });
    const noted = await cli('events', 'note', String(id), 'Asked the carrier.');
    expect(noted.out).toContain('note: Asked the carrier.');
    const shown = (await cli('events', 'show', String(id))).out;
    expect(shown).toMatch(/Starred\s+yes/);
    expect(shown).toMatch(/Tags\s+callback, fraud, q3/);
    const bad = await cli('events', 'tag', String(id), 'no/slash', '--json');
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.out).error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('tags'),
    });
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exporterFor } from '../../../src/main/api/handlers/events';
import { ExportJournal } from '../../../src/main/events/export-journal';
import { tempPathFor } from '../../../src/main/events/export';
import { generatedConsole, type Console } from './helpers';

let c: Console;
let dir: string;
beforeAll(async () => {
  c = await generatedConsole(100, 5_000, 3);
  dir = mkdtempSync(join(tmpdir(), 'mfa-export-claims-'));
});
afterAll(async () => {
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

const ok = (value: { id: string }) => ({ ok: true as const, value });
const refused = (error: { code: string }) => ({ ok: false as const, error });

describe('two exports to one file name', () => {
  it('at once: the second is refused while the first holds the name, and the file is the first one whole', async () => {
    const path = join(dir, 'same.csv');
    const [first, second] = await Promise.all([
      c.call('exportStart', { format: 'csv', path }).then(ok, refused),
      c.call('exportStart', { format: 'ndjson', path }).then(ok, refused),
    ]);
    const outcomes = [first, second].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['EXPORT_IN_PROGRESS', 'ok']);
    const winner = (first.ok ? first : second) as { value: { id: string } };
    const status = await exporterFor(c.ctx).wait(winner.value.id);
    expect(status.state).toBe('done');
    const lines = readFileSync(path, 'utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(5_001);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('one after the other: the second (allowed to overwrite) goes ahead once the first is done', async () => {
    const path = join(dir, 'again.csv');
    const first = await c.call('exportStart', { format: 'csv', path });
    await exporterFor(c.ctx).wait(first.id);
    const second = await c.call('exportStart', { format: 'csv', path, overwrite: true });
    expect((await exporterFor(c.ctx).wait(second.id)).state).toBe('done');
  });

  it('a temporary file left by a killed process is removed, and the name can be exported to again', async () => {
    const path = join(dir, 'orphan.csv');
    const temp = tempPathFor(path);
    writeFileSync(temp, 'id,phone\r\n1,+447111222333\r\n');
    // What the killed process had recorded: its pid, now gone.
    const journal = new ExportJournal(join(c.ctx.dataDir, 'exports-in-progress'));
    journal.record(temp, path);
    const entry = readdirSync(join(c.ctx.dataDir, 'exports-in-progress'))[0];
    const file = join(c.ctx.dataDir, 'exports-in-progress', entry);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"pid":\d+/, '"pid":999999999'));
    const started = await c.call('exportStart', { format: 'csv', path });
    expect((await exporterFor(c.ctx).wait(started.id)).state).toBe('done');
    expect(readFileSync(path, 'utf8')).not.toContain('+447111222333');
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, type Api } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import { fixtureOperator, type SignedIn } from '../../support/operators';

export const FIXTURES = join(__dirname, '../../fixtures/import');
export const fixture = (name: string) => join(FIXTURES, name);
export const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export interface Bench {
  dir: string;
  ctx: AppContext;
  api: Api;
  ada: SignedIn;
  close(): Promise<void>;
}

/** A console on a live database in a temporary data directory, with a signed-in administrator. */
export async function openBench(): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-workspaces-'));
  const ctx = await openContext({
    shell: 'web',
    dataDir: dir,
    dbPath: join(dir, 'live.sqlite'),
    clock: new FakeClock(Date.parse('2026-12-01T09:00:00Z')),
  });
  const api = createApi(ctx);
  const ada = await fixtureOperator(api, ctx, { email: 'ada@example.com', name: 'Ada Admin', role: 'administrator' });
  return {
    dir,
    ctx,
    api,
    ada,
    close: async () => {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every table's row count: "the workspace is exactly as before" compares these. */
export async function tableCounts(ctx: AppContext): Promise<Record<string, number>> {
  const db = ctx.workspaces.current!.db;
  const tables = await db.query<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name`,
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`);
    out[name] = Number(row.n);
  }
  return out;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, type Api } from '../../../src/main/api';
import { fixtureOperator, type SignedIn } from '../../support/operators';
import { openContext, type AppContext } from '../../../src/main/context';
import { testDatabase } from '../../support/test-database';
import { generateDemoData } from '../../../src/main/demo/generate';
import { FakeClock } from '../../../src/main/core/clock';
import type { ApiMethod, ApiOutput } from '../../../src/shared/contract';
import type { ApiError } from '../../../src/shared/result';

/** 2026-11-22 09:00 UTC: the fixed "now" of generated test databases. */
export const NOW = Date.parse('2026-11-22T09:00:00Z');

export interface Console {
  ctx: AppContext;
  api: Api;
  clock: FakeClock;
  /** Calls the API as a shell does; throws the error envelope when the call is refused. */
  call<M extends ApiMethod>(method: M, input: unknown): Promise<ApiOutput<M>>;
  close(): Promise<void>;
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
  get code(): string {
    return this.error.code;
  }
}

export async function openConsole(dbPath = ':memory:'): Promise<Console> {
  // On the postgres project, a team database of its own (see test-database.ts).
  return openConsoleOn(await testDatabase(dbPath));
}

/** A console on exactly this database (a file, ':memory:' or a postgres:// URL). */
export async function openConsoleOn(target: string): Promise<Console> {
  const clock = new FakeClock(NOW);
  const dataDir = mkdtempSync(join(tmpdir(), 'mfa-console-'));
  const ctx = await openContext({ shell: 'cli', dbPath: target, dataDir, clock });
  const api = createApi(ctx);
  let operator: SignedIn | null = null;
  return {
    ctx,
    api,
    clock,
    async call(method, input) {
      operator ??= await fixtureOperator(api, ctx);
      let result = await operator.call(method, input);
      // Tests that move the clock on by hours: sign in again, as the operator would.
      if (!result.ok && ['SESSION_LOCKED', 'SESSION_EXPIRED'].includes(result.error.code)) {
        operator = await fixtureOperator(api, ctx);
        result = await operator.call(method, input);
      }
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
    },
    close: async () => {
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A console over a generated database (same seed, same data). */
export async function generatedConsole(users = 300, events = 30_000, seed = 7): Promise<Console> {
  const c = await openConsole();
  await generateDemoData(c.ctx.db, { users, events, seed, now: NOW });
  return c;
}

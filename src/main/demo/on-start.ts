import type { AppContext } from '../context';
import { DEMO_ADMIN, demoAdministrator } from '../engine/operators/demo-administrator';
import { detectIfChanged } from '../incidents/actions';
import { generateDemoData } from './generate';

export interface DemoStart {
  loaded: { users: number; events: number } | null;
  /** The demo administrator's sign-in, to print once; null when the console is not a demo. */
  signIn: { email: string; password: string } | null;
}

/**
 * `--demo`: demo data in an empty console, and the demo administrator with a fresh password. A
 * console that holds other data (a real organisation's) is left as it is.
 */
export async function startDemo(ctx: AppContext): Promise<DemoStart> {
  const [row] = await ctx.db.query<{ n: number; demo: number }>(
    `SELECT COUNT(*) AS n, SUM(email = ? COLLATE NOCASE) AS demo FROM users`,
    [DEMO_ADMIN.email],
  );
  const empty = Number(row.n) === 0;
  if (!empty && !Number(row.demo)) return { loaded: null, signIn: null };
  const loaded = empty
    ? await generateDemoData(ctx.db, { users: 200, events: 20_000, seed: 42, now: ctx.clock.now() })
    : null;
  if (loaded) await detectIfChanged(ctx.db, ctx.clock);
  return { loaded, signIn: await demoAdministrator(ctx.engine.deps) };
}

import type { AppContext } from '../context';
import { generateDemoData } from './generate';

/** `--demo`: fill the console with demo data, but only when it is empty. */
export async function loadDemoIfEmpty(ctx: AppContext): Promise<{ users: number; events: number } | null> {
  const [row] = await ctx.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM users');
  if (Number(row.n) > 0) return null;
  return generateDemoData(ctx.db, { users: 200, events: 20_000, seed: 42, now: ctx.clock.now() });
}

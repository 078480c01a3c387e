import type { AppContext } from './context';
import { detectIfChanged } from './incidents/actions';
import { SyncScheduler } from './providers/twilio/sync-scheduler';

/**
 * What runs while a console window is open (not for one-shot CLI commands): the Twilio
 * delivery-failure sync every 5 minutes, only while Twilio is the active provider, and the
 * incident detector every 5 minutes over what arrived since its last run.
 * Returns the function that stops it, awaited before the database closes.
 */
export function startBackgroundWork(ctx: AppContext): () => Promise<void> {
  const sync = ctx.twilio.scheduler();
  sync.start();
  const incidents = new SyncScheduler(() => detectIfChanged(ctx.db, ctx.clock), {
    intervalMs: 5 * 60_000,
    firstDelayMs: 20_000,
    clock: ctx.clock,
  });
  incidents.start();
  return async () => {
    await sync.stop();
    await incidents.stop();
  };
}

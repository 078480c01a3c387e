import type { AppContext } from './context';

/**
 * What runs while a console window is open (not for one-shot CLI commands): the Twilio
 * delivery-failure sync every 5 minutes, only while Twilio is the active provider.
 * Returns the function that stops it, awaited before the database closes.
 */
export function startBackgroundWork(ctx: AppContext): () => Promise<void> {
  const sync = ctx.twilio.scheduler();
  sync.start();
  return () => sync.stop();
}

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import { useRefresh } from './refresh';
import { useWorkspace } from './workspace';

/** A window re-reads at most this often however fast other consoles write. */
const MIN_REFRESH_MS = 1000;
/** After a failed wait (the console restarting, a lost session), the next one starts after this. */
const RETRY_MS = 5000;

interface LiveState {
  /** False while the console has lost its team database; it reconnects by itself. */
  connected: boolean;
  via: 'notify' | 'poll' | null;
}

const LiveContext = createContext<LiveState>({ connected: true, via: null });

const pause = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * Live across desktops: waits on the console for an event newer than the last one seen (a lock or
 * a reset in another console, a sign-in, an import), and then re-reads what this window shows, as
 * its own changes do. Not while a workspace is open: its events do not change under it.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const bump = useRefresh();
  const workspace = useWorkspace().status?.open ?? null;
  const [state, setState] = useState<LiveState>({ connected: true, via: null });
  useEffect(() => {
    if (workspace) return;
    let stopped = false;
    void (async () => {
      let after: number | null = null;
      let lastRefresh = 0;
      while (!stopped) {
        const result = await api.liveChanges({ after: after ?? 0, waitMs: after === null ? 0 : 25_000 });
        if (stopped) return;
        if (!result.ok) {
          await pause(RETRY_MS);
          continue;
        }
        const { version, via, connected } = result.value;
        setState((s) => (s.connected === connected && s.via === via ? s : { connected, via }));
        if (after !== null && version !== after) {
          const wait = lastRefresh + MIN_REFRESH_MS - Date.now();
          if (wait > 0) await pause(wait);
          if (stopped) return;
          lastRefresh = Date.now();
          bump();
        }
        after = version;
      }
    })();
    return () => {
      stopped = true;
    };
  }, [workspace, bump]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

export const useLive = (): LiveState => useContext(LiveContext);

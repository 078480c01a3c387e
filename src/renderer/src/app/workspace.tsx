import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WorkspaceStatus } from '../../../shared/contract';
import { api } from '../api';
import { useRefresh, useRefreshSignal } from './refresh';

interface WorkspaceState {
  /** Null until the first answer. */
  status: WorkspaceStatus | null;
  /** A new status from a workspace call: every page re-reads (it may now read another database). */
  changed(status: WorkspaceStatus): void;
}

const WorkspaceContext = createContext<WorkspaceState>({ status: null, changed: () => undefined });

const APP_TITLE = 'MFA Support Console';

/** Which database the console works on, for the banner, the status bar, the window title and the pages. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const signal = useRefreshSignal();
  const refresh = useRefresh();
  useEffect(() => {
    let live = true;
    void api.workspaceStatus({}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
    };
  }, [signal]);
  useEffect(() => {
    // The window title says which is open (Electron shows the page's title on the window).
    document.title = status?.open ? `${status.open.name} (workspace) — ${APP_TITLE}` : APP_TITLE;
  }, [status?.open]);
  const changed = useCallback(
    (next: WorkspaceStatus) => {
      setStatus(next);
      refresh();
    },
    [refresh],
  );
  const value = useMemo(() => ({ status, changed }), [status, changed]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export const useWorkspace = (): WorkspaceState => useContext(WorkspaceContext);

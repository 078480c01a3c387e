import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * A counter pages bump after they change data (an admin action, demo data), so the
 * status bar and other live views re-read without each page knowing the others.
 */
const RefreshContext = createContext<{ signal: number; bump: () => void }>({ signal: 0, bump: () => undefined });

export function RefreshProvider({ children }: { children: ReactNode }) {
  const [signal, setSignal] = useState(0);
  const bump = useCallback(() => setSignal((n) => n + 1), []);
  const value = useMemo(() => ({ signal, bump }), [signal, bump]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

export const useRefreshSignal = (): number => useContext(RefreshContext).signal;
export const useRefresh = (): (() => void) => useContext(RefreshContext).bump;

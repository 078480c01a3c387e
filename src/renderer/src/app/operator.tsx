import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OperatorSummary, SessionStatus } from '../../../shared/contract';
import type { ApiError } from '../../../shared/result';
import { api, lastActivity, onSessionRefused } from '../api';

/**
 * Who is signed in to this window or tab. The API takes the acting operator from the session (a
 * cookie the page cannot read, or the desktop app's main process), never from what the page
 * sends: this is only what the screens show and which actions they offer.
 */
interface SessionState {
  status: SessionStatus | null;
  operator: OperatorSummary | null;
  /** Why the session ended or locked, to say on the sign-in or lock screen. */
  notice: ApiError | null;
  /** Recovery codes of an administrator's first sign-in, shown once before the console. */
  recoveryCodes: string[] | null;
  acknowledgeRecoveryCodes: () => void;
  signedIn: (recoveryCodes: string[] | null) => void;
  signOut: () => Promise<void>;
  reload: () => void;
}

const SessionContext = createContext<SessionState>({
  status: null,
  operator: null,
  notice: null,
  recoveryCodes: null,
  acknowledgeRecoveryCodes: () => undefined,
  signedIn: () => undefined,
  signOut: async () => undefined,
  reload: () => undefined,
});

export function OperatorProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [notice, setNotice] = useState<ApiError | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let current = true;
    api.sessionStatus({}).then((result) => {
      if (current && result.ok) setStatus(result.value);
    });
    return () => {
      current = false;
    };
  }, [tick]);

  // Any call refused for the session (signed out elsewhere, locked, expired) moves the gate.
  useEffect(
    () =>
      onSessionRefused((error) => {
        setNotice(error);
        setTick((n) => n + 1);
      }),
    [],
  );

  // The idle lock, as the console sees it: 15 minutes without a key or a click here. (The API
  // enforces it too; this only shows the lock screen without waiting for the next call.)
  useEffect(() => {
    if (!status?.operator || status.locked) return;
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity() >= status.idleLockMs) {
        setNotice({
          code: 'SESSION_LOCKED',
          message: 'The console locked after 15 minutes idle: enter your password to go on.',
        });
        setStatus((s) => (s ? { ...s, locked: true } : s));
        // The session locks too, so a reload in the minute the server would still allow asks as well.
        void api.sessionLock({});
      }
    }, 5_000);
    return () => window.clearInterval(timer);
  }, [status]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const value = useMemo<SessionState>(
    () => ({
      status,
      operator: status?.operator ?? null,
      notice,
      recoveryCodes,
      acknowledgeRecoveryCodes: () => setRecoveryCodes(null),
      signedIn: (codes) => {
        setNotice(null);
        setRecoveryCodes(codes);
        setTick((n) => n + 1);
      },
      signOut: async () => {
        await api.signOut({});
        setNotice(null);
        setTick((n) => n + 1);
      },
      reload,
    }),
    [status, notice, recoveryCodes, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

/** The signed-in operator (for what screens show and offer), and a way to refresh it. */
export const useOperator = () => {
  const { operator, reload } = useContext(SessionContext);
  return { operator, reload };
};

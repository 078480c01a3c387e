import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserSummary } from '../../../shared/contract';
import { api } from '../api';
import { useRefreshSignal } from './refresh';

/**
 * Who is at the console. Every admin action carries the acting operator (an active
 * user of the console; administrators for 2FA changes), so the audit log says who.
 */
interface OperatorState {
  operator: UserSummary | null;
  candidates: UserSummary[];
  choose: (email: string) => void;
  reload: () => void;
}

const OperatorContext = createContext<OperatorState>({
  operator: null,
  candidates: [],
  choose: () => undefined,
  reload: () => undefined,
});
const KEY = 'mfa-console-operator';

export function OperatorProvider({ children }: { children: ReactNode }) {
  const [candidates, setCandidates] = useState<UserSummary[]>([]);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(KEY));
  const [tick, setTick] = useState(0);
  const signal = useRefreshSignal();

  useEffect(() => {
    let current = true;
    api.listUsers({ limit: 500 }).then((result) => {
      if (!current || !result.ok) return;
      // Operators are the helpdesk: administrators and technicians who can still sign in.
      setCandidates(result.value.users.filter((u) => u.status === 'active' && u.role !== 'employee'));
    });
    return () => {
      current = false;
    };
  }, [tick, signal]);

  const value = useMemo<OperatorState>(() => {
    const operator =
      candidates.find((c) => c.email === chosen) ??
      candidates.find((c) => c.role === 'administrator') ??
      candidates[0] ??
      null;
    return {
      operator,
      candidates,
      choose: (email) => {
        localStorage.setItem(KEY, email);
        setChosen(email);
      },
      reload: () => setTick((n) => n + 1),
    };
  }, [candidates, chosen]);
  return <OperatorContext.Provider value={value}>{children}</OperatorContext.Provider>;
}

export const useOperator = () => useContext(OperatorContext);

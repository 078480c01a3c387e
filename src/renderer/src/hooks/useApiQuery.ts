import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../shared/result';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls an API method and keeps its envelope as React state. `deps` re-run it; a
 * stale answer (an older call finishing late) is dropped.
 */
export function useApiQuery<T>(call: () => Promise<Result<T>>, deps: unknown[]): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(call, deps);
  useEffect(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    run()
      .then((result) => {
        if (mine !== generation.current) return;
        setState(result.ok ? { data: result.value, loading: false } : { error: result.error, loading: false });
      })
      .catch((error: unknown) => {
        if (mine !== generation.current) return;
        setState({ error: { code: 'TRANSPORT', message: String(error) }, loading: false });
      });
  }, [run, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

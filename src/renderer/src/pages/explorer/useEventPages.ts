import { useEffect, useState } from 'react';
import type { EventFilters, EventListRow, EventSort, EventTotal } from '../../../../shared/contract/events';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { settle } from './settle';
import { FIRST_PAGE, cursorFor, hasNextPage, recordPage, type CursorStack } from './cursor-stack';

export interface EventPagesState {
  rows: EventListRow[];
  page: number;
  /** The total of the first page's answer; an estimate is replaced by the exact count once counted. */
  total: EventTotal | null;
  /** True while an estimate is being counted exactly in the background. */
  counting: boolean;
  hasNext: boolean;
  loading: boolean;
  error: ApiError | null;
  goTo: (page: number) => void;
}

interface Paging {
  key: string;
  page: number;
  stack: CursorStack;
}

/**
 * Server-side pages of the filtered log. `key` names the query (filters, sort, page size):
 * when it changes, paging starts again at the first page with an empty cursor stack.
 */
export function useEventPages(
  key: string,
  filters: EventFilters,
  sort: EventSort,
  pageSize: number,
  signal: number,
): EventPagesState {
  const [paging, setPaging] = useState<Paging>({ key, page: 0, stack: FIRST_PAGE });
  const [rows, setRows] = useState<EventListRow[]>([]);
  const [total, setTotal] = useState<{ key: string; value: EventTotal } | null>(null);
  const [counting, setCounting] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  // A new query starts at page one; adjusting state during render avoids a fetch of the old page.
  let current = paging;
  if (paging.key !== key) {
    current = { key, page: 0, stack: FIRST_PAGE };
    setPaging(current);
  }
  const { page } = current;
  const after = cursorFor(current.stack, page);

  useEffect(() => {
    if (after === undefined) return;
    let live = true;
    setLoading(true);
    settle(() =>
      api.eventsQuery({ filters, sort, limit: pageSize, after: after ?? undefined, includeTotal: page === 0 }),
    ).then((result) => {
      if (!live) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        setRows([]);
        return;
      }
      setError(null);
      setRows(result.value.rows);
      setPaging((p) =>
        p.key === key && p.page === page ? { ...p, stack: recordPage(p.stack, page, result.value.nextCursor) } : p,
      );
      const first = result.value.total;
      if (first) setTotal({ key, value: first });
    });
    return () => {
      live = false;
    };
    // `filters` and `sort` are part of `key`; listing them would refetch on every new object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, page, after, pageSize, signal]);

  // An estimate is shown at once and refined by an exact count in the background.
  const estimate = total && total.key === key && !total.value.exact;
  useEffect(() => {
    if (!estimate) return;
    let live = true;
    setCounting(true);
    settle(() => api.eventsCount({ filters })).then((result) => {
      if (!live) return;
      setCounting(false);
      if (result.ok) setTotal({ key, value: result.value });
    });
    return () => {
      live = false;
      setCounting(false);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, estimate]);

  return {
    rows,
    page,
    total: total && total.key === key ? total.value : null,
    counting,
    hasNext: hasNextPage(current.stack, page),
    loading,
    error,
    goTo: (next) => setPaging((p) => (cursorFor(p.stack, next) === undefined ? p : { ...p, page: next })),
  };
}

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { useGridApiRef } from '@mui/x-data-grid';
import type { EventListRow, FilterPreset, SavedFilter } from '../../../../shared/contract/events';
import { api } from '../../api';
import { useRefreshSignal } from '../../app/refresh';
import { useApiQuery } from '../../hooks/useApiQuery';
import { EventCount } from './EventCount';
import { EventDrawer } from './EventDrawer';
import { EventGrid } from './EventGrid';
import { ExportDialog } from './ExportDialog';
import { FilterBar } from './FilterBar';
import { operatorTimeZone } from './format';
import { SavedFilters } from './SavedFilters';
import { useEventPages } from './useEventPages';
import { useSlashToSearch } from './useSlashToSearch';
import {
  DEFAULT_SORT,
  fromApiFilters,
  hasFilters,
  includesAll,
  paramsFromQuery,
  queryFromParams,
  queryKey,
  toApiFilters,
  type ExplorerFilters,
  type ExplorerQuery,
} from './url-filters';

/**
 * The documents' "Multi-Factor Authentication Errors" window, grown into the helpdesk's
 * explorer of the whole event log. Filters live in the URL, so Back undoes a change and a
 * link (from the Users page, from "more like this") opens the explorer pre-filtered.
 */
export function ExplorerPage() {
  const [params, setParams] = useSearchParams();
  const paramText = params.toString();
  const query = useMemo(() => queryFromParams(new URLSearchParams(paramText)), [paramText]);
  const { filters, sort } = query;
  const timeZone = useMemo(operatorTimeZone, []);
  const apiFilters = useMemo(() => toApiFilters(filters, timeZone), [filters, timeZone]);
  const [pageSize, setPageSize] = useState(50);
  const signal = useRefreshSignal();
  const pages = useEventPages(`${queryKey(query)}|${pageSize}`, apiFilters, sort, pageSize, signal);
  const facets = useApiQuery(() => api.eventsFacets({}), [signal]);
  const [openId, setOpenId] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const apiRef = useGridApiRef();

  // Two quick edits (From, then To) can arrive before the URL change of the first is rendered:
  // each edit applies to the newest query, not to the one this render saw.
  const latest = useRef(query);
  useLayoutEffect(() => {
    latest.current = query;
  }, [query]);
  const show = useCallback(
    (next: ExplorerQuery, push = true) => {
      latest.current = next;
      setParams(paramsFromQuery(next), { replace: !push });
    },
    [setParams],
  );
  const update = (change: (f: ExplorerFilters) => ExplorerFilters, push = true) =>
    show({ filters: change(latest.current.filters), sort: latest.current.sort }, push);
  const clear = () => show({ filters: {}, sort: latest.current.sort });

  useSlashToSearch(searchRef);

  const focusFirstRow = () => {
    const first = pages.rows[0];
    if (!first || !apiRef.current) return;
    apiRef.current.scrollToIndexes({ rowIndex: 0, colIndex: 0 });
    apiRef.current.setCellFocus(first.id, 'occurredAt');
  };

  // After the drawer closes, keyboard users continue from the row they opened.
  const [returnTo, setReturnTo] = useState<number | null>(null);
  useEffect(() => {
    if (openId !== null || returnTo === null || !apiRef.current) return;
    if (pages.rows.some((r) => r.id === returnTo)) apiRef.current.setCellFocus(returnTo, 'occurredAt');
    setReturnTo(null);
  }, [openId, returnTo, pages.rows, apiRef]);

  const open = (row: EventListRow) => {
    setOpenId(row.id);
    setReturnTo(row.id);
  };
  const openPreset = (preset: FilterPreset) => {
    setOpenId(null);
    setReturnTo(null);
    show({ filters: fromApiFilters(preset.filters), sort: latest.current.sort });
  };
  const openSaved = (saved: SavedFilter) =>
    show({ filters: fromApiFilters(saved.filters), sort: saved.sort ?? DEFAULT_SORT });

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 640 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Multi-Factor Authentication Errors
        </Typography>
        <SavedFilters filters={filters} sort={sort} onOpen={openSaved} />
        <Button variant="outlined" startIcon={<FileDownloadOutlined />} onClick={() => setExporting(true)}>
          Export
        </Button>
      </Stack>
      <FilterBar
        filters={filters}
        facets={facets.data}
        timeZone={filters.timeZone ?? timeZone}
        onChange={update}
        onClear={clear}
        searchRef={searchRef}
        onArrowDown={focusFirstRow}
      />
      {pages.error && <Alert severity="error">{pages.error.message}</Alert>}
      <EventCount total={pages.total} counting={pages.counting} loading={pages.loading} />
      <Box sx={{ flex: 1, minHeight: 420 }}>
        <EventGrid
          apiRef={apiRef}
          rows={pages.rows}
          loading={pages.loading}
          page={pages.page}
          pageSize={pageSize}
          total={pages.total}
          hasNext={pages.hasNext}
          sort={sort}
          canClear={hasFilters(filters)}
          withActor={includesAll(filters)}
          onClear={clear}
          onPage={(page, size) => (size !== pageSize ? setPageSize(size) : pages.goTo(page))}
          onSort={(next) => show({ filters: latest.current.filters, sort: next })}
          onOpen={open}
        />
      </Box>
      <EventDrawer id={openId} onClose={() => setOpenId(null)} onPreset={openPreset} />
      <ExportDialog
        open={exporting}
        filters={filters}
        apiFilters={apiFilters}
        sort={sort}
        expected={
          pages.total
            ? `${pages.total.exact ? '' : 'about '}${pages.total.value.toLocaleString('en')} events`
            : 'counting'
        }
        onClose={() => setExporting(false)}
      />
    </Stack>
  );
}

import { useMemo, type RefObject } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import StarOutlined from '@mui/icons-material/StarOutlined';
import { DataGrid, GridOverlay, type GridApi, type GridColDef, type GridSortModel } from '@mui/x-data-grid';
import type { EventListRow, EventSort, EventSortField, EventTotal } from '../../../../shared/contract/events';
import useMediaQuery from '@mui/material/useMediaQuery';
import { operatorTimeZone } from '../../app/time-zone';
import { When } from '../../components/When';

declare module '@mui/x-data-grid' {
  interface NoRowsOverlayPropsOverrides {
    canClear?: boolean;
    onClear?: () => void;
  }
}

const KIND_COLOUR = { error: 'error', admin: 'info', info: 'default' } as const;

/** Grid columns the API can sort on, by column field. */
const SORT_FIELD: Record<string, EventSortField> = {
  occurredAt: 'occurredAt',
  typeLabel: 'type',
  carrier: 'carrier',
  country: 'country',
  providerCode: 'providerCode',
};
const COLUMN_OF: Record<EventSortField, string> = {
  occurredAt: 'occurredAt',
  type: 'typeLabel',
  carrier: 'carrier',
  country: 'country',
  providerCode: 'providerCode',
};

/**
 * The message as the user saw it (or an admin action's reason), whole, wrapped onto more lines if
 * need be; under it an investigator's star and tags (here rather than a column of their own, which
 * pushed the message off screen at 1360 px with the By column shown).
 */
function MessageCell({ row, withActor }: { row: EventListRow; withActor: boolean }) {
  const by = [withActor && row.actor ? `by ${row.actor}` : null, row.reason ? `reason: ${row.reason}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box sx={{ whiteSpace: 'normal', lineHeight: 1.4, py: 0.75 }}>
      {row.message}
      {by && (
        <Typography variant="caption" color="text.secondary" component="div">
          {by}
        </Typography>
      )}
      {(row.starred || row.tags.length > 0) && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5, mt: 0.25 }}>
          {row.starred && (
            <StarOutlined
              fontSize="small"
              titleAccess="Starred"
              data-testid="row-star"
              sx={{ color: 'warning.main' }}
            />
          )}
          {row.tags.length > 0 && (
            <Box sx={{ display: 'contents' }} data-testid="row-tags">
              {row.tags.map((tag) => (
                <Chip key={tag} label={tag} size="small" variant="outlined" sx={{ height: 20, fontSize: 12 }} />
              ))}
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}

/**
 * The columns. The country shows from 1440 px; below 1280 px the phone, carrier and code give
 * way (the drawer and the filters still have them) and who acted moves into the message cell, so
 * the message stays on screen without scrolling sideways. Who acted shows when admin actions can.
 */
function eventColumns(wide: boolean, wider: boolean, withActor: boolean, timeZone: string): GridColDef<EventListRow>[] {
  const columns: (GridColDef<EventListRow> | false)[] = [
    {
      field: 'occurredAt',
      headerName: 'When',
      description: `Times in ${timeZone}; hover a time for UTC`,
      width: 172,
      renderCell: ({ row }) => (
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          <When ms={row.occurredAt} seconds />
        </Box>
      ),
    },
    {
      field: 'typeLabel',
      headerName: 'Type',
      width: 184,
      renderCell: ({ row }) => (
        <Chip
          size="small"
          label={row.typeLabel}
          title={row.typeLabel}
          color={KIND_COLOUR[row.kind]}
          variant={row.kind === 'info' ? 'outlined' : 'filled'}
          sx={{ maxWidth: '100%' }}
        />
      ),
    },
    {
      field: 'userName',
      headerName: 'User',
      width: 116,
      sortable: false,
      valueGetter: (_v, row) => row.userName ?? row.userEmail ?? '',
    },
    wide && { field: 'phoneMasked', headerName: 'Phone', width: 142, sortable: false },
    wider && { field: 'country', headerName: 'Country', width: 76 },
    wide && { field: 'carrier', headerName: 'Carrier', width: 108 },
    wide && { field: 'providerCode', headerName: 'Code', width: 64 },
    wide &&
      withActor && {
        field: 'actor',
        headerName: 'By',
        description: 'Who acted: the operator of an admin action',
        width: 118,
        sortable: false,
        // An email is read whole, over two lines if need be.
        renderCell: ({ row }) => (
          <Box sx={{ whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.4, py: 0.75 }}>{row.actor}</Box>
        ),
      },
    {
      field: 'message',
      headerName: 'Message',
      flex: 1,
      minWidth: 180,
      sortable: false,
      renderCell: ({ row }) => <MessageCell row={row} withActor={withActor && !wide} />,
    },
  ];
  return columns.filter((c): c is GridColDef<EventListRow> => c !== false);
}

/** While a page loads: a bar with a name, for screen readers (axe: aria-progressbar-name). */
function Loading() {
  return (
    <GridOverlay sx={{ alignItems: 'flex-start' }}>
      <LinearProgress aria-label="Loading events" sx={{ width: '100%' }} />
    </GridOverlay>
  );
}

/** The documents' empty state ("No records available"), with a way out when filters caused it. */
function NoRecords({ canClear, onClear }: { canClear?: boolean; onClear?: () => void }) {
  return (
    <GridOverlay>
      <Box sx={{ textAlign: 'center' }} data-testid="no-records">
        <Typography sx={{ mb: 1 }}>No records available</Typography>
        {canClear && (
          <Button variant="outlined" size="small" onClick={onClear}>
            Clear filters
          </Button>
        )}
      </Box>
    </GridOverlay>
  );
}

export interface EventGridProps {
  apiRef: RefObject<GridApi | null>;
  rows: EventListRow[];
  loading: boolean;
  page: number;
  pageSize: number;
  total: EventTotal | null;
  hasNext: boolean;
  sort: EventSort;
  canClear: boolean;
  /** Admin actions can be in the view: show who acted. */
  withActor: boolean;
  onClear: () => void;
  onPage: (page: number, pageSize: number) => void;
  onSort: (sort: EventSort) => void;
  onOpen: (row: EventListRow) => void;
}

/** Server-side pages and sorting: the grid never holds more than one page. */
export function EventGrid(props: EventGridProps) {
  const { rows, page, pageSize, total, hasNext, sort } = props;
  // The grid goes back to page one whenever it sees a new sort model, so hand it the same
  // object until the sort really changes (measured: a fresh array per render undid Next).
  const sortModel = useMemo<GridSortModel>(
    () => [{ field: COLUMN_OF[sort.field], sort: sort.direction }],
    [sort.field, sort.direction],
  );
  const paginationModel = useMemo(() => ({ page, pageSize }), [page, pageSize]);
  const paginationMeta = useMemo(() => ({ hasNextPage: hasNext }), [hasNext]);
  // An exact total drives the pager; an estimate only labels it, the cursor says whether more exist.
  const rowCount = total?.exact ? total.value : -1;
  const wide = useMediaQuery('(min-width:1280px)');
  const wider = useMediaQuery('(min-width:1440px)');
  const { withActor } = props;
  const columns = useMemo(() => eventColumns(wide, wider, withActor, operatorTimeZone()), [wide, wider, withActor]);
  return (
    <DataGrid
      apiRef={props.apiRef}
      label="Events"
      rows={rows}
      columns={columns}
      getRowHeight={() => 'auto'}
      density="compact"
      loading={props.loading}
      paginationMode="server"
      sortingMode="server"
      rowCount={rowCount}
      estimatedRowCount={total && !total.exact ? total.value : undefined}
      paginationMeta={paginationMeta}
      paginationModel={paginationModel}
      onPaginationModelChange={(m) => props.onPage(m.page, m.pageSize)}
      pageSizeOptions={[25, 50, 100]}
      sortModel={sortModel}
      sortingOrder={['desc', 'asc']}
      onSortModelChange={(model) => {
        const first = model[0];
        const field = first ? SORT_FIELD[first.field] : undefined;
        props.onSort(
          field && first.sort ? { field, direction: first.sort } : { field: 'occurredAt', direction: 'desc' },
        );
      }}
      disableColumnFilter
      disableColumnMenu
      disableRowSelectionOnClick
      onRowClick={({ row }) => props.onOpen(row)}
      onCellKeyDown={(params, event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          props.onOpen(params.row);
        }
      }}
      slots={{ noRowsOverlay: NoRecords, loadingOverlay: Loading }}
      slotProps={{ noRowsOverlay: { canClear: props.canClear, onClear: props.onClear } }}
      sx={{
        '& .MuiDataGrid-row': { cursor: 'pointer' },
        // The last column's resize handle hung past the grid's edge and made it scroll sideways.
        '& .MuiDataGrid-columnHeader--last .MuiDataGrid-columnSeparator': { display: 'none' },
      }}
    />
  );
}

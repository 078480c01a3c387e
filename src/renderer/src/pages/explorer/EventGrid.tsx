import { useMemo, type RefObject } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { DataGrid, GridOverlay, type GridApi, type GridColDef, type GridSortModel } from '@mui/x-data-grid';
import type { EventListRow, EventSort, EventSortField, EventTotal } from '../../../../shared/contract/events';
import { localTime } from './format';

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

const columns: GridColDef<EventListRow>[] = [
  {
    field: 'occurredAt',
    headerName: 'When',
    width: 176,
    valueFormatter: (value: number) => localTime(value),
  },
  {
    field: 'typeLabel',
    headerName: 'Type',
    width: 196,
    renderCell: ({ row }) => (
      <Chip
        size="small"
        label={row.typeLabel}
        title={row.typeLabel}
        color={KIND_COLOUR[row.kind]}
        variant={row.kind === 'info' ? 'outlined' : 'filled'}
      />
    ),
  },
  {
    field: 'userName',
    headerName: 'User',
    width: 128,
    sortable: false,
    valueGetter: (_v, row) => row.userName ?? row.userEmail ?? '',
  },
  { field: 'phoneMasked', headerName: 'Phone', width: 150, sortable: false },
  { field: 'country', headerName: 'Country', width: 82 },
  { field: 'carrier', headerName: 'Carrier', width: 128 },
  { field: 'providerCode', headerName: 'Code', width: 72 },
  { field: 'message', headerName: 'Message', flex: 1, minWidth: 140, sortable: false },
];

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
  return (
    <DataGrid
      apiRef={props.apiRef}
      label="Events"
      rows={rows}
      columns={columns}
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
      disableRowSelectionOnClick
      onRowClick={({ row }) => props.onOpen(row)}
      onCellKeyDown={(params, event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          props.onOpen(params.row);
        }
      }}
      slots={{ noRowsOverlay: NoRecords }}
      slotProps={{ noRowsOverlay: { canClear: props.canClear, onClear: props.onClear } }}
      sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  );
}

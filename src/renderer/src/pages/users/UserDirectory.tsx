import { MIN_PHONE_DIGITS } from '../../../../shared/phone-search';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import { USER_FILTERS, type UserFilter, type UserListValue, type UserSummary } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { useRefresh, useRefreshSignal } from '../../app/refresh';
import { AddUserDialog } from './AddUserDialog';
import { BulkDialog, type BulkRequest } from './BulkDialog';
import { IncidentCauseMark } from '../incidents/IncidentCauseMark';
import { FILTER_LABELS, STATE_CHIP } from './labels';
import { When, ZoneNote } from '../../components/When';

const PAGE = 50;

/** Columns Role, Carrier and Last sign-in show from 1200 px (MUI's lg) up: below, the email needs the room. */
const WIDE_ONLY = { display: { xs: 'none', lg: 'table-cell' } } as const;
const TABLE_SX = {
  tableLayout: 'fixed',
  '& th, & td': { px: 1.25, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
} as const;

/** The directory: search by name, email or phone digits, filter by what blocks sign-in. */
export function UserDirectory() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const filter = (params.get('filter') as UserFilter | null) ?? undefined;
  // "Number changed recently": within this many days (the directory's ?days=, 7 by default).
  const days = Math.max(1, Math.min(3650, Number(params.get('days') ?? 7) || 7));
  const changedWithinDays = filter === 'phone-changed' ? days : undefined;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<BulkRequest | null>(null);
  const refresh = useRefresh();
  const [draft, setDraft] = useState(search);
  const [rows, setRows] = useState<UserSummary[]>([]);
  const [page, setPage] = useState<Pick<UserListValue, 'total' | 'nextCursor'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
  const signal = useRefreshSignal();
  const { operator } = useOperator();
  const addBlocked =
    operator && operator.role !== 'administrator'
      ? `Only administrators add users; you are signed in as ${operator.name} (${operator.role}).`
      : null;

  useEffect(() => {
    let current = true;
    api.listUsers({ search: search || undefined, filter, changedWithinDays, limit: PAGE }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRows(result.value.users);
        setPage(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [search, filter, changedWithinDays, signal]);

  // A new search or filter starts a new selection: no action reaches users no longer on screen.
  useEffect(() => setSelected(new Set()), [search, filter, changedWithinDays]);

  // Search as the operator types, without a request per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (draft === search) return;
      const next = new URLSearchParams(params);
      if (draft) next.set('q', draft);
      else next.delete('q');
      setParams(next, { replace: true });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [draft, search, params, setParams]);

  const setFilter = (value: UserFilter | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('filter', value);
    else next.delete('filter');
    setParams(next);
  };

  const loadMore = async () => {
    if (!page?.nextCursor) return;
    const result = await api.listUsers({
      search: search || undefined,
      filter,
      changedWithinDays,
      limit: PAGE,
      after: page.nextCursor,
    });
    if (result.ok) {
      setRows((r) => [...r, ...result.value.users]);
      setPage(result.value);
    } else setError(result.error);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Users
        </Typography>
        <Tooltip title={addBlocked ?? ''}>
          <span>
            <Button
              variant="outlined"
              startIcon={<PersonAddOutlined />}
              onClick={() => setAdding(true)}
              disabled={addBlocked !== null}
            >
              Add user
            </Button>
          </span>
        </Tooltip>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          size="small"
          placeholder={`Name, email or phone (${MIN_PHONE_DIGITS}+ digits)`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          sx={{ minWidth: 340 }}
          slotProps={{
            htmlInput: { 'aria-label': 'Search users' },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchOutlined fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <Box role="group" aria-label="Filter users" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Chip
            label="All"
            color={filter ? 'default' : 'primary'}
            variant={filter ? 'outlined' : 'filled'}
            onClick={() => setFilter(undefined)}
          />
          {USER_FILTERS.map((f) => (
            <Chip
              key={f}
              label={FILTER_LABELS[f]}
              color={filter === f ? 'primary' : 'default'}
              variant={filter === f ? 'filled' : 'outlined'}
              onClick={() => setFilter(f)}
            />
          ))}
        </Box>
      </Stack>
      {filter === 'phone-changed' && (
        <TextField
          size="small"
          type="number"
          label="Changed in the last … days"
          value={days}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set('days', e.target.value);
            setParams(next, { replace: true });
          }}
          sx={{ width: 220 }}
          slotProps={{ htmlInput: { min: 1, max: 3650 } }}
        />
      )}
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
        role="group"
        aria-label="Bulk actions"
      >
        <Typography variant="body2" color="text.secondary">
          {selected.size
            ? `${selected.size} selected:`
            : filter || search
              ? 'Everyone matching:'
              : 'Select users, or filter, for a bulk action:'}
        </Typography>
        {(['unlock', 'reset-cooldown'] as const).map((action) => (
          <Button
            key={action}
            size="small"
            variant="outlined"
            disabled={!operator || (!selected.size && !filter && !search)}
            onClick={() =>
              setBulk(
                selected.size ? { action, emails: [...selected] } : { action, filter, search: search || undefined },
              )
            }
          >
            {action === 'unlock' ? 'Bulk unlock…' : 'Bulk cooldown reset…'}
          </Button>
        ))}
        {selected.size > 0 && (
          <Button size="small" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        )}
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      <Paper sx={{ overflow: 'hidden' }}>
        {/* One line per user at any width: fixed columns, long text cut with an ellipsis (the
            whole text on hover); below 1200 px Role, Carrier and Last sign-in give way to the email. */}
        <Table size="small" aria-label="Users" sx={TABLE_SX}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" sx={{ width: 44 }}>
                <Checkbox
                  size="small"
                  checked={rows.length > 0 && rows.every((u) => selected.has(u.email))}
                  indeterminate={selected.size > 0 && !rows.every((u) => selected.has(u.email))}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((u) => u.email)) : new Set())}
                  slotProps={{ input: { 'aria-label': 'Select all shown users' } }}
                />
              </TableCell>
              <TableCell sx={{ width: 160 }}>Name</TableCell>
              <TableCell>Email</TableCell>
              <TableCell sx={{ width: 104, ...WIDE_ONLY }}>Role</TableCell>
              <TableCell sx={{ width: 160 }}>Sign-in</TableCell>
              <TableCell sx={{ width: 142 }}>Phone</TableCell>
              <TableCell sx={{ width: 124, ...WIDE_ONLY }}>Carrier</TableCell>
              <TableCell sx={{ width: 140, ...WIDE_ONLY }}>Last sign-in</TableCell>
              <TableCell sx={{ width: 56 }}>Log</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((u) => {
              const chip = STATE_CHIP[u.state];
              const to = `/users/${encodeURIComponent(u.email)}`;
              return (
                <TableRow key={u.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(to)}>
                  <TableCell padding="checkbox" onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      size="small"
                      checked={selected.has(u.email)}
                      onChange={(e) =>
                        setSelected((current) => {
                          const next = new Set(current);
                          if (e.target.checked) next.add(u.email);
                          else next.delete(u.email);
                          return next;
                        })
                      }
                      slotProps={{ input: { 'aria-label': `Select ${u.name}` } }}
                    />
                  </TableCell>
                  <TableCell title={u.name}>
                    {/* The link is what a keyboard reaches; the whole row answers a click. */}
                    <Link
                      component={RouterLink}
                      to={to}
                      underline="hover"
                      color="inherit"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {u.name}
                    </Link>
                  </TableCell>
                  <TableCell title={u.email}>{u.email}</TableCell>
                  <TableCell sx={{ textTransform: 'capitalize', ...WIDE_ONLY }}>{u.role}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={chip.label}
                      color={chip.colour}
                      variant={chip.colour === 'success' ? 'outlined' : 'filled'}
                    />
                    {u.likelyCause && <IncidentCauseMark cause={u.likelyCause} />}
                  </TableCell>
                  <TableCell
                    sx={{ fontFamily: 'monospace' }}
                    title={u.phoneType && u.phoneType !== 'mobile' ? `${u.phoneMasked} (${u.phoneType})` : undefined}
                  >
                    {u.phoneMasked ?? '—'}
                    {u.phoneType && u.phoneType !== 'mobile' && (
                      <Chip size="small" color="warning" variant="outlined" label={u.phoneType} sx={{ ml: 0.5 }} />
                    )}
                  </TableCell>
                  <TableCell title={u.phoneCarrier ?? undefined} sx={WIDE_ONLY}>
                    {u.phoneCarrier ?? '—'}
                  </TableCell>
                  <TableCell sx={WIDE_ONLY}>
                    <When ms={u.lastSignInAt} />
                  </TableCell>
                  <TableCell sx={{ py: 0 }}>
                    <Tooltip title="Their events in the error log">
                      <IconButton
                        size="small"
                        aria-label={`Error log for ${u.name}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          navigate(`/errors?user=${encodeURIComponent(u.email)}&all=1`);
                        }}
                      >
                        <ListAltOutlined fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              );
            })}
            {page && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={9} sx={{ textAlign: 'center', py: 4 }}>
                  No users match.{' '}
                  {(search || filter) && (
                    <Button
                      onClick={() => {
                        setDraft('');
                        setParams({});
                      }}
                    >
                      Clear search and filters
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Paper>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" data-testid="users-count">
          {page ? `Showing ${rows.length.toLocaleString('en')} of ${page.total.toLocaleString('en')}` : 'Loading…'}
        </Typography>
        {page?.nextCursor && <Button onClick={loadMore}>Load more</Button>}
        <Box sx={{ flex: 1 }} />
        <ZoneNote />
      </Stack>
      {bulk && (
        <BulkDialog
          request={bulk}
          onClose={(changed) => {
            setBulk(null);
            if (changed) {
              setSelected(new Set());
              refresh();
            }
          }}
        />
      )}
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(email) => navigate(`/users/${encodeURIComponent(email)}`)}
      />
    </Stack>
  );
}

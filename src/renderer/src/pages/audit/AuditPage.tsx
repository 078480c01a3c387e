import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { AUDIT_ACTIONS, type AuditPage as AuditPageValue, type AuditRow } from '../../../../shared/contract';
import { eventLabel } from '../../../../shared/events';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useRefreshSignal } from '../../app/refresh';
import { When, ZoneNote } from '../../components/When';

const PAGE = 100;
const FIELDS = ['operator', 'action', 'target', 'from', 'to'] as const;

/** A date field (the operator's calendar day) as the start of that day, or of the next one for "to". */
function dayStart(value: string, next = false): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const day = new Date(`${value}T00:00:00`);
  if (next) day.setDate(day.getDate() + 1);
  return day.getTime();
}

/**
 * Every operator action: who, on whom, why, what it rests on (a caller check, an approval, the code
 * read back from a new number, a bulk batch) and when; filters in the address, and a CSV of exactly
 * the rows the filters match, with the same columns.
 */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const draft = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const [fields, setFields] = useState(draft);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [page, setPage] = useState<Pick<AuditPageValue, 'total' | 'nextCursor'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const signal = useRefreshSignal();
  const key = params.toString();

  const filters = useMemo(() => {
    const p = new URLSearchParams(key);
    return {
      operator: p.get('operator') || undefined,
      action: p.get('action') || undefined,
      target: p.get('target') || undefined,
      from: dayStart(p.get('from') ?? ''),
      to: dayStart(p.get('to') ?? '', true),
    };
  }, [key]);

  useEffect(() => {
    let current = true;
    void api.auditLog({ ...filters, limit: PAGE }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRows(result.value.rows);
        setPage(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [filters, signal]);

  const apply = (next: typeof fields) => {
    setFields(next);
    const p = new URLSearchParams();
    for (const f of FIELDS) if (next[f].trim()) p.set(f, next[f].trim());
    setParams(p, { replace: true });
  };

  const loadMore = async () => {
    if (!page?.nextCursor) return;
    const result = await api.auditLog({ ...filters, limit: PAGE, after: page.nextCursor });
    if (result.ok) {
      setRows((r) => [...r, ...result.value.rows]);
      setPage(result.value);
    } else setError(result.error);
  };

  const exportCsv = async () => {
    const result = await api.exportAudit(filters);
    if (!result.ok) return setError(result.error);
    const url = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
    setExported(
      `${result.value.rows} row${result.value.rows === 1 ? '' : 's'} exported${result.value.truncated ? ' (the first 50,000: narrow the filters for the rest)' : ''}.`,
    );
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Audit
        </Typography>
        <Button variant="outlined" startIcon={<FileDownloadOutlined />} onClick={exportCsv} disabled={!page?.total}>
          Export CSV
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        Every operator action, newest first: who acted, on whom, why, and what it rests on.
      </Typography>
      <Stack
        direction="row"
        sx={{ gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}
        role="search"
        aria-label="Filter the audit log"
      >
        <TextField
          size="small"
          label="Operator"
          value={fields.operator}
          onChange={(e) => setFields({ ...fields, operator: e.target.value })}
          onBlur={() => apply(fields)}
          onKeyDown={(e) => e.key === 'Enter' && apply(fields)}
        />
        <TextField
          size="small"
          select
          label="Action"
          value={fields.action}
          onChange={(e) => apply({ ...fields, action: e.target.value })}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">All actions</MenuItem>
          {AUDIT_ACTIONS.map((a) => (
            <MenuItem key={a} value={a}>
              {eventLabel(a)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Target user"
          value={fields.target}
          onChange={(e) => setFields({ ...fields, target: e.target.value })}
          onBlur={() => apply(fields)}
          onKeyDown={(e) => e.key === 'Enter' && apply(fields)}
        />
        <TextField
          size="small"
          type="date"
          label="From"
          value={fields.from}
          onChange={(e) => apply({ ...fields, from: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          type="date"
          label="To (inclusive)"
          value={fields.to}
          onChange={(e) => apply({ ...fields, to: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        {key && (
          <Button onClick={() => apply({ operator: '', action: '', target: '', from: '', to: '' })}>
            Clear filters
          </Button>
        )}
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      {exported && (
        <Alert severity="success" onClose={() => setExported(null)}>
          {exported}
        </Alert>
      )}
      <Paper sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Operator actions">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 150 }}>Time</TableCell>
              <TableCell>Operator</TableCell>
              <TableCell>Action</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Rests on</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="audit-row">
                <TableCell>
                  <When ms={r.occurredAt} />
                </TableCell>
                <TableCell>{r.operator}</TableCell>
                <TableCell>{r.actionLabel}</TableCell>
                <TableCell>
                  {r.targetEmail ? (
                    <Link component={RouterLink} to={`/users/${encodeURIComponent(r.targetEmail)}`}>
                      {r.targetName ?? r.targetEmail}
                    </Link>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell sx={{ maxWidth: 280 }}>{r.reason ?? '—'}</TableCell>
                <TableCell sx={{ maxWidth: 280 }}>
                  {r.restsOn ?? (
                    <Typography variant="body2" color="text.secondary" component="span">
                      nothing cited
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {page && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} sx={{ textAlign: 'center', py: 4 }}>
                  No operator actions match.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Paper>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" data-testid="audit-count">
          {page ? `Showing ${rows.length.toLocaleString('en')} of ${page.total.toLocaleString('en')}` : 'Loading…'}
        </Typography>
        {page?.nextCursor && <Button onClick={loadMore}>Load more</Button>}
        <Box sx={{ flex: 1 }} />
        <ZoneNote />
      </Stack>
    </Stack>
  );
}

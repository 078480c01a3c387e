import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { EventFilters, EventSort, ExportFormat, ExportStatus } from '../../../../shared/contract/events';
import type { ApiError } from '../../../../shared/result';
import { api, shellKind } from '../../api';
import { useOperator } from '../../app/operator';
import { useRefresh } from '../../app/refresh';
import { settle } from './settle';
import { exportFileName, withFormat } from './export-name';
import { count, localDay } from './format';
import type { ExplorerFilters } from './url-filters';

type Format = ExportFormat;
const POLL_MS = 250;
const FORMAT_NAME: Record<Format, string> = { csv: 'CSV', 'csv-excel': 'Excel-friendly CSV', ndjson: 'NDJSON' };

export interface ExportDialogProps {
  open: boolean;
  filters: ExplorerFilters;
  apiFilters: EventFilters;
  sort: EventSort;
  /** What the grid shows, so the operator sees how many rows the file will hold. */
  expected: string;
  onClose: () => void;
}

/**
 * Writes exactly the filtered rows to a file, with progress and Cancel. Phone numbers are
 * masked unless the operator asks otherwise and gives a reason, which the log records.
 */
export function ExportDialog(props: ExportDialogProps) {
  const { open, filters, apiFilters, sort } = props;
  const { operator } = useOperator();
  const refresh = useRefresh();
  const [format, setFormat] = useState<Format>('csv');
  const [path, setPath] = useState('');
  const [unmasked, setUnmasked] = useState(false);
  const [reason, setReason] = useState('');
  // An unmasked export is a two-person action: the first try files a request, the approved one runs.
  const [approvalId, setApprovalId] = useState<number | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const canChoose = shellKind === 'electron';

  const suggestedName = (f: Format) => exportFileName(filters, f, localDay(Date.now()));

  // The web shell cannot show a save dialog: prefill an editable path in the exports folder.
  useEffect(() => {
    if (!open || canChoose) return;
    let live = true;
    api.exportChoosePath({ suggestedName: exportFileName(filters, 'csv', localDay(Date.now())) }).then((r) => {
      if (live && r.ok) setPath(r.value.suggested);
    });
    return () => {
      live = false;
    };
  }, [open, canChoose, filters]);

  const running = status?.state === 'running';
  useEffect(() => {
    if (!status || status.state !== 'running') return;
    let live = true;
    const timer = window.setTimeout(() => {
      void settle(() => api.exportStatus({ id: status.id })).then((r) => {
        if (!live) return;
        // A failed poll is retried on the next tick rather than leaving the bar frozen.
        setStatus(r.ok ? r.value : { ...status });
      });
    }, POLL_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [status]);

  useEffect(() => {
    // An unmasked export appended an audit event: let the grid show it.
    if (status && status.state !== 'running' && status.unmasked) refresh();
  }, [status, refresh]);

  const choose = async () => {
    const r = await settle(() => api.exportChoosePath({ suggestedName: suggestedName(format) }));
    if (!r.ok) return setError(r.error);
    if (r.value.path) setPath(r.value.path);
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    const r = await settle(
      () =>
        api.exportStart({
          filters: apiFilters,
          sort,
          format,
          path: path.trim(),
          unmasked: unmasked || undefined,
          reason: unmasked ? reason.trim() : undefined,
          approvalId: unmasked && approvalId !== null ? approvalId : undefined,
          // The desktop save dialog already asked before replacing a file.
          overwrite: canChoose || overwrite || undefined,
        }),
      false,
    );
    setBusy(false);
    if (!r.ok) {
      const requestId = Number(r.error.details?.requestId);
      if (r.error.code === 'APPROVAL_REQUIRED' && Number.isInteger(requestId)) setApprovalId(requestId);
      return setError(r.error);
    }
    const first = await settle(() => api.exportStatus({ id: r.value.id }));
    if (first.ok) setStatus(first.value);
    else setError(first.error);
  };

  const cancel = async () => {
    if (!status) return;
    const r = await settle(() => api.exportCancel({ id: status.id }));
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };

  const close = () => {
    if (running) return;
    setStatus(null);
    setError(null);
    setReason('');
    setUnmasked(false);
    setApprovalId(null);
    setOverwrite(false);
    setFormat('csv');
    props.onClose();
  };

  const ready = path.trim().length > 0 && (!unmasked || reason.trim().length > 0) && !busy;
  const progress = status && status.total > 0 ? (status.rowsWritten / status.total) * 100 : 0;

  return (
    <Dialog open={open} onClose={close} maxWidth="md" fullWidth aria-labelledby="export-title">
      <DialogTitle id="export-title">Export events</DialogTitle>
      <DialogContent>
        {!status && (
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              Writes exactly the events the current filters match ({props.expected}), newest first unless sorted
              otherwise. The format is described in docs/export-format.md.
            </Typography>
            <RadioGroup
              row
              aria-label="Format"
              value={format}
              onChange={(e) => {
                const next = e.target.value as Format;
                setFormat(next);
                setPath((p) => withFormat(p, next));
              }}
            >
              <FormControlLabel value="csv" control={<Radio />} label="CSV" />
              <FormControlLabel
                value="csv-excel"
                control={<Radio />}
                label="Excel-friendly CSV"
                title="UTF-8 with a byte-order mark, so Excel on Windows shows names and • correctly"
              />
              <FormControlLabel value="ndjson" control={<Radio />} label="NDJSON" />
            </RadioGroup>
            {canChoose ? (
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Button variant="outlined" onClick={() => void choose()}>
                  Choose file…
                </Button>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  {path || 'No file chosen'}
                </Typography>
              </Stack>
            ) : (
              <TextField
                label="Save to"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                fullWidth
                size="small"
                helperText="A path on this computer; the folder must exist."
              />
            )}
            {!canChoose && (
              <FormControlLabel
                control={<Checkbox checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />}
                label="Replace the file if it exists"
              />
            )}
            <FormControlLabel
              control={<Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)} />}
              label="Include full phone numbers"
            />
            {unmasked && (
              <TextField
                label="Reason (recorded in the audit log)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                multiline
                minRows={2}
                helperText={`Recorded as an Unmasked Export by ${operator?.email ?? 'the console operator'}. Another administrator approves it first (Approvals page); then export again with the same filters.`}
                slotProps={{ htmlInput: { maxLength: 500 } }}
              />
            )}
            {unmasked && approvalId !== null && (
              <Typography variant="body2" data-testid="export-approval">
                Request #{approvalId}: once another administrator approved it, Export runs it (once).
              </Typography>
            )}
          </Stack>
        )}
        {status && (
          <Stack spacing={1.5} data-testid="export-progress">
            <LinearProgress
              // Until the first page is written there is nothing to measure: show activity instead.
              variant={running && status.rowsWritten === 0 ? 'indeterminate' : 'determinate'}
              value={status.state === 'done' ? 100 : progress}
              aria-label="Export progress"
            />
            <Typography variant="body2" data-testid="export-rows">
              {count(status.rowsWritten)} of {count(status.total)} rows ({FORMAT_NAME[status.format]}
              {status.unmasked ? ', full phone numbers' : ', phones masked'})
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {status.path}
            </Typography>
            {status.state === 'done' && (
              <Alert severity="success" data-testid="export-done">
                Wrote {count(status.rowsWritten)} rows to {status.path}
              </Alert>
            )}
            {status.state === 'cancelled' && (
              <Alert severity="info" data-testid="export-cancelled">
                Export cancelled; no file was written.
              </Alert>
            )}
            {status.state === 'failed' && <Alert severity="error">Export failed: {status.error}</Alert>}
          </Stack>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {running ? (
          <Button onClick={() => void cancel()} color="warning">
            Cancel export
          </Button>
        ) : status ? (
          <Button onClick={close} variant="contained">
            Close
          </Button>
        ) : (
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="contained" disabled={!ready} onClick={() => void start()}>
              Export
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

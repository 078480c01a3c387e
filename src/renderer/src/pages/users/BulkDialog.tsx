import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { BulkAction, BulkPreviewValue, BulkResultValue, UserFilter } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { MIN_REASON } from '../../components/ConfirmActionDialog';

export interface BulkRequest {
  action: BulkAction;
  /** The selection; without it, everyone the search and filter match. */
  emails?: string[];
  search?: string;
  filter?: UserFilter;
  /** An incident's affected users (from its page): the server picks exactly who. */
  incidentId?: number;
}

const TITLE: Record<BulkAction, string> = { unlock: 'Bulk unlock', 'reset-cooldown': 'Bulk cooldown reset' };

/**
 * A bulk unlock or cooldown reset: first exactly who it changes (and who is skipped, and why), then
 * one reason for all, then a result per user. Each user gets their own audited event.
 */
export function BulkDialog({ request, onClose }: { request: BulkRequest; onClose: (changed: boolean) => void }) {
  const [preview, setPreview] = useState<BulkPreviewValue | null>(null);
  const [result, setResult] = useState<BulkResultValue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState('');
  const [how, setHow] = useState('');
  const [busy, setBusy] = useState(false);
  const administrator = useOperator().operator?.role === 'administrator';

  useEffect(() => {
    let current = true;
    void api.previewBulkAction(request).then((r) => {
      if (!current) return;
      if (r.ok) setPreview(r.value);
      else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [request]);

  const run = async () => {
    if (!preview) return;
    setBusy(true);
    const r = await api.runBulkAction({
      action: request.action,
      emails: preview.affected.map((a) => a.email),
      reason: reason.trim(),
      verifiedAnotherWay: how.trim() || undefined,
      incidentId: request.incidentId,
    });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  const verb = request.action === 'unlock' ? 'unlocked' : 'cleared of their cooldown';
  // Skipped: those the preview left out (yourself, not locked) and those that changed meanwhile.
  const skipped = result ? [...(preview?.skipped ?? []), ...result.skipped] : [];
  return (
    <Dialog open maxWidth="sm" fullWidth aria-labelledby="bulk-title" onClose={() => !busy && onClose(Boolean(result))}>
      <DialogTitle id="bulk-title">{TITLE[request.action]}</DialogTitle>
      <DialogContent>
        {!preview && !error && <CircularProgress aria-label="Working out who is affected" />}
        {preview && !result && (
          <>
            <DialogContentText>
              {preview.affected.length === 0
                ? `None of the ${request.incidentId ? "incident's affected users" : request.emails ? 'selected users' : 'users the filter matches'} would be ${verb}.`
                : `${preview.affected.length} user${preview.affected.length === 1 ? '' : 's'} will be ${verb}, each with its own audited event:`}
            </DialogContentText>
            <List dense aria-label="Affected users" data-testid="bulk-affected">
              {preview.affected.map((a) => (
                <ListItem key={a.email} disableGutters>
                  <ListItemText primary={a.name} secondary={a.email} />
                </ListItem>
              ))}
            </List>
            {preview.skipped.length > 0 && (
              <>
                <Typography variant="subtitle2" component="h3">
                  Skipped
                </Typography>
                <List dense aria-label="Skipped users" data-testid="bulk-skipped">
                  {preview.skipped.map((s) => (
                    <ListItem key={s.email} disableGutters>
                      <ListItemText primary={s.name ?? s.email} secondary={`${s.email}: ${s.why}`} />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
            {preview.notShown > 0 && (
              <Alert severity="info">
                {preview.notShown} more users match the filter than one bulk action takes (500): narrow it.
              </Alert>
            )}
            {preview.affected.length > 0 && (
              <TextField
                label="Reason (recorded for each user)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                fullWidth
                required
                margin="dense"
                helperText="For example: provider outage INC-123 over, codes are delivered again."
                slotProps={{ htmlInput: { maxLength: 500 } }}
              />
            )}
            {preview.affected.length > 0 &&
              (administrator ? (
                <TextField
                  label="Verified another way: how (administrators)"
                  value={how}
                  onChange={(e) => setHow(e.target.value)}
                  fullWidth
                  margin="dense"
                  helperText="Each user otherwise needs your own passed caller check. Said here, it is flagged in every user's event, e.g. 'incident INC-123: locked by the carrier outage, confirmed with the provider'."
                  slotProps={{ htmlInput: { maxLength: 500 } }}
                />
              ) : (
                <Alert severity="info">
                  Each user needs your own passed caller check; those without one are listed as refused.
                </Alert>
              ))}
          </>
        )}
        {result && (
          <>
            <Alert severity={result.failed.length ? 'warning' : 'success'} data-testid="bulk-result">
              {result.done.length} {verb}
              {skipped.length ? `, ${skipped.length} skipped` : ''}
              {result.failed.length ? `, ${result.failed.length} refused` : ''}.
            </Alert>
            <List dense aria-label="Results">
              {[
                ...result.done.map((d) => ({ email: d.email, text: `${verb} (event ${d.eventId})` })),
                ...skipped.map((s) => ({ email: s.email, text: `skipped: ${s.why}` })),
                ...result.failed.map((f) => ({ email: f.email, text: `refused: ${f.message}` })),
              ].map((r) => (
                <ListItem key={r.email} disableGutters>
                  <ListItemText primary={r.email} secondary={r.text} />
                </ListItem>
              ))}
            </List>
          </>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {result ? (
          <Button variant="contained" onClick={() => onClose(true)}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose(false)} disabled={busy}>
              Cancel
            </Button>
            <Button
              variant="contained"
              onClick={run}
              disabled={busy || !preview || preview.affected.length === 0 || reason.trim().length < MIN_REASON}
            >
              {request.action === 'unlock' ? 'Unlock' : 'Reset cooldown'} {preview?.affected.length ?? ''}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

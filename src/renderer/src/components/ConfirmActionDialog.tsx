import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { ApiError, Result } from '../../../shared/result';
import { TimedText } from './When';

export interface ConfirmActionDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words the operator can check before confirming. */
  consequence: ReactNode;
  confirmLabel: string;
  /** Destructive actions get the error colour. */
  danger?: boolean;
  /** Admin actions are audited with a reason; the confirm button waits for one. */
  requireReason?: boolean;
  /** Extra fields (a date, a phone number) shown above the reason. */
  children?: ReactNode;
  /** Disables confirm while the extra fields are incomplete. */
  ready?: boolean;
  onConfirm: (reason: string) => Promise<Result<unknown>>;
  onDone: () => void;
  onCancel: () => void;
}

/** The engine refuses shorter reasons: a few words say why to whoever reads the audit log later. */
export const MIN_REASON = 3;

/** Every admin action goes through one of these: consequence named, reason asked, error shown in place. */
export function ConfirmActionDialog(props: ConfirmActionDialogProps) {
  const { open, title, consequence, confirmLabel, danger, requireReason = true, children, ready = true } = props;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const close = (after: () => void) => {
    setReason('');
    setError(null);
    after();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await props.onConfirm(reason.trim());
    setBusy(false);
    if (result.ok) close(props.onDone);
    else setError(result.error);
  };

  const canConfirm = ready && !busy && (!requireReason || reason.trim().length >= MIN_REASON);
  return (
    <Dialog
      open={open}
      onClose={() => !busy && close(props.onCancel)}
      maxWidth="sm"
      fullWidth
      aria-labelledby="confirm-title"
    >
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div" sx={{ mb: 2 }}>
          {consequence}
        </DialogContentText>
        {children}
        {requireReason && (
          <TextField
            label="Reason (recorded in the audit log)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            required
            multiline
            minRows={2}
            margin="dense"
            helperText="A few words: who asked, and why (a ticket number helps)."
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            <TimedText text={error.message} />
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => close(props.onCancel)} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={confirm} disabled={!canConfirm} variant="contained" color={danger ? 'error' : 'primary'}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { PhoneChangeStartedValue } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { When } from '../../components/When';

/**
 * Step two of a number change: the caller reads back the code the NEW number received. Three
 * tries; the old number stays until the code matches. Afterwards, what the old number and the
 * user's email were told.
 */
export function PhoneReadBackDialog({
  email,
  reason,
  basis,
  started,
  onDone,
  onCancel,
}: {
  email: string;
  reason: string;
  /** What step one rested on (the operator's caller check, or an administrator's "verified another way"). */
  basis: { callerCheckId?: string; verifiedAnotherWay?: string };
  started: PhoneChangeStartedValue;
  onDone: (summary: string) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ summary: string; notices: string[] } | null>(null);
  const over =
    error?.code === 'PHONE_CHANGE_FAILED' || error?.code === 'CODE_EXPIRED' || error?.code === 'NO_PHONE_CHANGE';

  const confirm = async () => {
    setBusy(true);
    const result = await api.confirmPhoneChange({ email, code, reason, ...basis });
    setBusy(false);
    setCode('');
    if (result.ok) {
      setError(null);
      setDone({ summary: result.value.summary, notices: result.value.notices });
    } else setError(result.error);
  };

  return (
    <Dialog open maxWidth="sm" fullWidth aria-labelledby="read-back-title">
      <DialogTitle id="read-back-title">Read back the code from the new number</DialogTitle>
      <DialogContent>
        {done ? (
          <>
            <Alert severity="success" data-testid="phone-changed">
              {done.summary}
            </Alert>
            {done.notices.map((n) => (
              <DialogContentText key={n} sx={{ mt: 1 }}>
                {n}
              </DialogContentText>
            ))}
          </>
        ) : (
          <>
            <DialogContentText sx={{ mb: 2 }}>
              A code went to {started.phoneChange.maskedPhone}. Ask the caller to read it to you; it works until{' '}
              <When ms={started.phoneChange.codeExpiresAt} />, with {started.phoneChange.triesLeft} tries. The number
              changes only when it matches.
            </DialogContentText>
            <TextField
              label="Code the caller reads back"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              fullWidth
              disabled={over}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12 } }}
            />
            {error && (
              <Alert severity={over ? 'error' : 'warning'} sx={{ mt: 2 }}>
                {error.message}
              </Alert>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {done ? (
          <Button variant="contained" onClick={() => onDone(done.summary)}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onCancel} disabled={busy}>
              {over ? 'Close' : 'Cancel'}
            </Button>
            <Button variant="contained" onClick={confirm} disabled={busy || over || code.trim().length < 4}>
              Confirm number
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { ApiError } from '../../../shared/result';
import { api, onReauthRequired } from '../api';

/**
 * The password again for a high-risk action (disabling 2FA, roles, firm-wide 2FA, provider settings,
 * unmasked export, approvals) when it was given more than 5 minutes ago; the action then goes on.
 */
export function ReauthPrompt() {
  const [asked, setAsked] = useState<ApiError | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settle = useRef<((given: boolean) => void) | null>(null);

  useEffect(
    () =>
      onReauthRequired(
        (why) =>
          new Promise<boolean>((resolve) => {
            settle.current = resolve;
            setAsked(why);
            setPassword('');
            setError(null);
          }),
      ),
    [],
  );

  const finish = (given: boolean) => {
    settle.current?.(given);
    settle.current = null;
    setAsked(null);
    setPassword('');
  };
  const confirm = async () => {
    setBusy(true);
    const result = await api.sessionReauthenticate({ password });
    setBusy(false);
    if (result.ok) finish(true);
    else setError(result.error.message);
  };

  return (
    <Dialog
      open={asked !== null}
      onClose={() => !busy && finish(false)}
      maxWidth="xs"
      fullWidth
      aria-labelledby="reauth-title"
    >
      <DialogTitle id="reauth-title">Enter your password again</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{asked?.message}</DialogContentText>
        <TextField
          type="password"
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && password) void confirm();
          }}
          fullWidth
          autoFocus
          margin="dense"
        />
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => finish(false)} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={confirm} disabled={!password || busy}>
          Confirm and go on
        </Button>
      </DialogActions>
    </Dialog>
  );
}

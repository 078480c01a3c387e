import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CallerCheckView, UserView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { When } from '../../components/When';

/**
 * Verify the caller: send a code to the registered phone, have the caller read it back.
 * A passed check is cited by the next unlock, cooldown reset or 2FA change.
 */
export function CallerCheckPanel({ view, onChanged }: { view: UserView; onChanged: () => void }) {
  const { operator } = useOperator();
  const [sent, setSent] = useState<{ maskedPhone: string; codeExpiresAt: number } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const check: CallerCheckView | null = view.callerCheck;
  const email = view.user.email;

  const send = async () => {
    if (!operator) return;
    const result = await api.sendCallerCode({ email });
    setError(result.ok ? null : result.error);
    if (result.ok) setSent(result.value);
    onChanged();
  };
  const verify = async () => {
    if (!operator) return;
    const result = await api.checkCallerCode({ email, code });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setSent(null);
      setCode('');
    }
    onChanged();
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Verify the caller">
      <Typography variant="h6" component="h2" gutterBottom>
        Verify the caller
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Before an unlock, cooldown reset or 2FA change, send a code to the registered phone and ask the caller to read
        it back.
      </Typography>
      {check && (
        <Alert
          severity={check.result === 'passed' ? 'success' : check.result === 'failed' ? 'error' : 'info'}
          sx={{ mb: 1.5 }}
          data-testid="caller-check-result"
        >
          {check.result === 'passed' && (
            <>
              Caller verified at <When ms={check.verifiedAt} /> by {check.actor}. The next action cites it.
            </>
          )}
          {check.result === 'failed' && (
            <>
              The code the caller read back did not match (<When ms={check.sentAt} />
              ).
            </>
          )}
          {check.result === 'pending' && (
            <>
              Code sent at <When ms={check.sentAt} />; waiting for the caller to read it back.
            </>
          )}
          {check.result === 'expired' && (
            <>
              The code sent at <When ms={check.sentAt} /> expired before it was read back.
            </>
          )}
          {check.result === 'lapsed' && (
            <>
              Caller verified at <When ms={check.verifiedAt} /> by {check.actor}, more than 30 minutes ago: verify again
              before the next action.
            </>
          )}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button variant="outlined" onClick={send} disabled={!operator || !view.phone}>
          {sent ? 'Send a new code' : 'Send code to registered phone'}
        </Button>
        {sent && (
          <Typography variant="body2" color="text.secondary">
            Sent to {sent.maskedPhone}
          </Typography>
        )}
      </Stack>
      {(sent || check?.result === 'pending') && (
        <Stack direction="row" spacing={1} sx={{ mt: 1.5, alignItems: 'center' }}>
          <TextField
            size="small"
            label="Code the caller reads back"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <Button variant="contained" onClick={verify} disabled={!code.trim()}>
            Check code
          </Button>
        </Stack>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error.message}
        </Alert>
      )}
    </Paper>
  );
}

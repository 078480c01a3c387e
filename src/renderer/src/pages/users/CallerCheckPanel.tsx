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
 * Verify the caller: send a code to the registered phone (its SMS says a helpdesk agent is
 * verifying them), have the caller read it back; 3 tries per code. A passed check lets the operator
 * who made it unlock, reset the cooldown, change 2FA or the number for 30 minutes, until the user
 * is locked, their number changes or another operator acts.
 */
export function CallerCheckPanel({ view, onChanged }: { view: UserView; onChanged: () => void }) {
  const { operator } = useOperator();
  const [sent, setSent] = useState<{ maskedPhone: string; codeExpiresAt: number; tries: number } | null>(null);
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
        Unlock, cooldown reset, 2FA and number changes need a passed check made by you. The SMS says: "A helpdesk agent
        is verifying your identity. Read this code to them only if you are on a call with your helpdesk." The caller has
        3 tries per code; a pass counts for 30 minutes.
      </Typography>
      {check && (
        <Alert
          severity={
            check.result === 'passed' && check.mine
              ? 'success'
              : check.result === 'failed' || check.result === 'void'
                ? 'error'
                : 'info'
          }
          sx={{ mb: 1.5 }}
          data-testid="caller-check-result"
        >
          {check.result === 'passed' && check.mine && (
            <>
              Caller verified by you at <When ms={check.verifiedAt} /> ({check.phoneMasked}). Your actions for this user
              rest on it until <When ms={check.citableUntil} />.
            </>
          )}
          {check.result === 'passed' && !check.mine && (
            <>
              {check.actor} verified the caller at <When ms={check.verifiedAt} />. Only their actions rest on it: verify
              the caller yourself before acting.
            </>
          )}
          {check.result === 'failed' && (
            <>
              The code the caller read back did not match (<When ms={check.sentAt} />
              ): send a new code.
            </>
          )}
          {check.result === 'pending' && (
            <>
              Code sent to {check.phoneMasked} at <When ms={check.sentAt} /> by {check.actor}; waiting for the caller to
              read it back ({check.triesLeft} {check.triesLeft === 1 ? 'try' : 'tries'} left).
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
          {check.result === 'void' && (
            <>
              The check passed at <When ms={check.verifiedAt} /> by {check.actor} no longer counts: {check.voidReason}.
              Verify the caller again.
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
            Sent to {sent.maskedPhone}; {sent.tries} tries
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

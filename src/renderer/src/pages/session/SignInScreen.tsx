import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { OperatorSignInMessages, OperatorSignInStep } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { When } from '../../components/When';
import { SessionCard } from './SessionCard';

type Pending = Extract<OperatorSignInStep, { outcome: 'second_factor' }>;

/** What the simulated phone received in this sign-in (the simulated provider only: demos, training). */
function SimulatedMessages({ pendingToken, sentAt }: { pendingToken: string; sentAt: number }) {
  const [messages, setMessages] = useState<OperatorSignInMessages | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      api.operatorSignInMessages({ pendingToken }).then((result) => {
        if (current && result.ok) setMessages(result.value);
      });
    void load();
    const timer = window.setInterval(load, 2_000);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [pendingToken, sentAt]);
  if (!messages?.simulated) return null;
  return (
    <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, p: 1.5 }} role="region" aria-label="Simulated phone">
      <Typography variant="caption" color="text.secondary" component="p">
        Simulated phone (the offline provider delivers here instead of to a real handset)
      </Typography>
      {messages.messages.length === 0 ? (
        <Typography variant="body2">No message yet.</Typography>
      ) : (
        messages.messages.slice(0, 1).map((m) => (
          <Typography key={m.sentAt} variant="body2" data-testid="simulated-sign-in-sms">
            <When ms={m.sentAt} /> · {m.phone}: {m.body}
          </Typography>
        ))
      )}
    </Box>
  );
}

/**
 * An operator's sign-in: email and password, then a code to their registered phone (or one of their
 * backup codes), through the console's own engine. The same lock, cooldown and messages apply.
 */
export function SignInScreen({
  email: initialEmail,
  notice,
  onSignedIn,
  onTraining,
}: {
  email?: string;
  notice: ApiError | null;
  onSignedIn: (recoveryCodes: string[] | null) => void;
  onTraining: () => void;
}) {
  const [email, setEmail] = useState(initialEmail ?? '');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [sent, setSent] = useState<{ to: string; at: number } | null>(null);
  const [code, setCode] = useState('');
  const [useBackup, setUseBackup] = useState(false);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    const result = await api.operatorSignIn({ email, password, newPassword: newPassword ?? undefined });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'PASSWORD_CHANGE_REQUIRED') setNewPassword('');
      return setError(result.error);
    }
    setError(null);
    if (result.value.outcome === 'signed_in') return onSignedIn(result.value.recoveryCodes);
    setPending(result.value);
    setUseBackup(!result.value.sms);
  };

  const send = async () => {
    if (!pending) return;
    setBusy(true);
    const result = await api.operatorSignInSendCode({ pendingToken: pending.pendingToken });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    if (result.value.outcome === 'code_sent') setSent({ to: result.value.maskedPhone, at: Date.now() });
  };

  const verify = async () => {
    if (!pending) return;
    setBusy(true);
    const result = await api.operatorSignInVerify({
      pendingToken: pending.pendingToken,
      ...(useBackup ? { backupCode: code } : { code }),
      rememberDevice: remember || undefined,
      deviceLabel: remember ? 'This browser' : undefined,
    });
    setBusy(false);
    setCode('');
    if (!result.ok) return setError(result.error);
    onSignedIn(result.value.recoveryCodes);
  };

  if (!pending) {
    return (
      <SessionCard
        title="Sign in"
        intro="Administrators and technicians sign in with their email, their password and a code sent to their phone."
      >
        <Stack
          component="form"
          spacing={1.5}
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {notice && !error && <Alert severity="info">{notice.message}</Alert>}
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
          {newPassword !== null && (
            <TextField
              label="Choose your own password"
              type="password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              autoComplete="new-password"
              helperText="12 characters or more. The one you were given works only this once."
              required
            />
          )}
          {error && <Alert severity="error">{error.message}</Alert>}
          <Button type="submit" variant="contained" disabled={busy || !email || !password || newPassword === ''}>
            Continue
          </Button>
          <Link component="button" type="button" variant="body2" onClick={onTraining} sx={{ alignSelf: 'flex-start' }}>
            Try a user&apos;s sign-in (training, simulated provider)
          </Link>
        </Stack>
      </SessionCard>
    );
  }

  return (
    <SessionCard
      title="Verify it is you"
      intro={`${pending.operator.name}, a second step: ${useBackup ? 'one of your backup codes' : 'the code sent to your phone'}.`}
    >
      <Stack
        component="form"
        spacing={1.5}
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        {!useBackup && pending.sms && (
          <Button variant="outlined" onClick={send} disabled={busy}>
            {sent ? `Send a new code to ${pending.sms}` : `Send a code to ${pending.sms}`}
          </Button>
        )}
        {sent && !useBackup && (
          <Typography variant="body2">A code was sent to {sent.to}. It is valid for 3 minutes.</Typography>
        )}
        {sent && !useBackup && <SimulatedMessages pendingToken={pending.pendingToken} sentAt={sent.at} />}
        <TextField
          label={useBackup ? 'Backup code' : 'Code from the SMS'}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <FormControlLabel
          control={<Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} />}
          label="Remember this device for 30 days"
        />
        {error && <Alert severity="error">{error.message}</Alert>}
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button type="submit" variant="contained" disabled={busy || !code.trim() || (!useBackup && !sent)}>
            Verify
          </Button>
          {pending.backupCodesRemaining > 0 && pending.sms && (
            <Link component="button" type="button" variant="body2" onClick={() => setUseBackup((b) => !b)}>
              {useBackup ? 'Use the SMS code instead' : 'Use a backup code instead'}
            </Link>
          )}
        </Stack>
      </Stack>
    </SessionCard>
  );
}

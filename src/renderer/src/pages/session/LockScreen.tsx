import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { OperatorSummary } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { SessionCard } from './SessionCard';

/** After 15 minutes idle the console locks; the operator's password unlocks it (the session goes on). */
export function LockScreen({
  operator,
  onUnlocked,
  onSignOut,
}: {
  operator: OperatorSummary;
  onUnlocked: () => void;
  onSignOut: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const unlock = async () => {
    const result = await api.sessionUnlock({ password });
    setPassword('');
    if (!result.ok) return setError(result.error);
    if (result.value.locked || !result.value.operator)
      return setError({ code: 'SIGN_IN_REQUIRED', message: 'Sign in again.' });
    onUnlocked();
  };
  return (
    <SessionCard
      title="The console is locked"
      intro={`It locked after 15 minutes without activity. ${operator.name} (${operator.email}): enter your password to go on where you were.`}
    >
      <Stack
        component="form"
        spacing={1.5}
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <input type="hidden" name="username" value={operator.email} autoComplete="username" readOnly />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus
          autoComplete="current-password"
        />
        {error && <Alert severity="error">{error.message}</Alert>}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={!password}>
            Unlock
          </Button>
          <Button onClick={onSignOut}>Sign out</Button>
        </Stack>
      </Stack>
    </SessionCard>
  );
}

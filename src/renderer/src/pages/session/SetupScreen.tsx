import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { SessionCard } from './SessionCard';

/** First start: no operator can sign in yet, so the first administrator is made here. */
export function SetupScreen({ onDone }: { onDone: (email: string) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = repeat.length > 0 && repeat !== password;

  const submit = async () => {
    setBusy(true);
    const result = await api.operatorBootstrap({ name, email, phone, password });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onDone(result.value.email);
  };

  return (
    <SessionCard
      title="Set up the console"
      intro="No one can sign in yet. Create the first administrator: they sign in with this password and a code sent to this mobile number. Add a second administrator soon after, so one can always help the other."
    >
      <Stack
        component="form"
        spacing={1.5}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField
          label="Your name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          autoComplete="name"
        />
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          autoComplete="username"
        />
        <TextField
          label="Mobile number"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          required
          helperText="With the country code, such as +44 7111 222333: the second factor goes here."
          autoComplete="tel"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          helperText="12 characters or more; a few words work well."
          autoComplete="new-password"
        />
        <TextField
          label="Password again"
          type="password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
          error={mismatch}
          helperText={mismatch ? 'The two passwords differ.' : ' '}
          autoComplete="new-password"
        />
        {error && <Alert severity="error">{error.message}</Alert>}
        <Button
          type="submit"
          variant="contained"
          disabled={busy || !name || !email || !phone || !password || repeat !== password}
        >
          Create the administrator
        </Button>
      </Stack>
    </SessionCard>
  );
}

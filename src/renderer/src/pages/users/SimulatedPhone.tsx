import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { UserView } from '../../../../shared/contract';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';

/**
 * The simulated provider's handset for this user, and the user's side of a sign-in,
 * so a demo can be walked end to end: send, read the SMS here, type it (or a wrong one).
 */
export function SimulatedPhone({ view, onChanged, signal }: { view: UserView; onChanged: () => void; signal: number }) {
  const email = view.user.email;
  const outbox = useApiQuery(() => api.outbox({ email, limit: 5 }), [email, signal]);
  const [code, setCode] = useState('');
  const [screen, setScreen] = useState<{ severity: 'success' | 'info' | 'error'; text: string } | null>(null);

  const act = async (
    call: () => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>,
    success: (v: never) => string,
  ) => {
    const result = await call();
    setScreen(
      result.ok
        ? { severity: 'success', text: success(result.value as never) }
        : { severity: 'error', text: result.error!.message },
    );
    onChanged();
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Simulated phone">
      <Typography variant="h6" component="h2">
        Simulated phone
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        The offline provider delivers here instead of to a real handset. Try the user&apos;s sign-in to see what they
        see.
      </Typography>
      <Box sx={{ bgcolor: 'action.hover', borderRadius: 2, p: 1.5, minHeight: 64 }} data-testid="simulated-inbox">
        {outbox.data?.messages.length ? (
          outbox.data.messages.map((m) => (
            <Box key={m.id} sx={{ mb: 1 }}>
              <Typography variant="caption" color="text.secondary">
                <When ms={m.sentAt} /> · {m.phone}
              </Typography>
              <Typography variant="body2">{m.body}</Typography>
            </Box>
          ))
        ) : (
          <Typography variant="body2" color="text.secondary">
            No messages.
          </Typography>
        )}
      </Box>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Sign in as {view.user.name}
      </Typography>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mt: 1, alignItems: 'center' }}>
        <Button
          size="small"
          variant="outlined"
          onClick={() =>
            act(
              () => api.sendCode({ email }),
              (v: { outcome: string; maskedPhone?: string }) =>
                v.outcome === 'code_sent'
                  ? `A code was sent to ${v.maskedPhone}.`
                  : `Signed in without a code (${v.outcome}).`,
            )
          }
        >
          Send code
        </Button>
        <TextField
          size="small"
          label="Code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          sx={{ width: 140 }}
        />
        <Button
          size="small"
          variant="outlined"
          disabled={!code.trim()}
          onClick={() =>
            act(
              () => api.checkCode({ email, code }),
              () => 'Signed in.',
            )
          }
        >
          Verify
        </Button>
        <Button
          size="small"
          onClick={() =>
            act(
              () => api.notMyNumber({ email }),
              (v: { message: string }) => v.message,
            )
          }
        >
          It&apos;s not my phone number
        </Button>
      </Stack>
      {screen && (
        <Alert severity={screen.severity} sx={{ mt: 1.5 }} data-testid="sign-in-screen">
          {screen.text}
        </Alert>
      )}
    </Paper>
  );
}

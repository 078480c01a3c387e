import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { PolicyView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';

const FAILURES = [
  { code: '500', label: '500: MFA Provider Failure (the provider is down)' },
  { code: 'TIMEOUT', label: 'TIMEOUT: the provider does not answer' },
  { code: '30007', label: '30007: SMS Failure, filtered as spam by the carrier' },
  { code: '30003', label: '30003: SMS Failure, handset unreachable' },
  { code: '21211', label: '21211: Incorrect Phone Number' },
  { code: '60203', label: '60203: too many sends (feeds the cooldown)' },
];

/** For demos and training: make the simulated provider fail the way real ones do. */
export function SimulatedFailureSection({ policy, onSaved }: { policy: PolicyView; onSaved: (m: string) => void }) {
  const { operator } = useOperator();
  const [code, setCode] = useState(policy.simulatedFailure?.code ?? '500');
  const [times, setTimes] = useState('3');
  const [error, setError] = useState<ApiError | null>(null);
  // The change waiting for its reason: a code to fail with, or null to stop failing.
  const [pending, setPending] = useState<{ code: string | null } | null>(null);
  const current = policy.simulatedFailure;

  const apply = async (next: string | null, reason: string) => {
    const result = await api.setSimulatedFailure({
      code: next,
      times: next && times ? Number(times) : undefined,
      reason,
    });
    setError(null);
    if (result.ok)
      onSaved(next ? `The simulated provider now fails with ${next}.` : 'The simulated provider delivers again.');
    return result;
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Simulated failures">
      <Typography variant="h6" component="h2">
        Simulated provider failures
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        For demos and training: the simulated provider reports this failure instead of delivering codes.
      </Typography>
      <Typography variant="body2" sx={{ mb: 1.5 }} data-testid="simulated-failure-state">
        {current
          ? `Failing with ${current.code}${current.remaining !== null ? ` for the next ${current.remaining} send(s)` : ' until stopped'}.`
          : 'Delivering normally.'}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          select
          size="small"
          label="Failure"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          sx={{ minWidth: 380 }}
        >
          {FAILURES.map((f) => (
            <MenuItem key={f.code} value={f.code}>
              {f.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="For the next sends"
          value={times}
          onChange={(e) => setTimes(e.target.value)}
          sx={{ width: 150 }}
          helperText="Empty: until stopped"
        />
        <Button variant="outlined" onClick={() => setPending({ code })} disabled={!operator}>
          Start failing
        </Button>
        <Button onClick={() => setPending({ code: null })} disabled={!operator || !current}>
          Stop
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error.message}
        </Alert>
      )}
      <ConfirmActionDialog
        open={pending !== null}
        title={pending?.code ? `Make the simulated provider fail with ${pending.code}` : 'Stop the simulated failures'}
        consequence={
          pending?.code
            ? `Sign-ins and caller checks using the simulated provider fail with ${pending.code}${times ? ` for the next ${times} send(s)` : ' until stopped'}, as a real provider's would.`
            : 'The simulated provider delivers codes again.'
        }
        confirmLabel={pending?.code ? 'Start failing' : 'Stop failing'}
        onConfirm={(reason) => apply(pending?.code ?? null, reason)}
        onDone={() => setPending(null)}
        onCancel={() => setPending(null)}
      />
    </Paper>
  );
}

import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ConnectionTestValue, ProviderSettingsView, ProviderSyncValue } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { ProviderHealthPanel } from './ProviderHealthPanel';
import { TwilioForm } from './TwilioForm';

/** Which provider sends the codes, Twilio's configuration, its connection test, sync and health. */
export function ProviderSection({
  settings,
  onSaved,
  signal,
}: {
  settings: ProviderSettingsView;
  onSaved: (m: string) => void;
  signal: number;
}) {
  const { operator } = useOperator();
  const [error, setError] = useState<ApiError | null>(null);
  const [test, setTest] = useState<ConnectionTestValue | null>(null);
  const [sync, setSync] = useState<ProviderSyncValue | null>(null);
  const [busy, setBusy] = useState<'test' | 'sync' | null>(null);

  const [choosing, setChoosing] = useState<'simulated' | 'twilio' | null>(null);
  const choose = async (provider: 'simulated' | 'twilio', reason: string) => {
    const result = await api.providerSettingsUpdate({ provider, reason });
    setError(null);
    if (result.ok) onSaved(`SMS provider: ${provider === 'twilio' ? 'Twilio' : 'Simulated'}.`);
    return result;
  };
  const runTest = async () => {
    setBusy('test');
    const result = await api.providerTest({});
    setBusy(null);
    setTest(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  };
  const runSync = async () => {
    setBusy('sync');
    const result = await api.providerSync({});
    setBusy(null);
    setSync(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
    if (result.ok)
      onSaved(`Delivery sync: ${result.value.recorded} new SMS failure(s), ${result.value.duplicates} already known.`);
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="SMS provider">
      <Typography variant="h6" component="h2">
        SMS provider
      </Typography>
      <RadioGroup row value={settings.provider} onChange={(e) => setChoosing(e.target.value as 'simulated' | 'twilio')}>
        <FormControlLabel
          value="simulated"
          control={<Radio />}
          label="Simulated (offline: codes go to the simulated phone)"
          disabled={!operator}
        />
        <FormControlLabel
          value="twilio"
          control={<Radio />}
          label="Twilio Verify"
          disabled={!operator || (!settings.twilio.configured && settings.provider !== 'twilio')}
        />
      </RadioGroup>
      {!settings.twilio.configured && (
        <Typography variant="caption" color="text.secondary" component="p">
          Twilio can be chosen once it is configured below.
        </Typography>
      )}
      <ConfirmActionDialog
        open={choosing !== null}
        title={choosing === 'twilio' ? 'Send codes through Twilio Verify' : 'Use the simulated provider'}
        consequence={
          choosing === 'twilio'
            ? 'Every sign-in and caller check from now on sends a real SMS through Twilio Verify.'
            : 'Codes are no longer sent to phones: they go to the simulated phone in this console. Real users cannot sign in this way.'
        }
        confirmLabel={choosing === 'twilio' ? 'Use Twilio' : 'Use simulated'}
        danger={choosing === 'simulated'}
        onConfirm={(reason) => choose(choosing!, reason)}
        onDone={() => setChoosing(null)}
        onCancel={() => setChoosing(null)}
      />
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        Twilio
      </Typography>
      <TwilioForm twilio={settings.twilio} onSaved={onSaved} />
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        Credentials are stored{' '}
        {settings.secretStorage === 'safe-storage'
          ? "encrypted with the operating system's key store"
          : 'in a file in the data directory readable by your user only'}
        ; they never reach this window.
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <Button variant="outlined" onClick={runTest} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </Button>
        <Button variant="outlined" onClick={runSync} disabled={busy !== null || !settings.twilio.configured}>
          {busy === 'sync' ? 'Syncing…' : 'Sync delivery failures now'}
        </Button>
      </Stack>
      {test && (
        <Alert severity={test.ok ? 'success' : 'error'} sx={{ mt: 1.5 }} data-testid="connection-test">
          {test.message}
          {test.steps.map((s) => (
            <Typography key={s.step} variant="body2">
              {s.ok ? '✓' : '✗'} {s.step === 'credentials' ? 'Credentials' : 'Verify service'}: {s.message}
              {s.code ? ` (${s.code})` : ''}
            </Typography>
          ))}
        </Alert>
      )}
      {sync && (
        <Alert severity={sync.sources.some((s) => s.error) ? 'warning' : 'success'} sx={{ mt: 1.5 }}>
          {sync.recorded} new SMS failure(s) recorded, {sync.duplicates} already known.
          {sync.sources
            .filter((s) => s.error)
            .map((s) => ` ${s.source}: ${s.error?.message}`)
            .join('')}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error.message}
        </Alert>
      )}
      <ConfirmActionDialog
        open={choosing !== null}
        title={choosing === 'twilio' ? 'Send codes through Twilio Verify' : 'Use the simulated provider'}
        consequence={
          choosing === 'twilio'
            ? 'Every sign-in and caller check from now on sends a real SMS through Twilio Verify.'
            : 'Codes are no longer sent to phones: they go to the simulated phone in this console. Real users cannot sign in this way.'
        }
        confirmLabel={choosing === 'twilio' ? 'Use Twilio' : 'Use simulated'}
        danger={choosing === 'simulated'}
        onConfirm={(reason) => choose(choosing!, reason)}
        onDone={() => setChoosing(null)}
        onCancel={() => setChoosing(null)}
      />
      <Divider sx={{ my: 2 }} />
      <ProviderHealthPanel signal={signal} />
    </Paper>
  );
}

import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SecretFieldView, TwilioSettingsView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';

type SecretKey = 'accountSid' | 'authToken' | 'apiKeySid' | 'apiKeySecret' | 'verifyServiceSid';

const SECRETS: { key: SecretKey; label: string; placeholder: string; sid: boolean }[] = [
  { key: 'accountSid', label: 'Account SID', placeholder: 'AC followed by 32 hex digits', sid: true },
  { key: 'authToken', label: 'Auth Token', placeholder: 'Paste the Auth Token', sid: false },
  { key: 'apiKeySid', label: 'API key SID (optional)', placeholder: 'SK followed by 32 hex digits', sid: true },
  { key: 'apiKeySecret', label: 'API key secret (optional)', placeholder: 'Paste the API key secret', sid: false },
  { key: 'verifyServiceSid', label: 'Verify Service SID', placeholder: 'VA followed by 32 hex digits', sid: true },
];

const OPTION_LABELS: Record<string, string> = {
  lookupEnabled: 'Lookup',
  baseUrl: 'API base URL',
  timeoutMs: 'request timeout',
};

/** A changed setting's key (twilio.authToken) in the words of this form (Auth Token). */
function changeLabel(key: string): string {
  const field = key.replace(/^twilio\./, '');
  return SECRETS.find((s) => s.key === field)?.label.replace(' (optional)', '') ?? OPTION_LABELS[field] ?? field;
}

/** What the renderer may know of a credential: set or not, and a SID's last 4 characters. */
function describe(field: SecretFieldView, sid: boolean): string {
  if (!field.set) return 'Not set';
  const from = field.source === 'environment' ? ' (from the environment)' : '';
  return sid && field.last4 ? `Set, ends in ${field.last4}${from}` : `Set${from}`;
}

/** Twilio credentials and options. Secrets are write-only: typed here, never shown back. */
export function TwilioForm({ twilio, onSaved }: { twilio: TwilioSettingsView; onSaved: (message: string) => void }) {
  const { operator } = useOperator();
  const [draft, setDraft] = useState<Partial<Record<SecretKey, string>>>({});
  const [lookup, setLookup] = useState(twilio.lookupEnabled);
  // A base URL from the environment is shown, not copied into the saved settings.
  const savedBaseUrl = twilio.baseUrlSource === 'settings' ? (twilio.baseUrl ?? '') : '';
  const [baseUrl, setBaseUrl] = useState(savedBaseUrl);
  const [timeout, setTimeoutMs] = useState(String(twilio.timeoutMs));
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);

  const secrets = Object.fromEntries(Object.entries(draft).filter(([, v]) => v && v.trim()));
  // Only what the operator changed is sent, so each saved change is one audited event.
  const changed = {
    ...secrets,
    ...(lookup !== twilio.lookupEnabled ? { lookupEnabled: lookup } : {}),
    ...(baseUrl.trim() !== savedBaseUrl ? { baseUrl: baseUrl.trim() || null } : {}),
    ...(Number(timeout) !== twilio.timeoutMs ? { timeoutMs: Number(timeout) } : {}),
  };
  const save = async (reason: string) => {
    const result = await api.providerSettingsUpdate({ ...changed, reason });
    if (!result.ok) return result;
    setError(null);
    setDraft({});
    onSaved(
      `Twilio settings saved (${result.value.changes.map((c) => changeLabel(c.key)).join(', ') || 'no change'}).`,
    );
    return result;
  };

  return (
    <Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        {SECRETS.map((s) => (
          <TextField
            key={s.key}
            size="small"
            label={s.label}
            type={s.sid ? 'text' : 'password'}
            autoComplete="off"
            value={draft[s.key] ?? ''}
            placeholder={s.placeholder}
            onChange={(e) => setDraft((d) => ({ ...d, [s.key]: e.target.value }))}
            helperText={`${describe(twilio[s.key], s.sid)}. Type to replace.`}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ))}
        <TextField
          size="small"
          label="API base URL (optional)"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder={
            twilio.baseUrlSource === 'environment' ? (twilio.baseUrl ?? '') : 'https://api.twilio.com (default)'
          }
          helperText={
            twilio.baseUrlSource === 'environment'
              ? `In use from MFA_CONSOLE_TWILIO_BASE_URL: ${twilio.baseUrl}. A value saved here wins.`
              : 'For a Twilio-compatible gateway; leave empty for Twilio itself.'
          }
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          label="Request timeout"
          value={timeout}
          onChange={(e) => setTimeoutMs(e.target.value)}
          helperText="Milliseconds; a provider that does not answer in time is a provider failure."
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric' } }}
        />
      </Box>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Switch checked={lookup} onChange={(e) => setLookup(e.target.checked)} />}
        label="Look up line type and carrier (Twilio Lookup) when a phone number is set or changed"
      />
      <Typography variant="caption" color="text.secondary" component="p">
        Uses{' '}
        {twilio.authMethod === 'api_key'
          ? 'the API key'
          : twilio.authMethod === 'auth_token'
            ? 'the Auth Token'
            : 'no credential yet'}
        .{twilio.missing.length > 0 && ` Still needed: ${twilio.missing.join(', ')}.`}
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error.message}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
        <Button
          variant="contained"
          onClick={() => setConfirming(true)}
          disabled={!operator || Object.keys(changed).length === 0}
        >
          Save Twilio settings
        </Button>
      </Stack>
      <ConfirmActionDialog
        open={confirming}
        title="Save the Twilio settings"
        consequence={`Changing: ${Object.keys(changed)
          .map((key) => changeLabel(`twilio.${key}`))
          .join(', ')}. Secrets are stored for this console only and never shown again.`}
        confirmLabel="Save Twilio settings"
        onConfirm={save}
        onDone={() => setConfirming(false)}
        onCancel={() => setConfirming(false)}
      />
    </Box>
  );
}

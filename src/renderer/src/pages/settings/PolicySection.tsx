import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { PolicyView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';

/** The MFA policy numbers: defaults from the documents, each checked against its range before saving. */
export function PolicySection({ policy, onSaved }: { policy: PolicyView; onSaved: (message: string) => void }) {
  const { operator } = useOperator();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);

  const value = (key: string) => draft[key] ?? String(policy.values[key as keyof typeof policy.values]);
  const fieldError = (key: string): string | null => {
    const field = policy.fields.find((f) => f.key === key)!;
    const text = value(key).trim();
    const n = Number(text);
    if (!/^\d+$/.test(text)) return 'A whole number';
    if (n < field.min || n > field.max) return `Between ${field.min} and ${field.max}`;
    return null;
  };
  const changes = Object.fromEntries(
    Object.keys(draft)
      .filter((k) => Number(draft[k]) !== policy.values[k as keyof typeof policy.values])
      .map((k) => [k, Number(draft[k])]),
  );
  const invalid = policy.fields.some((f) => fieldError(f.key) !== null);

  const label = (key: string) => policy.fields.find((f) => f.key === key)?.label ?? key;
  const save = async (reason: string) => {
    const result = await api.updatePolicy({ changes, reason });
    if (!result.ok) return result;
    setError(null);
    setDraft({});
    onSaved(
      `Policy saved: ${result.value.changes.map((c) => `${c.key} ${c.from} → ${c.to}`).join(', ') || 'no change'}.`,
    );
    return result;
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="MFA policy">
      <Typography variant="h6" component="h2">
        MFA policy
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The rules the engine enforces for every sign-in. The defaults are the documents&apos;: codes valid 3 minutes, a
        1-hour cooldown after 5 failed checks, a lock after repeated failures. Changes are recorded in the audit log.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, gap: 2 }}>
        {policy.fields.map((f) => {
          const problem = fieldError(f.key);
          return (
            <TextField
              key={f.key}
              label={f.label}
              value={value(f.key)}
              onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
              error={problem !== null}
              helperText={problem ?? `${f.help} Default ${f.default}.`}
              size="small"
              slotProps={{
                input: {
                  endAdornment:
                    f.unit === 'count' ? undefined : <InputAdornment position="end">{f.unit}</InputAdornment>,
                },
                htmlInput: { inputMode: 'numeric', 'aria-label': f.label },
              }}
            />
          );
        })}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error.message}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <Button
          variant="contained"
          onClick={() => setConfirming(true)}
          disabled={!operator || invalid || Object.keys(changes).length === 0}
        >
          Save policy
        </Button>
        <Button onClick={() => setDraft({})} disabled={Object.keys(draft).length === 0}>
          Discard changes
        </Button>
      </Stack>
      <ConfirmActionDialog
        open={confirming}
        title="Save the MFA policy"
        consequence={
          <>
            Every sign-in from now on follows the new numbers:
            <ul>
              {Object.entries(changes).map(([key, to]) => (
                <li key={key}>
                  {label(key)}: {String(policy.values[key as keyof typeof policy.values])} → {to}
                </li>
              ))}
            </ul>
          </>
        }
        confirmLabel="Save policy"
        onConfirm={save}
        onDone={() => setConfirming(false)}
        onCancel={() => setConfirming(false)}
      />
    </Paper>
  );
}

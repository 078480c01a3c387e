import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { IncidentSettingsView } from '../../../../shared/contract';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';

/** The incident detector's parameters (docs/incidents.md gives each default's reason). */
export function IncidentSettingsSection({ signal, onSaved }: { signal: unknown; onSaved: (message: string) => void }) {
  const view = useApiQuery(() => api.getIncidentSettings({}), [signal]);
  if (!view.data) return null;
  return <Editor key={JSON.stringify(view.data.values)} view={view.data} onSaved={onSaved} />;
}

function Editor({ view, onSaved }: { view: IncidentSettingsView; onSaved: (message: string) => void }) {
  const { operator } = useOperator();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const current = (key: string) => view.values[key as keyof IncidentSettingsView['values']];
  const value = (key: string) => draft[key] ?? String(current(key));
  const fieldError = (key: string): string | null => {
    const f = view.fields.find((x) => x.key === key)!;
    const text = value(key).trim();
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) return 'A number';
    if (f.integer && !Number.isInteger(n)) return 'A whole number';
    if (n < f.min || n > f.max) return `Between ${f.min} and ${f.max}`;
    return null;
  };
  const changes = Object.fromEntries(
    Object.keys(draft)
      .filter((k) => Number(draft[k]) !== current(k))
      .map((k) => [k, Number(draft[k])]),
  );
  const invalid = view.fields.some((f) => fieldError(f.key) !== null);
  const save = async (reason: string) => {
    const result = await api.updateIncidentSettings({ changes, reason });
    if (!result.ok) return result;
    setDraft({});
    onSaved(
      `Incident detector saved: ${result.value.changes.map((c) => `${c.key} ${c.from} → ${c.to}`).join(', ') || 'no change'}; incidents detected again.`,
    );
    return result;
  };
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Incident detection">
      <Typography variant="h6" component="h2">
        Incident detection
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        How the console decides that a carrier, a country, the provider or an error code is failing far more than usual,
        and what counts as SMS pumping. Saving detects every incident again with the new numbers; each change is
        recorded in the audit log.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, gap: 2 }}>
        {view.fields.map((f) => {
          const problem = fieldError(f.key);
          return (
            <TextField
              key={f.key}
              label={f.label}
              value={value(f.key)}
              onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
              error={problem !== null}
              helperText={problem ?? `${f.help} Default ${f.default} (${f.unit}).`}
              size="small"
              slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': f.label } }}
            />
          );
        })}
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
        <Button
          variant="contained"
          onClick={() => setConfirming(true)}
          disabled={!operator || invalid || Object.keys(changes).length === 0}
        >
          Save detection settings
        </Button>
        <Button onClick={() => setDraft({})} disabled={Object.keys(draft).length === 0}>
          Discard changes
        </Button>
      </Stack>
      <ConfirmActionDialog
        open={confirming}
        title="Save the incident detection settings"
        consequence={
          <>
            Every incident is detected again with:
            <ul>
              {Object.entries(changes).map(([key, to]) => (
                <li key={key}>
                  {view.fields.find((f) => f.key === key)?.label ?? key}: {String(current(key))} → {to}
                </li>
              ))}
            </ul>
          </>
        }
        confirmLabel="Save detection settings"
        onConfirm={save}
        onDone={() => setConfirming(false)}
        onCancel={() => setConfirming(false)}
      />
    </Paper>
  );
}

import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TeamDatabaseTestValue, TeamDatabaseView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';

const SOURCES: Record<TeamDatabaseView['active']['source'], string> = {
  environment: 'from MFA_CONSOLE_DATABASE_URL',
  settings: 'saved here',
  option: 'named when the console was started',
  default: "this computer's data directory",
};

const SCHEMAS: Record<TeamDatabaseTestValue['schema'], string> = {
  empty: 'an empty database: the console sets it up at its next start',
  current: 'the console’s schema, up to date',
  older: 'an older schema: the console brings it up to date at its next start',
  newer: 'upgraded by a newer console: install that version first',
};

/** The saved address without its password, as the form starts from. */
const withoutPassword = (url: string | null) => (url ? url.replace(/:\*\*\*@/, '@') : '');

/**
 * Settings → Team database: which database this console runs on, and a PostgreSQL team database for
 * its next start (the password kept with the other secrets, never shown again).
 */
export function TeamDatabaseSection({ view, onSaved }: { view: TeamDatabaseView; onSaved: (m: string) => void }) {
  const { operator } = useOperator();
  const notAdmin = operator?.role !== 'administrator';
  const [url, setUrl] = useState(withoutPassword(view.saved));
  const [password, setPassword] = useState('');
  const [test, setTest] = useState<TeamDatabaseTestValue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<'save' | 'local' | null>(null);

  const typed = { url: url.trim(), ...(password ? { password } : {}) };
  const runTest = async () => {
    setBusy(true);
    const result = await api.teamDatabaseTest(typed);
    setBusy(false);
    setTest(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  };
  const save = async (reason: string) => {
    const result = await api.teamDatabaseSave(confirming === 'local' ? { url: null, reason } : { ...typed, reason });
    if (!result.ok) return result;
    setError(null);
    setPassword('');
    onSaved(
      confirming === 'local'
        ? "Saved: the console uses this computer's database from its next start."
        : 'Team database saved: restart the console to switch to it.',
    );
    return result;
  };

  const active = view.active;
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Team database">
      <Typography variant="h6" component="h2">
        Team database
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        One desktop keeps its data in a local SQLite file. A helpdesk team shares one PostgreSQL database, so a lock
        placed by one agent is seen by every other console at once. Investigation workspaces stay local files.
      </Typography>
      <Typography variant="body2" data-testid="team-database-active">
        In use now:{' '}
        <strong>
          {active.kind === 'postgres' ? `team database ${active.display}` : `local file ${active.display}`}
        </strong>{' '}
        ({SOURCES[active.source]}).
      </Typography>
      {view.environmentOverrides && (
        <Alert severity="info" sx={{ mt: 1 }}>
          MFA_CONSOLE_DATABASE_URL is set for this console: it wins over what is saved here until it is removed.
        </Alert>
      )}
      {view.restartNeeded && !view.environmentOverrides && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {view.saved ? `Saved: ${view.saved}.` : "Saved: this computer's database."} Restart the console to switch.
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' }, gap: 2, mt: 2 }}>
        <TextField
          size="small"
          label="Address"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="postgres://helpdesk@db.example.org:5432/mfa_console"
          helperText="postgres://user@host:port/database; add ?sslmode=require when the server asks for TLS."
          disabled={notAdmin}
          autoComplete="off"
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          helperText={
            view.savedHasPassword
              ? 'Saved. Type to replace; a new address needs it typed again.'
              : `Kept ${view.secretStore === 'safe-storage' ? 'encrypted by the OS keychain' : 'in a file only you can read'}.`
          }
          disabled={notAdmin}
          autoComplete="new-password"
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Box>
      {test && (
        <Alert
          severity={test.schema === 'newer' ? 'warning' : 'success'}
          sx={{ mt: 1 }}
          data-testid="team-database-test"
        >
          Connected to {test.server}: {SCHEMAS[test.schema]}
          {test.users !== null ? `; ${test.users} ${test.users === 1 ? 'person' : 'people'} in its directory.` : '.'}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error.message} ({error.code})
        </Alert>
      )}
      {notAdmin && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Only administrators may change the database; you are signed in as {operator?.name} ({operator?.role}).
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
        <Button variant="outlined" onClick={runTest} disabled={notAdmin || busy || !url.trim()}>
          Test connection
        </Button>
        <Button variant="contained" onClick={() => setConfirming('save')} disabled={notAdmin || busy || !url.trim()}>
          Save team database
        </Button>
        {view.saved && (
          <Button color="inherit" onClick={() => setConfirming('local')} disabled={notAdmin || busy}>
            Use this computer’s database
          </Button>
        )}
      </Stack>
      <ConfirmActionDialog
        open={confirming !== null}
        title={confirming === 'local' ? "Use this computer's database" : 'Save the team database'}
        consequence={
          confirming === 'local'
            ? 'From its next start this console opens its local SQLite file again; the team database and its data stay as they are.'
            : 'The connection is tested first. From its next start this console opens the team database; the data on this computer is not copied (use mfa-console db copy for that).'
        }
        confirmLabel={confirming === 'local' ? 'Use this computer’s database' : 'Save team database'}
        onConfirm={save}
        onDone={() => setConfirming(null)}
        onCancel={() => setConfirming(null)}
      />
    </Paper>
  );
}

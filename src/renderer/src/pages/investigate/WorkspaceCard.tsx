import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { WorkspaceStatus } from '../../../../shared/contract';
import type { ApiError, Result } from '../../../../shared/result';
import { api } from '../../api';
import { useWorkspace } from '../../app/workspace';
import { When } from '../../components/When';

/** Which database is open, and the ways to create, open or leave a workspace. */
export function WorkspaceCard({ status }: { status: WorkspaceStatus }) {
  const { changed } = useWorkspace();
  const [path, setPath] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<Result<WorkspaceStatus>>) => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (result.ok) changed(result.value);
    else setError(result.error);
  };
  const typed = status.canChoose ? {} : { path: path.trim() };
  const open = status.open;

  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Workspace
        </Typography>
        {open ? (
          <Typography sx={{ mb: 2 }} data-testid="workspace-open">
            Open: <strong>{open.name}</strong> — {open.events.toLocaleString('en')} events from {open.sources} imported
            file{open.sources === 1 ? '' : 's'}. <br />
            <Typography component="span" variant="body2" color="text.secondary">
              {open.path}
            </Typography>
          </Typography>
        ) : (
          <Typography sx={{ mb: 2 }} color="text.secondary" data-testid="workspace-live">
            The console is on the live database. A workspace is a database file of its own for exported logs: create
            one, then import files into it. Nothing you import touches live accounts.
          </Typography>
        )}
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={1.5}
          sx={{ alignItems: { md: 'center' }, '& .MuiButton-root': { whiteSpace: 'nowrap', flexShrink: 0 } }}
        >
          {!status.canChoose && (
            <TextField
              label="Workspace file"
              placeholder="/home/me/investigations/q3-lockouts.sqlite"
              size="small"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              sx={{ minWidth: 240, flex: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'workspace-path' } }}
            />
          )}
          <Button
            variant="contained"
            disabled={busy || (!status.canChoose && !path.trim())}
            onClick={() => run(() => api.workspaceCreate(typed))}
          >
            New workspace
          </Button>
          <Button
            variant="outlined"
            disabled={busy || (!status.canChoose && !path.trim())}
            onClick={() => run(() => api.workspaceOpen(typed))}
          >
            Open workspace
          </Button>
          {open && (
            <Button
              variant="outlined"
              color="secondary"
              disabled={busy}
              onClick={() => run(() => api.workspaceClose({}))}
            >
              Switch back to live
            </Button>
          )}
        </Stack>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
        {status.recent.length > 0 && (
          <>
            <Typography variant="subtitle2" component="h3" sx={{ mt: 3 }}>
              Recent workspaces
            </Typography>
            <List dense aria-label="Recent workspaces">
              {status.recent.map((w) => (
                <ListItem
                  key={w.path}
                  disableGutters
                  secondaryAction={
                    <Button
                      size="small"
                      disabled={busy || !w.exists || w.path === open?.path}
                      onClick={() => run(() => api.workspaceOpen({ path: w.path }))}
                      aria-label={`Open ${w.name}`}
                    >
                      {w.exists ? 'Open' : 'Missing'}
                    </Button>
                  }
                >
                  <ListItemText
                    primary={w.name}
                    secondary={
                      <>
                        {w.path} · opened <When ms={w.openedAt} />
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </CardContent>
    </Card>
  );
}

import { useEffect } from 'react';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import StorageOutlined from '@mui/icons-material/StorageOutlined';
import SmsOutlined from '@mui/icons-material/SmsOutlined';
import { api } from '../api';
import { useApiQuery } from '../hooks/useApiQuery';
import { useRefreshSignal } from '../app/refresh';
import { useWorkspace } from '../app/workspace';
import { useLive } from '../app/live';
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import type { InfoValue } from '../../../shared/contract';

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A team database by its name and host (postgres://user:***@host:5432/name → name on host:5432). */
function databaseName(info: InfoValue): string {
  if (info.database.kind !== 'postgres') return fileName(info.dbPath);
  try {
    const url = new URL(info.dbPath);
    return `Team database ${decodeURIComponent(url.pathname.slice(1))} on ${url.host}`;
  } catch {
    return 'Team database';
  }
}

/** Live facts from the main process: database file, schema version, provider, counts. */
export function StatusBar() {
  const signal = useRefreshSignal();
  const info = useApiQuery(() => api.info({}), [signal]);
  const health = useApiQuery(() => api.providerHealth({}), [signal]);
  const { reload } = info;
  const reloadHealth = health.reload;
  useEffect(() => {
    const timer = window.setInterval(() => {
      reload();
      reloadHealth();
    }, 15_000);
    return () => window.clearInterval(timer);
  }, [reload, reloadHealth]);
  const h = health.data;
  const value = info.data;
  const workspace = useWorkspace().status?.open ?? null;
  const live = useLive();
  return (
    <Box
      role="status"
      aria-label="Status bar"
      sx={{
        display: 'flex',
        gap: 3,
        alignItems: 'center',
        px: 2,
        py: 0.5,
        borderTop: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        fontSize: 13,
        minHeight: 30,
      }}
    >
      {info.error && (
        <Typography color="error" variant="body2">
          Status unavailable: {info.error.message}
        </Typography>
      )}
      {value && (
        <>
          {workspace ? (
            <Tooltip title={`Workspace ${workspace.path}; the live database is ${value.dbPath}`}>
              <Box
                sx={{ display: 'flex', gap: 0.5, alignItems: 'center', fontWeight: 600 }}
                data-testid="status-workspace"
              >
                <FolderOpenOutlined fontSize="inherit" />
                <span>Workspace: {workspace.name}</span>
              </Box>
            </Tooltip>
          ) : (
            <Tooltip title={value.dbPath}>
              <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }} data-testid="status-db">
                <StorageOutlined fontSize="inherit" />
                <span>{databaseName(value)}</span>
              </Box>
            </Tooltip>
          )}
          {!live.connected && (
            <Typography variant="body2" component="span" color="error" sx={{ fontSize: 13 }} data-testid="status-live">
              Disconnected from the team database: reconnecting
            </Typography>
          )}
          <span data-testid="status-schema">Schema v{value.schemaVersion}</span>
          <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }} data-testid="status-provider">
            <SmsOutlined fontSize="inherit" />
            <span>Provider: {value.provider === 'twilio' ? 'Twilio' : 'Simulated'}</span>
          </Box>
          {h && h.calls > 0 && (
            <Tooltip
              title={h.lastError ? `Last error: ${h.lastError.message} (${h.lastError.code})` : 'No recent errors'}
            >
              <Typography
                variant="body2"
                component="span"
                sx={{ fontSize: 13 }}
                color={h.failures > 0 ? 'error' : 'text.primary'}
                data-testid="status-provider-health"
              >
                {h.failures}/{h.calls} provider calls failed in {Math.round(h.windowMs / 3_600_000)} h
                {h.lastError ? ` · last ${h.lastError.code}` : ''}
              </Typography>
            </Tooltip>
          )}
          <span data-testid="status-users">{plural(value.counts.users, 'user')}</span>
          <span data-testid="status-events">
            {workspace ? `${plural(workspace.events, 'imported event')}` : plural(value.counts.events, 'event')}
          </span>
          <Box sx={{ flex: 1 }} />
          <Typography variant="caption" color="text.secondary">
            {value.shell === 'web' ? 'Web shell' : 'Desktop'} · v{value.appVersion}
          </Typography>
        </>
      )}
    </Box>
  );
}

import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import type { AdminAction } from '../../../../shared/contract/users';
import type { Finding } from '../../../../shared/troubleshoot/findings';
import { TimedText } from '../../components/When';

/** The confirmation each recommended action opens on the user's page. */
const ACTION_LABEL: Record<AdminAction, string> = {
  lock: 'Lock the account…',
  unlock: 'Unlock…',
  'reset-cooldown': 'Reset the cooldown…',
  'disable-2fa': 'Disable 2FA…',
  'enable-2fa': 'Re-enable 2FA…',
  'set-phone': 'Change the phone number…',
  'revoke-devices': 'Revoke trusted devices…',
  deactivate: 'Deactivate…',
  reactivate: 'Reactivate…',
  'set-role': 'Change the role…',
  'reset-2fa': 'Reset 2FA…',
};

/** What the data shows, most blocking first, each with what to do and a way to do it. */
export function FindingsPanel({
  items,
  user,
  inWorkspace = false,
}: {
  items: Finding[];
  user: TroubleshootFacts['user'];
  /** In a workspace there is no live account: no user page, no action; the events are the imported ones. */
  inWorkspace?: boolean;
}) {
  const page = `/users/${encodeURIComponent(user.email)}`;
  const byPhone = !user.email.includes('@');
  const logLink = (types: string[]) =>
    `/errors?${byPhone ? 'q' : 'user'}=${encodeURIComponent(user.email)}${types.map((t) => `&type=${t}`).join('')}`;
  return (
    <Stack spacing={1.5} aria-label="What the data shows" component="section">
      <Typography variant="h6" component="h2">
        What the data shows
      </Typography>
      {items.map((f) => (
        <Alert key={f.id} severity={f.severity} data-testid={`finding-${f.id}`}>
          <AlertTitle>{f.title}</AlertTitle>
          <Typography variant="body2">
            <TimedText text={f.detail} />
          </Typography>
          <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>
            {f.action}
          </Typography>
          {f.id !== 'nothing-found' && (
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mt: 1 }}>
              {f.adminAction && !inWorkspace && (
                <Button
                  size="small"
                  variant="outlined"
                  color="inherit"
                  component={RouterLink}
                  to={`${page}?action=${f.adminAction}`}
                >
                  {ACTION_LABEL[f.adminAction]}
                </Button>
              )}
              {f.incidentId !== undefined && (
                <Button size="small" color="inherit" component={RouterLink} to={`/trends/incidents/${f.incidentId}`}>
                  Open the incident
                </Button>
              )}
              {!inWorkspace && (
                <Button size="small" color="inherit" component={RouterLink} to={page}>
                  Open {user.name}&apos;s page
                </Button>
              )}
              {f.logTypes && (
                <Button size="small" color="inherit" component={RouterLink} to={logLink(f.logTypes)}>
                  The events in the error log
                </Button>
              )}
            </Stack>
          )}
        </Alert>
      ))}
    </Stack>
  );
}

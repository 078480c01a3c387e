import { useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { UserSummary } from '../../../../shared/contract';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { useRefresh, useRefreshSignal } from '../../app/refresh';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When, ZoneNote } from '../../components/When';
import { ActionPanel } from './ActionPanel';
import { CallerCheckPanel } from './CallerCheckPanel';
import { DevicesAndCodes } from './DevicesAndCodes';
import { PhoneCard } from './PhoneCard';
import { RecentEvents } from './RecentEvents';
import { SimulatedPhone } from './SimulatedPhone';
import { StatusExplainer } from './StatusExplainer';
import { TemporaryAccessCard } from './TemporaryAccessCard';
import { STATE_CHIP, TWO_FACTOR_LABEL } from './labels';

interface UserViewProps {
  explorerAvailable: boolean;
  simulated: boolean;
  twilioConfigured: boolean;
}

/**
 * One user: why they can or cannot sign in, and everything the helpdesk can do about it.
 * Keyed by the user, so no panel keeps another user's state (a code sent, an error, a
 * revealed number) when the next user is opened or Back returns to an earlier one.
 */
export function UserView(props: UserViewProps) {
  const email = decodeURIComponent(useParams().email ?? '');
  return <OneUser key={email.toLowerCase()} email={email} {...props} />;
}

function twoFactorText(user: UserSummary) {
  if (user.twoFactor === 'disabled_until' && user.twoFactorDisabledUntil !== null) {
    return (
      <>
        Disabled until <When ms={user.twoFactorDisabledUntil} />
      </>
    );
  }
  return TWO_FACTOR_LABEL[user.twoFactor];
}

function OneUser({ email, explorerAvailable, simulated, twilioConfigured }: UserViewProps & { email: string }) {
  const { operator } = useOperator();
  const signal = useRefreshSignal();
  const refresh = useRefresh();
  const [params, setParams] = useSearchParams();
  const view = useApiQuery(() => api.getUser({ email }), [email, operator?.email, signal]);
  const [toast, setToast] = useState<string | null>(null);

  if (view.error) return <Alert severity="error">{view.error.message}</Alert>;
  // Only this user's answer: never draw one user's page from another's data.
  if (!view.data || view.data.user.email.toLowerCase() !== email.toLowerCase()) {
    return <CircularProgress aria-label="Loading user" />;
  }
  const v = view.data;
  const requested = params.get('action');
  const chip = STATE_CHIP[v.user.state];
  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 2 }}>
        <Breadcrumbs>
          <Link component={RouterLink} to="/users">
            Users
          </Link>
          <Typography>{v.user.name}</Typography>
        </Breadcrumbs>
        <ZoneNote />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {v.user.name}
        </Typography>
        <Chip label={chip.label} color={chip.colour} />
        <Typography color="text.secondary" data-testid="user-header">
          {v.user.email} · <span style={{ textTransform: 'capitalize' }}>{v.user.role}</span> · {v.user.status} · 2FA:{' '}
          {twoFactorText(v.user)}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Button
          component={RouterLink}
          to={`/troubleshoot?email=${encodeURIComponent(v.user.email)}`}
          variant="outlined"
        >
          Troubleshoot
        </Button>
      </Stack>
      {/* minmax(0, …): the columns keep their share whatever a panel holds, so they do not jump as the state changes. */}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 7fr) minmax(0, 5fr)' },
          gap: 2,
          alignItems: 'start',
        }}
        data-testid="user-columns"
      >
        <Stack spacing={2}>
          <StatusExplainer status={v.status} />
          <ActionPanel
            view={v}
            requested={requested}
            onRequestHandled={() => {
              const next = new URLSearchParams(params);
              next.delete('action');
              setParams(next, { replace: true });
            }}
            onDone={(label, filed) => {
              setToast(filed ?? `${label}: done and recorded in the audit log.`);
              refresh();
            }}
          />
          <RecentEvents
            view={v}
            logLink={explorerAvailable ? `/errors?user=${encodeURIComponent(v.user.email)}&all=1` : null}
          />
        </Stack>
        <Stack spacing={2}>
          <CallerCheckPanel view={v} onChanged={refresh} />
          <PhoneCard view={v} onChanged={refresh} canLookUp={twilioConfigured} />
          <TemporaryAccessCard view={v} onChanged={refresh} />
          <DevicesAndCodes view={v} />
          {simulated && <SimulatedPhone view={v} signal={signal} />}
        </Stack>
      </Box>
      <Snackbar open={Boolean(toast)} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </Stack>
  );
}

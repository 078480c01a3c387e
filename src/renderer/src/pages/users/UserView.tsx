import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
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
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { useRefresh, useRefreshSignal } from '../../app/refresh';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionPanel } from './ActionPanel';
import { CallerCheckPanel } from './CallerCheckPanel';
import { DevicesAndCodes } from './DevicesAndCodes';
import { PhoneCard } from './PhoneCard';
import { RecentEvents } from './RecentEvents';
import { SimulatedPhone } from './SimulatedPhone';
import { StatusExplainer } from './StatusExplainer';
import { STATE_CHIP, TWO_FACTOR_LABEL } from './labels';

/** One user: why they can or cannot sign in, and everything the helpdesk can do about it. */
export function UserView(props: { explorerAvailable: boolean; simulated: boolean; twilioConfigured: boolean }) {
  const { explorerAvailable, simulated, twilioConfigured } = props;
  const email = decodeURIComponent(useParams().email ?? '');
  const { operator } = useOperator();
  const signal = useRefreshSignal();
  const refresh = useRefresh();
  const view = useApiQuery(() => api.getUser({ email, operator: operator?.email }), [email, operator?.email, signal]);
  const [toast, setToast] = useState<string | null>(null);

  if (view.error) return <Alert severity="error">{view.error.message}</Alert>;
  if (!view.data) return <CircularProgress aria-label="Loading user" />;
  const v = view.data;
  const chip = STATE_CHIP[v.user.state];
  return (
    <Stack spacing={2}>
      <Breadcrumbs>
        <Link component={RouterLink} to="/users">
          Users
        </Link>
        <Typography>{v.user.name}</Typography>
      </Breadcrumbs>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {v.user.name}
        </Typography>
        <Chip label={chip.label} color={chip.colour} />
        <Typography color="text.secondary">
          {v.user.email} · <span style={{ textTransform: 'capitalize' }}>{v.user.role}</span> · {v.user.status} · 2FA:{' '}
          {TWO_FACTOR_LABEL[v.user.twoFactor]}
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
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '7fr 5fr' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2}>
          <StatusExplainer status={v.status} />
          <ActionPanel
            view={v}
            onDone={(label) => {
              setToast(`${label}: done and recorded in the audit log.`);
              refresh();
            }}
          />
          <RecentEvents
            view={v}
            logLink={explorerAvailable ? `/errors?user=${encodeURIComponent(v.user.email)}` : null}
          />
        </Stack>
        <Stack spacing={2}>
          <CallerCheckPanel view={v} onChanged={refresh} />
          <PhoneCard view={v} onChanged={refresh} canLookUp={twilioConfigured} />
          <DevicesAndCodes view={v} />
          {simulated && <SimulatedPhone view={v} onChanged={refresh} signal={signal} />}
        </Stack>
      </Box>
      <Snackbar open={Boolean(toast)} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </Stack>
  );
}

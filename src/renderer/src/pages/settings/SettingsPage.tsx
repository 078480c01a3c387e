import { useState } from 'react';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api } from '../../api';
import { ZoneNote } from '../../components/When';
import { useRefresh, useRefreshSignal } from '../../app/refresh';
import { useApiQuery } from '../../hooks/useApiQuery';
import { FirmPolicySection } from './FirmPolicySection';
import { IncidentSettingsSection } from './IncidentSettingsSection';
import { PolicySection } from './PolicySection';
import { ProviderSection } from './ProviderSection';
import { SimulatedFailureSection } from './SimulatedFailureSection';
import { TeamDatabaseSection } from './TeamDatabaseSection';

/** Admins' settings: the MFA policy, firm-wide 2FA, the SMS provider, incident detection, the team database. Every change is audited. */
export function SettingsPage() {
  const signal = useRefreshSignal();
  const refresh = useRefresh();
  const policy = useApiQuery(() => api.getPolicy({}), [signal]);
  const provider = useApiQuery(() => api.providerSettingsGet({}), [signal]);
  const database = useApiQuery(() => api.teamDatabaseGet({}), [signal]);
  const [toast, setToast] = useState<string | null>(null);
  const saved = (message: string) => {
    setToast(message);
    refresh();
  };

  const error = policy.error ?? provider.error ?? database.error;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!policy.data || !provider.data || !database.data) return <CircularProgress aria-label="Loading settings" />;
  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }}>
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Settings
        </Typography>
        <ZoneNote />
      </Stack>
      <FirmPolicySection firm={policy.data.firm} onSaved={saved} />
      <PolicySection key={JSON.stringify(policy.data.values)} policy={policy.data} onSaved={saved} />
      <ProviderSection settings={provider.data} onSaved={saved} signal={signal} />
      {provider.data.provider === 'simulated' && <SimulatedFailureSection policy={policy.data} onSaved={saved} />}
      <IncidentSettingsSection signal={signal} onSaved={saved} />
      <TeamDatabaseSection key={database.data.saved ?? ''} view={database.data} onSaved={saved} />
      <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />
    </Stack>
  );
}

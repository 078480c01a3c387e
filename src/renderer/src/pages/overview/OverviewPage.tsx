import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useRefresh, useRefreshSignal } from '../../app/refresh';
import type { ApiError } from '../../../../shared/result';
import { AttentionCard } from './AttentionCard';

function Figure({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <Card sx={{ minWidth: 180 }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p" data-testid={testId}>
          {typeof value === 'number' ? value.toLocaleString('en') : value}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** First screen: what the console holds, and demo data for an empty one. */
export function OverviewPage() {
  const signal = useRefreshSignal();
  const refresh = useRefresh();
  const info = useApiQuery(() => api.info({}), [signal]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const loadDemo = async () => {
    setLoading(true);
    setLoadError(null);
    const result = await api.loadDemoData({});
    setLoading(false);
    if (result.ok) refresh();
    else setLoadError(result.error);
  };

  if (info.error) return <Alert severity="error">Could not read the console's state: {info.error.message}</Alert>;
  if (!info.data) return <CircularProgress aria-label="Loading" />;
  const { counts } = info.data;
  // Empty: no one but the console's own operators (demo data goes only into such a console).
  const empty = counts.staff === 0;

  return (
    <Stack spacing={3} sx={{ maxWidth: 960 }}>
      <Typography variant="h5" component="h1">
        Overview
      </Typography>
      {empty && (
        <Card>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              This console is empty
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              There are no users and no MFA events in {info.data.dbPath} yet. Load the demo organisation to explore the
              console: staff with phone numbers in many countries, failed sign-ins, cooldowns, account locks, provider
              incidents and carrier filtering.
            </Typography>
            <Button
              variant="contained"
              onClick={loadDemo}
              disabled={loading}
              startIcon={loading ? <CircularProgress size={16} /> : undefined}
            >
              Load demo data
            </Button>
            {loadError && (
              <Alert severity="error" sx={{ mt: 2 }}>
                Demo data could not be loaded: {loadError.message}
              </Alert>
            )}
          </CardContent>
        </Card>
      )}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <Figure label="Users" value={counts.users} testId="overview-users" />
        <Figure label="Events" value={counts.events} testId="overview-events" />
        <Figure
          label="SMS provider"
          value={info.data.provider === 'twilio' ? 'Twilio' : 'Simulated'}
          testId="overview-provider"
        />
      </Box>
      {!empty && (
        <>
          <Typography variant="h6" component="h2">
            Users who need the helpdesk
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <AttentionCard filter="locked" label="Locked" hint="Only an unlock lets them in" signal={signal} />
            <AttentionCard filter="cooldown" label="In cooldown" hint="Clears by itself after 1 hour" signal={signal} />
            <AttentionCard
              filter="not-my-number"
              label="Not my number"
              hint="Said the number shown is not theirs"
              signal={signal}
            />
            <AttentionCard
              filter="2fa-disabled"
              label="2FA disabled"
              hint="Temporarily or permanently, on purpose: not an error"
              signal={signal}
              urgent={false}
            />
          </Box>
        </>
      )}
      <Typography variant="body2" color="text.secondary">
        Data directory: {info.data.dataDir}
      </Typography>
    </Stack>
  );
}

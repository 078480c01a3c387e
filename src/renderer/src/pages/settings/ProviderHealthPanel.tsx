import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';

/** The provider's recent failure rate and last error, so a provider incident is visible at once. */
export function ProviderHealthPanel({ signal }: { signal: number }) {
  const health = useApiQuery(() => api.providerHealth({}), [signal]);
  const h = health.data;
  if (!h) return null;
  const hours = Math.round(h.windowMs / 3600_000);
  return (
    <Box data-testid="provider-health">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Provider health
      </Typography>
      <Typography variant="body2">
        {h.calls === 0
          ? `No provider calls in the last ${hours} hour(s).`
          : `${h.failures} of ${h.calls} call(s) failed in the last ${hours} hour(s) (${((h.failureRate ?? 0) * 100).toFixed(1)}%).`}
      </Typography>
      {h.lastError && (
        <Typography variant="body2" color="error">
          Last error <When ms={h.lastError.at} />: {h.lastError.title ? `${h.lastError.title}, ` : ''}
          {h.lastError.message} (code {h.lastError.code}, {h.lastError.operation})
        </Typography>
      )}
      {h.lastSuccessAt && (
        <Typography variant="body2" color="text.secondary">
          Last success <When ms={h.lastSuccessAt} />
        </Typography>
      )}
      {h.sync.map((s) => (
        <Typography key={s.source} variant="caption" color="text.secondary" component="p">
          {s.source === 'message' ? 'Messages' : 'Verify attempts'} synced up to <When ms={s.syncedUntil} />
          {s.lastError ? `; last sync failed: ${s.lastError}` : ''}
        </Typography>
      ))}
    </Box>
  );
}

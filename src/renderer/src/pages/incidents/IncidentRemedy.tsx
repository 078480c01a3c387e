import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { IncidentUser } from '../../../../shared/contract';
import { useOperator } from '../../app/operator';
import { BulkDialog, type BulkRequest } from '../users/BulkDialog';

/**
 * From an incident's page: a bulk cooldown reset or unlock of exactly its affected users whose lock
 * or cooldown followed its failed deliveries, through the directory's bulk action (preview, one
 * reason, one audited event per user).
 */
export function IncidentRemedy({
  incidentId,
  users,
  onDone,
}: {
  incidentId: number;
  users: IncidentUser[];
  onDone: () => void;
}) {
  const [request, setRequest] = useState<BulkRequest | null>(null);
  const signedIn = Boolean(useOperator().operator);
  const cooling = users.filter((u) => u.coolingDownNow && !u.lockedNow).length;
  const locked = users.filter((u) => u.lockedNow).length;
  return (
    <Stack
      direction="row"
      sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}
      role="group"
      aria-label="Remedy"
    >
      <Typography variant="body2" color="text.secondary">
        {cooling} in cooldown, {locked} locked now:
      </Typography>
      <Button
        size="small"
        variant="outlined"
        disabled={!signedIn || cooling === 0}
        onClick={() => setRequest({ action: 'reset-cooldown', incidentId })}
      >
        Reset their cooldowns…
      </Button>
      <Button
        size="small"
        variant="outlined"
        disabled={!signedIn || locked === 0}
        onClick={() => setRequest({ action: 'unlock', incidentId })}
      >
        Unlock them…
      </Button>
      {request && (
        <BulkDialog
          request={request}
          onClose={(changed) => {
            setRequest(null);
            if (changed) onDone();
          }}
        />
      )}
    </Stack>
  );
}

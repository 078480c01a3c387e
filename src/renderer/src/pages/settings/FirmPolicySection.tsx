import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import type { FirmPolicyView } from '../../../../shared/contract';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { When } from '../../components/When';

/** Firm-wide 2FA: on only with two active administrators, so one can always help the other. */
export function FirmPolicySection({ firm, onSaved }: { firm: FirmPolicyView; onSaved: (message: string) => void }) {
  const { operator } = useOperator();
  const [confirming, setConfirming] = useState(false);
  const target = !firm.enabled;
  const blocked = target ? firm.enableBlockedReason : null;
  const notAdmin = operator?.role !== 'administrator';

  const filed = useRef<number | null>(null);
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Firm-wide 2FA">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h6" component="h2">
          Firm-wide two-factor authentication
        </Typography>
        <Switch
          checked={firm.enabled}
          onChange={() => setConfirming(true)}
          disabled={Boolean(blocked) || notAdmin}
          slotProps={{ input: { 'aria-label': 'Firm-wide 2FA' } }}
        />
      </Stack>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {firm.enabled ? 'On' : 'Off'}
        {firm.changedAt && (
          <>
            {' '}
            since <When ms={firm.changedAt} />
            {firm.changedBy ? ` (${firm.changedBy})` : ''}
          </>
        )}
        . Active administrators: {firm.activeAdministrators}.
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Keep at least two administrators before enabling 2FA: only administrators can disable 2FA for a user, so a
        second one can always help the first. Disabling it firm-wide leaves each user&apos;s own 2FA setting as it is.
      </Typography>
      {blocked && (
        <Alert severity="warning" sx={{ mt: 1.5 }}>
          {blocked}
        </Alert>
      )}
      {notAdmin && (
        <Alert severity="info" sx={{ mt: 1.5 }}>
          Only administrators may change the firm-wide setting; you are signed in as {operator?.name} ({operator?.role}
          ).
        </Alert>
      )}
      <ConfirmActionDialog
        open={confirming}
        title={target ? 'Enable 2FA for the whole firm' : 'Disable firm-wide 2FA'}
        consequence={
          target
            ? 'Every user with a phone number will be asked for a code at sign-in; users without one must enrol at their next sign-in.'
            : 'Users who already use 2FA keep it: their own setting does not change. Users without a phone number are no longer asked to enrol at sign-in. This is filed as a request: another administrator approves it on the Approvals page within 24 hours.'
        }
        confirmLabel={target ? 'Enable firm-wide' : 'Disable firm-wide'}
        danger={!target}
        onConfirm={async (reason) => {
          const result = await api.setFirmTwoFactor({ enabled: target, reason });
          filed.current = result.ok && result.value.request ? result.value.request.id : null;
          return result;
        }}
        onDone={() => {
          setConfirming(false);
          onSaved(
            filed.current !== null
              ? `Request #${filed.current} filed: another administrator approves turning firm-wide 2FA off.`
              : `Firm-wide 2FA ${target ? 'enabled' : 'disabled'}.`,
          );
        }}
        onCancel={() => setConfirming(false)}
      />
    </Paper>
  );
}

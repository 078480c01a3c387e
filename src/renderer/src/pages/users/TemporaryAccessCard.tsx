import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { UserView } from '../../../../shared/contract';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { When } from '../../components/When';

const LIFETIMES = [
  { minutes: 10, label: '10 minutes' },
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: '1 hour (default)' },
  { minutes: 120, label: '2 hours' },
  { minutes: 240, label: '4 hours' },
  { minutes: 480, label: '8 hours' },
];

/**
 * A temporary access code (as Entra's Temporary Access Pass): the user signs in with it instead of
 * an SMS code. Shown once here, then only that one is open; not during the 24 hours after a number change.
 */
export function TemporaryAccessCard({ view, onChanged }: { view: UserView; onChanged: () => void }) {
  const { operator } = useOperator();
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [minutes, setMinutes] = useState(60);
  const [multiUse, setMultiUse] = useState(false);
  const [shown, setShown] = useState<{ code: string; expiresAt: number; singleUse: boolean } | null>(null);
  const access = view.temporaryAccess;
  // Only the signed-in operator's own passed check counts; an administrator may say how instead.
  const check = view.callerCheck?.result === 'passed' && view.callerCheck.mine ? view.callerCheck : null;
  const [how, setHow] = useState('');
  const isAdministrator = operator?.role === 'administrator';
  const email = view.user.email;

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Temporary access">
      <Typography variant="h6" component="h2" gutterBottom>
        Temporary access
      </Typography>
      {shown && (
        <Alert severity="success" sx={{ mb: 1 }} onClose={() => setShown(null)} data-testid="temporary-access-code">
          Read this code to the caller now; it is not shown again:{' '}
          <Typography component="span" sx={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 600 }}>
            {shown.code}
          </Typography>
          <br />
          Works until <When ms={shown.expiresAt} />,{' '}
          {shown.singleUse ? 'for one sign-in' : 'for any number of sign-ins'}.
        </Alert>
      )}
      {access.active ? (
        <Typography variant="body2" data-testid="temporary-access-state">
          A code issued by {access.active.issuedBy} <When ms={access.active.issuedAt} /> works until{' '}
          <When ms={access.active.expiresAt} /> ({access.active.singleUse ? 'single use' : 'multi-use'}, used{' '}
          {access.active.uses} time{access.active.uses === 1 ? '' : 's'}).
        </Typography>
      ) : (
        <Typography variant="body2" color="text.secondary" data-testid="temporary-access-state">
          No code open. A code lets the user sign in once instead of an SMS code (their phone is lost, or SMS does not
          arrive).
        </Typography>
      )}
      {access.coolOffUntil && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          The number changed recently: temporary access cannot be issued until <When ms={access.coolOffUntil} />.
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button
          variant="outlined"
          onClick={() => setIssuing(true)}
          disabled={!operator || Boolean(access.coolOffUntil) || view.user.status !== 'active'}
        >
          Issue temporary access…
        </Button>
        {access.active && (
          <Button color="error" onClick={() => setRevoking(true)} disabled={!operator}>
            Revoke
          </Button>
        )}
      </Stack>
      <ConfirmActionDialog
        open={issuing}
        title={`Temporary access for ${view.user.name}`}
        confirmLabel="Issue code"
        consequence={
          <>
            A code {view.user.name} types instead of an SMS code, shown to you once.
            {access.active ? ' The code already open stops working.' : ''}
            <Typography variant="body2" sx={{ mt: 1 }} color={check ? 'success.main' : 'warning.main'}>
              {check ? (
                <>
                  Cites the caller verification passed at <When ms={check.verifiedAt} />.
                </>
              ) : isAdministrator ? (
                'You have not verified this caller: verify the caller first, or say below how they were verified another way (flagged in the audit).'
              ) : (
                'Verify the caller first: a temporary access code is issued only to a caller you verified.'
              )}
            </Typography>
          </>
        }
        onConfirm={async (reason) => {
          const result = await api.issueTemporaryAccess({
            email,
            reason,
            minutes,
            multiUse,
            callerCheckId: check?.id,
            verifiedAnotherWay: !check && how.trim() ? how.trim() : undefined,
          });
          if (result.ok) setShown(result.value.temporaryAccess);
          return result;
        }}
        ready={Boolean(check) || (isAdministrator && how.trim().length >= 10)}
        onDone={() => {
          setIssuing(false);
          setHow('');
          onChanged();
        }}
        onCancel={() => setIssuing(false)}
      >
        {!check && isAdministrator && (
          <TextField
            label="Verified another way: how"
            value={how}
            onChange={(e) => setHow(e.target.value)}
            fullWidth
            margin="dense"
            helperText="For example: manager callback on the number in HR records."
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        )}
        <TextField
          select
          label="Works for"
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
          fullWidth
          margin="dense"
        >
          {LIFETIMES.map((l) => (
            <MenuItem key={l.minutes} value={l.minutes}>
              {l.label}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={<Checkbox checked={multiUse} onChange={(e) => setMultiUse(e.target.checked)} />}
          label="Several sign-ins until it expires (otherwise one)"
        />
      </ConfirmActionDialog>
      <ConfirmActionDialog
        open={revoking}
        title="Revoke temporary access"
        confirmLabel="Revoke"
        danger
        consequence={`The open code stops working at once; ${view.user.name} needs an SMS code (or a new temporary code).`}
        onConfirm={(reason) => api.revokeTemporaryAccess({ email, reason })}
        onDone={() => {
          setRevoking(false);
          onChanged();
        }}
        onCancel={() => setRevoking(false)}
      />
    </Paper>
  );
}

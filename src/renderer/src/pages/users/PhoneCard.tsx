import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Link from '@mui/material/Link';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { UserView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { When } from '../../components/When';

/** The phone, masked by default; revealing the full number is audited. */
export function PhoneCard({
  view,
  onChanged,
  canLookUp,
}: {
  view: UserView;
  onChanged: () => void;
  canLookUp: boolean;
}) {
  const { operator } = useOperator();
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const phone = view.phone;

  const [lookingUp, setLookingUp] = useState(false);
  const lookUp = async () => {
    if (!operator) return;
    setLookingUp(true);
    const result = await api.phoneLookup({ email: view.user.email });
    setLookingUp(false);
    setError(result.ok ? null : result.error);
    if (result.ok) onChanged();
  };

  const [revealing, setRevealing] = useState(false);
  const reveal = async (reason: string) => {
    const result = await api.revealPhone({ email: view.user.email, reason });
    if (result.ok) {
      setFull(result.value.e164);
      onChanged();
    }
    return result;
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Phone">
      <Typography variant="h6" component="h2" gutterBottom>
        Phone
      </Typography>
      {!phone && <Typography color="text.secondary">No phone number registered.</Typography>}
      {phone && (
        <Stack spacing={0.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography sx={{ fontFamily: 'monospace', fontSize: 18 }} data-testid="phone-number">
              {full ?? phone.masked}
            </Typography>
            {!full && (
              <Button size="small" onClick={() => setRevealing(true)} disabled={!operator}>
                Show full number
              </Button>
            )}
          </Stack>
          {full && (
            <Typography variant="caption" color="text.secondary">
              Shown to {operator?.email}; this view is recorded in the audit log.
            </Typography>
          )}
          <Typography variant="body2">
            Type: {phone.typeLabel ?? 'unknown'} · Country: {phone.country ?? '—'} · Carrier:{' '}
            {phone.carrier ?? 'unknown'}
          </Typography>
          {canLookUp && (
            <Button
              size="small"
              variant="outlined"
              onClick={lookUp}
              disabled={!operator || lookingUp}
              sx={{ alignSelf: 'flex-start', mt: 0.5 }}
            >
              {lookingUp ? 'Looking up…' : 'Look up line type and carrier (Twilio)'}
            </Button>
          )}
          {phone.lookedUpAt && (
            <Typography variant="caption" color="text.secondary">
              Line type looked up <When ms={phone.lookedUpAt} />
            </Typography>
          )}
          {phone.warning && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {phone.warning}
            </Alert>
          )}
        </Stack>
      )}
      <NumberHistory view={view} />
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error.message}
        </Alert>
      )}
      <ConfirmActionDialog
        open={revealing}
        title={`Show ${view.user.name}'s full number`}
        consequence="The full number is shown to you and the view is recorded in the audit log with your name and reason."
        confirmLabel="Show full number"
        onConfirm={reveal}
        onDone={() => setRevealing(false)}
        onCancel={() => setRevealing(false)}
      />
    </Paper>
  );
}

/** For "It's not my phone number": who else has this number, and when and by whom it last changed. */
function NumberHistory({ view }: { view: UserView }) {
  const history = view.numberHistory;
  return (
    <Stack spacing={0.5} sx={{ mt: 1.5 }} data-testid="number-history">
      <Typography variant="subtitle2" component="h3">
        Number history
      </Typography>
      <Typography variant="body2">
        {history.changedAt ? (
          <>
            Last changed <When ms={history.changedAt} /> by {history.changedBy ?? 'unknown'}.
          </>
        ) : (
          'No change recorded since the console started keeping them.'
        )}
      </Typography>
      {view.phone && (
        <Typography variant="body2" component="div">
          {history.sharedWith.length === 0 ? (
            'No other account has this number.'
          ) : (
            <>
              Also the number of:{' '}
              {history.sharedWith.map((u, i) => (
                <span key={u.email}>
                  {i > 0 && ', '}
                  <Link component={RouterLink} to={`/users/${encodeURIComponent(u.email)}`}>
                    {u.name}
                  </Link>{' '}
                  ({u.email}
                  {u.status === 'deactivated' ? ', deactivated' : ''})
                </span>
              ))}
            </>
          )}
        </Typography>
      )}
    </Stack>
  );
}

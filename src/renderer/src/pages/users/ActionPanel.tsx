import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  ROLES,
  type ActionPreview,
  type AdminAction,
  type PhoneChangeStartedValue,
  type Role,
  type UserView,
} from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { emptyPhone, PhoneField } from './PhoneField';
import { PhoneReadBackDialog } from './PhoneReadBackDialog';
import { zonedText } from '../../../../shared/time-text';
import { operatorTimeZone } from '../../app/time-zone';
import { TimedText } from '../../components/When';
import { When } from '../../components/When';

interface Extras {
  until: string;
  permanent: boolean;
  phone: ReturnType<typeof emptyPhone>;
  role: Role;
}

/** This time tomorrow on the operator's clock, as a datetime-local field holds it (2026-11-23T10:14). */
const tomorrow = () => zonedText(Date.now() + 24 * 3600 * 1000, operatorTimeZone()).replace(' ', 'T');

/**
 * The admin actions the engine offers for this user, each behind a confirmation that names the
 * consequence. `requested` (from a Troubleshooting finding's link) opens that action's confirmation.
 */
export function ActionPanel({
  view,
  onDone,
  requested,
  onRequestHandled,
}: {
  view: UserView;
  onDone: (summary: string) => void;
  requested?: string | null;
  onRequestHandled?: () => void;
}) {
  const { operator } = useOperator();
  const [open, setOpen] = useState<ActionPreview | null>(null);
  const [requestRefused, setRequestRefused] = useState<string | null>(null);
  // A number change waiting for the caller to read back the code the new number got.
  const [readBack, setReadBack] = useState<{ reason: string; started: PhoneChangeStartedValue } | null>(null);
  const [extras, setExtras] = useState<Extras>({
    until: tomorrow(),
    permanent: false,
    phone: emptyPhone(),
    role: view.user.role,
  });
  const email = view.user.email;
  const check = view.callerCheck?.result === 'passed' ? view.callerCheck : null;

  const run = async (action: AdminAction, reason: string): Promise<Result<{ summary: string }>> => {
    if (!operator) return { ok: false, error: { code: 'NO_OPERATOR', message: 'Choose who you are acting as first.' } };
    const base = { email, reason, callerCheckId: check?.id };
    switch (action) {
      case 'lock':
        return api.lockUser(base);
      case 'unlock':
        return api.unlockUser(base);
      case 'reset-cooldown':
        return api.resetCooldown(base);
      case 'enable-2fa':
        return api.enableTwoFactor(base);
      case 'disable-2fa':
        return api.disableTwoFactor({
          ...base,
          until: extras.permanent ? undefined : new Date(extras.until).getTime(),
        });
      case 'set-phone': {
        const started = await api.changePhone({
          ...base,
          phone: extras.phone.phone,
          country: extras.phone.country || undefined,
        });
        if (started.ok) setReadBack({ reason, started: started.value });
        return started;
      }
      case 'reset-2fa':
        return api.resetTwoFactor(base);
      case 'revoke-devices':
        return api.revokeDevices(base);
      case 'deactivate':
        return api.deactivateUser(base);
      case 'reactivate':
        return api.reactivateUser(base);
      case 'set-role':
        return api.setRole({ ...base, role: extras.role });
    }
  };

  // A finding's "Unlock…" link: open that confirmation once the operator is known; say why if it cannot be.
  useEffect(() => {
    if (!requested || !operator) return;
    const preview = view.status.actions.find((a) => a.action === requested);
    if (preview?.available) {
      setExtras({ until: tomorrow(), permanent: false, phone: emptyPhone(), role: view.user.role });
      setOpen(preview);
      setRequestRefused(null);
    } else {
      setRequestRefused(
        preview ? `${preview.label} is not available: ${preview.unavailableReason}` : `No action "${requested}".`,
      );
    }
    onRequestHandled?.();
  }, [requested, operator, view, onRequestHandled]);

  const ready =
    open?.action === 'set-phone'
      ? Boolean(extras.phone.check)
      : open?.action === 'disable-2fa'
        ? extras.permanent || new Date(extras.until).getTime() > Date.now()
        : open?.action === 'set-role'
          ? extras.role !== view.user.role
          : true;

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Actions">
      <Typography variant="h6" component="h2" gutterBottom>
        Actions
      </Typography>
      {requestRefused && (
        <Alert severity="info" sx={{ mb: 1 }} onClose={() => setRequestRefused(null)}>
          {requestRefused}
        </Alert>
      )}
      {!operator && (
        <Typography variant="body2" color="error" sx={{ mb: 1 }}>
          Choose who you are acting as (top right) to take actions.
        </Typography>
      )}
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
        {view.status.actions.map((a) => (
          <Tooltip key={a.action} title={a.available ? a.consequence : (a.unavailableReason ?? '')}>
            <span>
              <Button
                variant="outlined"
                color={a.danger ? 'error' : 'primary'}
                disabled={!a.available || !operator}
                onClick={() => {
                  setExtras({ until: tomorrow(), permanent: false, phone: emptyPhone(), role: view.user.role });
                  setOpen(a);
                }}
              >
                {a.label}
              </Button>
            </span>
          </Tooltip>
        ))}
      </Stack>
      {view.status.actions
        .filter((a) => !a.available && a.unavailableReason)
        .map((a) => (
          <Typography key={a.action} variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
            {a.label}: {a.unavailableReason}
          </Typography>
        ))}
      {open && (
        <ConfirmActionDialog
          open
          title={open.label}
          confirmLabel={open.confirmLabel}
          danger={open.danger}
          ready={ready}
          consequence={
            <>
              <TimedText text={open.consequence} />
              {open.suggestsCallerCheck && (
                <Typography variant="body2" sx={{ mt: 1 }} color={check ? 'success.main' : 'warning.main'}>
                  {check ? (
                    <>
                      Cites the caller verification passed at <When ms={check.verifiedAt} />.
                    </>
                  ) : (
                    'The caller has not been verified: consider "Verify the caller" first.'
                  )}
                </Typography>
              )}
            </>
          }
          onConfirm={(reason) => run(open.action, reason)}
          onDone={() => {
            setOpen(null);
            // A number change is not done until the code is read back (PhoneReadBackDialog).
            if (open.action !== 'set-phone') onDone(open.label);
          }}
          onCancel={() => setOpen(null)}
        >
          {open.action === 'disable-2fa' && (
            <RadioGroup
              value={extras.permanent ? 'permanent' : 'until'}
              onChange={(e) => setExtras((x) => ({ ...x, permanent: e.target.value === 'permanent' }))}
            >
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <FormControlLabel value="until" control={<Radio />} label="Temporarily, until" />
                <TextField
                  type="datetime-local"
                  size="small"
                  value={extras.until}
                  disabled={extras.permanent}
                  onChange={(e) => setExtras((x) => ({ ...x, until: e.target.value }))}
                  slotProps={{ htmlInput: { 'aria-label': 'Disable 2FA until' } }}
                />
                <Typography variant="caption" color="text.secondary">
                  {operatorTimeZone()}
                </Typography>
              </Stack>
              <FormControlLabel value="permanent" control={<Radio />} label="Permanently (until re-enabled)" />
            </RadioGroup>
          )}
          {open.action === 'set-phone' && (
            <PhoneField value={extras.phone} onChange={(phone) => setExtras((x) => ({ ...x, phone }))} />
          )}
          {open.action === 'set-role' && (
            <TextField
              select
              label="New role"
              value={extras.role}
              onChange={(e) => setExtras((x) => ({ ...x, role: e.target.value as Role }))}
              fullWidth
              margin="dense"
            >
              {ROLES.map((r) => (
                <MenuItem key={r} value={r} sx={{ textTransform: 'capitalize' }}>
                  {r}
                </MenuItem>
              ))}
            </TextField>
          )}
        </ConfirmActionDialog>
      )}
      {readBack && (
        <PhoneReadBackDialog
          email={email}
          reason={readBack.reason}
          callerCheckId={check?.id}
          started={readBack.started}
          onDone={() => {
            setReadBack(null);
            onDone('Change phone number');
          }}
          onCancel={() => setReadBack(null)}
        />
      )}
    </Paper>
  );
}

import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
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
  type AdminActionValue,
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
import { CallerBasis } from './CallerBasis';

interface Extras {
  until: string;
  permanent: boolean;
  phone: ReturnType<typeof emptyPhone>;
  role: Role;
  /** An administrator proceeding without a caller check: how the caller was verified. */
  anotherWay: boolean;
  how: string;
  confirmFewerAdmins: boolean;
}

const freshExtras = (role: Role): Extras => ({
  until: tomorrow(),
  permanent: false,
  phone: emptyPhone(),
  role,
  anotherWay: false,
  how: '',
  confirmFewerAdmins: false,
});

/** What the engine accepts as "how": a few words (for example "manager callback on the number in HR records"). */
const saysHow = (how: string) => how.trim().length >= 10 && how.trim().split(/\s+/).length >= 3;

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
  /** The action's label, and for a two-person action the request it filed instead. */
  onDone: (label: string, filed?: string) => void;
  requested?: string | null;
  onRequestHandled?: () => void;
}) {
  const { operator } = useOperator();
  const [open, setOpen] = useState<ActionPreview | null>(null);
  const [requestRefused, setRequestRefused] = useState<string | null>(null);
  const [extras, setExtras] = useState<Extras>(freshExtras(view.user.role));
  // What a two-person action filed instead of acting (read when the dialog closes).
  const filed = useRef<string | null>(null);
  // A number change waiting for the caller to read back the code the new number got.
  const [readBack, setReadBack] = useState<{
    reason: string;
    started: PhoneChangeStartedValue;
    basis: { callerCheckId?: string; verifiedAnotherWay?: string };
  } | null>(null);
  const email = view.user.email;
  // Only the signed-in operator's own passed check counts for their actions.
  const check = view.callerCheck?.result === 'passed' && view.callerCheck.mine ? view.callerCheck : null;
  const isAdministrator = operator?.role === 'administrator';
  const fewerAdminsAtStake = view.firmTwoFactor && view.user.role === 'administrator' && view.user.status === 'active';

  const run = async (action: AdminAction, reason: string): Promise<Result<{ summary: string }>> => {
    const result = await send(action, reason);
    filed.current = result.ok && result.value.outcome === 'approval_requested' ? result.value.summary : null;
    return result;
  };

  const send = async (action: AdminAction, reason: string): Promise<Result<AdminActionValue>> => {
    if (!operator) return { ok: false, error: { code: 'NO_OPERATOR', message: 'Sign in first.' } };
    const base = {
      email,
      reason,
      callerCheckId: check && !extras.anotherWay ? check.id : undefined,
      verifiedAnotherWay: extras.anotherWay ? extras.how.trim() : undefined,
      confirmFewerAdmins: extras.confirmFewerAdmins || undefined,
    };
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
        if (started.ok) {
          // Step two rests on what step one did: the operator's check, or "verified another way".
          const basis = { callerCheckId: base.callerCheckId, verifiedAnotherWay: base.verifiedAnotherWay };
          setReadBack({ reason, started: started.value, basis });
        }
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
      setExtras(freshExtras(view.user.role));
      setOpen(preview);
      setRequestRefused(null);
    } else {
      setRequestRefused(
        preview ? `${preview.label} is not available: ${preview.unavailableReason}` : `No action "${requested}".`,
      );
    }
    onRequestHandled?.();
  }, [requested, operator, view, onRequestHandled]);

  const needsCheck = view.status.actions.filter((a) => a.available && a.requiresCallerCheck).map((a) => a.label);
  const basisReady = !open?.requiresCallerCheck || (extras.anotherWay ? saysHow(extras.how) : Boolean(check));
  const ready = !basisReady
    ? false
    : open?.action === 'set-phone'
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
          Sign in to take actions.
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
                  setExtras(freshExtras(view.user.role));
                  setOpen(a);
                }}
              >
                {a.label}
              </Button>
            </span>
          </Tooltip>
        ))}
      </Stack>
      {!check && needsCheck.length > 0 && (
        <Typography variant="body2" color="warning.main" sx={{ mt: 1 }} data-testid="actions-need-check">
          Need a caller check made by you first (Verify the caller)
          {isAdministrator ? ', or "verified another way"' : ''}: {needsCheck.join(', ')}.
        </Typography>
      )}
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
              {open.requiresApproval && (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  {open.action === 'set-role'
                    ? 'Making or unmaking an administrator is filed as a request: another administrator approves it on the Approvals page within 24 hours.'
                    : 'Permanently, or for an administrator, this is filed as a request: another administrator approves it on the Approvals page within 24 hours. A temporary disable for anyone else happens at once.'}
                </Typography>
              )}
              {open.requiresCallerCheck && (
                <CallerBasis
                  check={check}
                  isAdministrator={isAdministrator}
                  anotherWay={extras.anotherWay}
                  how={extras.how}
                  onChange={(anotherWay, how) => setExtras((x) => ({ ...x, anotherWay, how }))}
                />
              )}
              {fewerAdminsAtStake && (open.action === 'deactivate' || open.action === 'set-role') && (
                <FormControlLabel
                  sx={{ mt: 1 }}
                  control={
                    <Checkbox
                      checked={extras.confirmFewerAdmins}
                      onChange={(e) => setExtras((x) => ({ ...x, confirmFewerAdmins: e.target.checked }))}
                    />
                  }
                  label="I understand this may leave fewer than two administrators while 2FA is on firm-wide"
                />
              )}
            </>
          }
          onConfirm={(reason) => run(open.action, reason)}
          onDone={() => {
            setOpen(null);
            // A number change is not done until the code is read back (PhoneReadBackDialog).
            if (open.action !== 'set-phone') onDone(open.label, filed.current ?? undefined);
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
          basis={readBack.basis}
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

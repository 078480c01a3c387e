import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { ROLES, type Role } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { useRefresh } from '../../app/refresh';
import { MIN_REASON } from '../../components/ConfirmActionDialog';
import { emptyPhone, PhoneField } from './PhoneField';

/** Adds a member of staff; the phone number is optional and checked as it is typed. */
export function AddUserDialog({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  onAdded: (email: string) => void;
}) {
  const { reload } = useOperator();
  const refresh = useRefresh();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('employee');
  const [phone, setPhone] = useState(emptyPhone());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async () => {
    const result = await api.addUser({
      name,
      email,
      role,
      phone: phone.phone.trim() || undefined,
      country: phone.country.trim() || undefined,
      reason: reason.trim(),
    });
    if (!result.ok) return setError(result.error);
    setError(null);
    setName('');
    setEmail('');
    setPhone(emptyPhone());
    setReason('');
    refresh();
    reload();
    onClose();
    onAdded(result.value.user.email);
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Add user</DialogTitle>
      <DialogContent>
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          fullWidth
          margin="dense"
          required
        />
        <TextField
          label="Email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          fullWidth
          margin="dense"
          required
          type="email"
        />
        <TextField
          select
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          fullWidth
          margin="dense"
        >
          {ROLES.map((r) => (
            <MenuItem key={r} value={r} sx={{ textTransform: 'capitalize' }}>
              {r}
            </MenuItem>
          ))}
        </TextField>
        <PhoneField value={phone} onChange={setPhone} />
        <TextField
          label="Reason (recorded in the audit log)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          fullWidth
          margin="dense"
          required
          placeholder="New starter, HR ticket 4411"
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={!name.trim() || !email.trim() || reason.trim().length < MIN_REASON || Boolean(phone.error)}
        >
          Add user
        </Button>
      </DialogActions>
    </Dialog>
  );
}

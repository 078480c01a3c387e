import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useOperator } from '../app/operator';

/** "Acting as": the operator recorded on every admin action. */
export function OperatorSelect() {
  const { operator, candidates, choose } = useOperator();
  if (candidates.length === 0) return null;
  return (
    <TextField
      select
      size="small"
      label="Acting as"
      value={operator?.email ?? ''}
      onChange={(e) => choose(e.target.value)}
      sx={{ minWidth: 280 }}
      slotProps={{ htmlInput: { 'data-testid': 'operator-select' } }}
    >
      {candidates.map((c) => (
        <MenuItem key={c.email} value={c.email}>
          {c.name} ({c.role})
        </MenuItem>
      ))}
    </TextField>
  );
}

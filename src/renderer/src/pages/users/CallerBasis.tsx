import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CallerCheckView } from '../../../../shared/contract';
import { When } from '../../components/When';

/**
 * What an unlock, cooldown reset, 2FA or number change rests on: the signed-in operator's own passed
 * caller check, or (administrators only) "verified another way", saying how; flagged in the audit.
 */
export function CallerBasis({
  check,
  isAdministrator,
  anotherWay,
  how,
  onChange,
}: {
  check: CallerCheckView | null;
  isAdministrator: boolean;
  anotherWay: boolean;
  how: string;
  onChange: (anotherWay: boolean, how: string) => void;
}) {
  return (
    <>
      <Typography
        variant="body2"
        sx={{ mt: 1 }}
        color={check && !anotherWay ? 'success.main' : 'warning.main'}
        data-testid="caller-basis"
      >
        {check ? (
          <>
            Rests on your caller check passed at <When ms={check.verifiedAt} /> (counts until{' '}
            <When ms={check.citableUntil} />
            ).
          </>
        ) : (
          'Needs a caller check made by you: use "Verify the caller" first (the caller reads back the code sent to their phone).'
        )}
      </Typography>
      {isAdministrator && (
        <>
          <FormControlLabel
            control={<Checkbox checked={anotherWay} onChange={(e) => onChange(e.target.checked, how)} />}
            label="Verified another way (administrators; flagged in the audit)"
          />
          {anotherWay && (
            <TextField
              label="How was the caller verified?"
              placeholder="manager callback on the number in HR records"
              value={how}
              onChange={(e) => onChange(true, e.target.value)}
              fullWidth
              required
              margin="dense"
              helperText="A few words: who confirmed it, and how."
              slotProps={{ htmlInput: { maxLength: 300 } }}
            />
          )}
        </>
      )}
    </>
  );
}

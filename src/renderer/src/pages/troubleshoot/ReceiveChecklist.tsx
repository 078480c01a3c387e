import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import { TimedText } from '../../components/When';
import { RECEIVE_CHECKS, type CheckReading } from './receive-checks';

function reading(r: CheckReading): string {
  if (r.strength === 'confirmed') return r.value ? `confirmed by the data: ${r.why}` : `the data says no: ${r.why}`;
  return r.value ? `suggested by the data, not confirmed: ${r.why}` : `the data suggests not: ${r.why}`;
}

/**
 * The FAQ's checks, each marked by what the data can say: confirmed ones are settled (and
 * locked), suggested ones are pre-ticked the data's way for the helpdesk to confirm with the caller.
 */
export function ReceiveChecklist({
  facts,
  ticked,
  onTick,
}: {
  facts: TroubleshootFacts;
  ticked: Record<string, boolean>;
  onTick: (id: string, value: boolean) => void;
}) {
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Why haven't I received my verification code?">
      <Typography variant="h6" component="h2" gutterBottom>
        Why haven&apos;t I received my verification code?
      </Typography>
      <Stack>
        {RECEIVE_CHECKS.map((check) => {
          const r = check.read(facts);
          const confirmed = r?.strength === 'confirmed';
          return (
            <FormControlLabel
              key={check.id}
              data-testid={`check-${check.id}`}
              data-strength={r?.strength ?? 'ask'}
              control={
                <Checkbox
                  checked={confirmed ? r.value : (ticked[check.id] ?? r?.value ?? false)}
                  disabled={confirmed}
                  color={r && !r.value ? 'error' : 'primary'}
                  onChange={(e) => onTick(check.id, e.target.checked)}
                />
              }
              label={
                <Typography variant="body2" color={r && !r.value ? 'error' : undefined}>
                  {check.text}
                  <Typography component="span" variant="caption" color="text.secondary">
                    {' '}
                    ({r ? <TimedText text={reading(r)} /> : 'ask the caller'})
                  </Typography>
                </Typography>
              }
            />
          );
        })}
      </Stack>
    </Paper>
  );
}

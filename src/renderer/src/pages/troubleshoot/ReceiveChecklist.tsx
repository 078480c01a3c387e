import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';

interface Check {
  id: string;
  text: string;
  /** true / false when the data settles it; null when the caller must check. */
  known: (f: TroubleshootFacts) => boolean | null;
}

const NOT_MOBILE = /landline|fixed|voip|toll|premium|shared|uan|voicemail|pager/i;

/** "Why haven't I received my verification code?": the FAQ's four checks. */
const CHECKS: Check[] = [
  {
    id: 'format',
    text: 'The phone number is entered accurately, with the correct country and area code (E.164, no leading 0).',
    known: (f) => (f.user.maskedPhone ? true : null),
  },
  {
    id: 'mobile',
    text: 'The number is a mobile phone number: the provider can only send to valid mobile numbers.',
    known: (f) => (f.user.phoneType ? !NOT_MOBILE.test(f.user.phoneType) : null),
  },
  {
    id: 'voip',
    text: 'The number is not a VoIP number: VoIP numbers may not receive verification codes.',
    known: (f) => (f.user.phoneType ? !/voip/i.test(f.user.phoneType) : null),
  },
  {
    id: 'network',
    text: 'The mobile network provider is not having issues: a friend or co-worker can call or text the user.',
    known: () => null,
  },
];

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
        {CHECKS.map((check) => {
          const known = check.known(facts);
          return (
            <FormControlLabel
              key={check.id}
              control={
                <Checkbox
                  checked={known ?? ticked[check.id] ?? false}
                  disabled={known !== null}
                  color={known === false ? 'error' : 'primary'}
                  onChange={(e) => onTick(check.id, e.target.checked)}
                />
              }
              label={
                <Typography variant="body2" color={known === false ? 'error' : undefined}>
                  {check.text}
                  {known !== null && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      ({known ? 'confirmed by the data' : 'the data says no'})
                    </Typography>
                  )}
                </Typography>
              }
            />
          );
        })}
      </Stack>
    </Paper>
  );
}

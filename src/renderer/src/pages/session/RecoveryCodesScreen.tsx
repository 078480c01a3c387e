import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { SessionCard } from './SessionCard';

/**
 * An administrator's first sign-in: the recovery codes, shown this once, in order (the documents:
 * "if you don't save them, there's no way to recover them").
 */
export function RecoveryCodesScreen({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <SessionCard
      title="Your recovery codes"
      intro="You see these codes only now. Save them in order somewhere safe: each one signs you in once if you lose access to your mobile phone."
    >
      <Box
        component="ol"
        aria-label="Recovery codes"
        sx={{ fontFamily: 'monospace', fontSize: 18, bgcolor: 'action.hover', borderRadius: 1, py: 1.5, pl: 5, my: 2 }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Afterwards the console shows only how many are left.
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} />}
        label="I have saved these codes"
      />
      <Box sx={{ mt: 1 }}>
        <Button variant="contained" disabled={!saved} onClick={onSaved}>
          Continue to the console
        </Button>
      </Box>
    </SessionCard>
  );
}

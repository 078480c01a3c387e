import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { StatusExplanation } from '../../../../shared/contract';
import { TimedText } from '../../components/When';

/** Why this user can or cannot sign in now, the counters against their limits, and when it clears. */
export function StatusExplainer({ status }: { status: StatusExplanation }) {
  const severity = status.canSignIn ? (status.state === 'code_required' ? 'success' : 'info') : 'error';
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Why this user can or cannot sign in">
      <Typography variant="h6" component="h2" gutterBottom>
        Sign-in status
      </Typography>
      <Alert severity={severity} data-testid="status-headline">
        <TimedText text={status.headline} />
      </Alert>
      {status.userMessage && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="caption" color="text.secondary">
            What the user sees when they try now
          </Typography>
          <Typography variant="body2" sx={{ fontStyle: 'italic' }} data-testid="status-user-message">
            “{status.userMessage}”
          </Typography>
          {status.lock?.cause === 'operator' && (
            <Typography variant="caption" color="text.secondary" component="p" data-testid="status-user-message-note">
              The documents give this one message for every lock; this account was locked by{' '}
              {status.lock.actor ?? 'an operator'}, not by failed attempts.
            </Typography>
          )}
        </Box>
      )}
      <Stack spacing={1.5} sx={{ mt: 2 }}>
        {status.counters.map((c) => (
          <Box key={c.id} data-testid={`counter-${c.id}`}>
            <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
              <Typography variant="body2">{c.label}</Typography>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {c.value} / {c.limit}
              </Typography>
            </Stack>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, (c.value / c.limit) * 100)}
              color={c.value >= c.limit ? 'error' : c.value >= c.limit - 1 ? 'warning' : 'primary'}
              aria-label={`${c.label}: ${c.value} of ${c.limit}`}
              sx={{ height: 6, borderRadius: 3, my: 0.5 }}
            />
            <Typography variant="caption" color="text.secondary">
              At the limit: {c.atLimit}
            </Typography>
          </Box>
        ))}
      </Stack>
      {/* clearsHow names the time itself ("Clears by itself at …"): said once. */}
      <Typography variant="body2" sx={{ mt: 2 }} data-testid="status-clears">
        <strong>Clears:</strong> <TimedText text={status.clearsHow} />
      </Typography>
      {status.notes.map((note) => (
        <Typography key={note} variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          <TimedText text={note} />
        </Typography>
      ))}
    </Paper>
  );
}

import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { UserView } from '../../../../shared/contract';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { When } from '../../components/When';
import { useApiQuery } from '../../hooks/useApiQuery';

/**
 * The simulated provider's handset for this user: for administrators (its messages carry codes, so
 * the helpdesk does not read them). A user's sign-in is never completed from here: the training
 * sign-in on the sign-in screen walks one through, signed out.
 */
export function SimulatedPhone({ view, signal }: { view: UserView; signal: number }) {
  const email = view.user.email;
  const { operator } = useOperator();
  const admin = operator?.role === 'administrator';
  const outbox = useApiQuery(
    () => (admin ? api.outbox({ email, limit: 5 }) : Promise.resolve({ ok: true as const, value: { messages: [] } })),
    [email, signal, admin],
  );
  if (!admin) return null;
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Simulated phone">
      <Typography variant="h6" component="h2">
        Simulated phone
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        The offline provider delivers here instead of to a real handset (administrators only). To see a sign-in as the
        user does, sign out and use the training sign-in.
      </Typography>
      <Box sx={{ bgcolor: 'action.hover', borderRadius: 2, p: 1.5, minHeight: 64 }} data-testid="simulated-inbox">
        {outbox.data?.messages.length ? (
          outbox.data.messages.map((m) => (
            <Box key={m.id} sx={{ mb: 1 }}>
              <Typography variant="caption" color="text.secondary">
                <When ms={m.sentAt} /> · {m.phone}
              </Typography>
              <Typography variant="body2">{m.body}</Typography>
            </Box>
          ))
        ) : (
          <Typography variant="body2" color="text.secondary">
            No messages.
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

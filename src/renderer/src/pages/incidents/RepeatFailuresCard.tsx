import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';

const DAY = 86_400_000;

/** The error log with the range's failed deliveries, narrowed by one more filter (user or carrier). */
export const failuresLink = (range: { from: string; to: string }, filter: string) =>
  `/errors?${filter}&type=sms_failure&type=mfa_provider_failure&from=${range.from}&to=${range.to}`;

/**
 * The FAQ's two questions about failures as lists: the same users failing again and again (failed
 * deliveries on several distinct days) and several users on one mobile network failing. Each row
 * opens the error log filtered to it.
 */
export function RepeatFailuresCard({ range }: { range: { from: string; to: string } }) {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`) + DAY - 1;
  const users = useApiQuery(() => api.repeatFailingUsers({ from, to, limit: 10 }), [from, to]);
  const carriers = useApiQuery(() => api.carriersWithAffectedUsers({ from, to, limit: 10 }), [from, to]);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: '1fr 1fr' }, gap: 2 }}>
      <Paper sx={{ p: 2 }} component="section" aria-label="Repeat-failing users" data-testid="repeat-failing-users">
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Repeat-failing users
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          Deliveries to them failed on {users.data?.minDays ?? 3} or more different days in the range: the same users
          consistently, which points at their number or handset rather than the carrier.
        </Typography>
        {users.error && <Alert severity="error">{users.error.message}</Alert>}
        {users.data && users.data.users.length === 0 && (
          <Typography color="text.secondary">No user failed on several days.</Typography>
        )}
        {users.data && users.data.users.length > 0 && (
          <Table size="small" aria-label="Users failing on several days">
            <TableHead>
              <TableRow>
                <TableCell>User</TableCell>
                <TableCell>Carrier</TableCell>
                <TableCell align="right">Days</TableCell>
                <TableCell align="right">Failures</TableCell>
                <TableCell>Last</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.data.users.map((u) => (
                <TableRow key={u.email}>
                  <TableCell>
                    <Link
                      component={RouterLink}
                      to={failuresLink(range, `user=${encodeURIComponent(u.email)}`)}
                      aria-label={`${u.name}: failed deliveries in the error log`}
                    >
                      {u.name}
                    </Link>
                  </TableCell>
                  <TableCell>{u.carrier ?? '—'}</TableCell>
                  <TableCell align="right">{u.days}</TableCell>
                  <TableCell align="right">{u.failures}</TableCell>
                  <TableCell>
                    <When ms={u.lastFailureAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      <Paper
        sx={{ p: 2 }}
        component="section"
        aria-label="Carriers with several affected users"
        data-testid="carriers-affected"
      >
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Carriers with several affected users
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          Mobile networks on which {carriers.data?.minUsers ?? 3} or more different users had failed deliveries in the
          range: several users of one network failing points at the network.
        </Typography>
        {carriers.error && <Alert severity="error">{carriers.error.message}</Alert>}
        {carriers.data && carriers.data.carriers.length === 0 && (
          <Typography color="text.secondary">No carrier failed for several users.</Typography>
        )}
        {carriers.data && carriers.data.carriers.length > 0 && (
          <Table size="small" aria-label="Carriers failing for several users">
            <TableHead>
              <TableRow>
                <TableCell>Carrier</TableCell>
                <TableCell align="right">Users</TableCell>
                <TableCell align="right">Failures</TableCell>
                <TableCell>Last</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {carriers.data.carriers.map((c) => (
                <TableRow key={c.carrier}>
                  <TableCell>
                    <Link
                      component={RouterLink}
                      to={failuresLink(range, `carrier=${encodeURIComponent(c.carrier)}`)}
                      aria-label={`${c.carrier}: failed deliveries in the error log`}
                    >
                      {c.carrier}
                    </Link>
                  </TableCell>
                  <TableCell align="right">{c.users}</TableCell>
                  <TableCell align="right">{c.failures}</TableCell>
                  <TableCell>
                    <When ms={c.lastFailureAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Box>
  );
}

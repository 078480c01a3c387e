import { Link as RouterLink } from 'react-router';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { UserView } from '../../../../shared/contract';
import { When } from '../../components/When';

const KIND_COLOUR = { error: 'error', admin: 'info', info: 'default' } as const;

/** The user's last 20 events, with a way into the full log for them. */
export function RecentEvents({ view, logLink }: { view: UserView; logLink: string | null }) {
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Recent events">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Recent events
        </Typography>
        {logLink && (
          <Link component={RouterLink} to={logLink}>
            All events of this user in the error log
          </Link>
        )}
      </Stack>
      {view.recentEvents.length === 0 ? (
        <Typography color="text.secondary">No events recorded.</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Event</TableCell>
              <TableCell>Details</TableCell>
              <TableCell>By</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {view.recentEvents.map((e) => (
              <TableRow key={e.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <When ms={e.occurredAt} />
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={e.label}
                    color={KIND_COLOUR[e.kind]}
                    variant={e.kind === 'info' ? 'outlined' : 'filled'}
                  />
                </TableCell>
                <TableCell>
                  {[e.message, e.providerCode && `code ${e.providerCode}`, e.carrier, e.reason && `reason: ${e.reason}`]
                    .filter(Boolean)
                    .join(' · ')}
                </TableCell>
                <TableCell>{e.actor ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}

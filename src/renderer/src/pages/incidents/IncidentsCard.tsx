import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
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
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';
import { KIND_LABEL, rateSentence } from './format';

/** The incidents the detector found in the range: open first, then the most recent. */
export function IncidentsCard({ from, to }: { from: number; to: number }) {
  const list = useApiQuery(() => api.incidentsList({ from, to, limit: 200 }), [from, to]);
  const incidents = [...(list.data?.incidents ?? [])]
    .filter((i) => i.kind !== 'country' && i.kind !== 'error')
    .sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || b.startedAt - a.startedAt)
    .slice(0, 8);
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Incidents" data-testid="incidents-card">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Incidents
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        Carriers, the provider and SMS pumping whose failure rate rose far above their own usual rate for that hour of
        the week (see docs/incidents.md). Open one for its evidence and the users it hit.
      </Typography>
      {list.error && <Alert severity="error">{list.error.message}</Alert>}
      {list.data && incidents.length === 0 && (
        <Typography color="text.secondary">No incidents in this range.</Typography>
      )}
      {incidents.length > 0 && (
        <Table size="small" aria-label="Incidents in the range">
          <TableHead>
            <TableRow>
              <TableCell>What</TableCell>
              <TableCell>Since</TableCell>
              <TableCell>State</TableCell>
              <TableCell align="right">Failed messages</TableCell>
              <TableCell>Rate</TableCell>
              <TableCell align="right">Affected users</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {incidents.map((i) => (
              <TableRow key={i.id} data-testid="incident-row">
                <TableCell>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Chip size="small" variant="outlined" label={KIND_LABEL[i.kind]} />
                    <Link component={RouterLink} to={`/trends/incidents/${i.id}`}>
                      {i.label}
                    </Link>
                  </Stack>
                </TableCell>
                <TableCell>
                  <When ms={i.startedAt} />
                </TableCell>
                <TableCell>
                  {i.endedAt === null ? (
                    <Chip size="small" color="error" label="Ongoing" />
                  ) : (
                    <>
                      Over, <When ms={i.endedAt} />
                    </>
                  )}
                </TableCell>
                <TableCell align="right">{i.kind === 'pumping' ? `${i.sends} sends` : i.failures}</TableCell>
                <TableCell>{rateSentence(i)}</TableCell>
                <TableCell align="right">{i.affectedUsers}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}

import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';

/**
 * In the event drawer: "Likely caused by <incident>" for a lock, cooldown, wrong code or expiry
 * that followed failed deliveries to the same user inside an incident (the server's rule).
 */
export function DrawerIncidentCause({ id }: { id: number }) {
  const cause = useApiQuery(() => api.eventLikelyCause({ id }), [id]).data?.cause;
  if (!cause) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="drawer-incident-cause">
      Likely caused by{' '}
      <Link component={RouterLink} to={`/trends/incidents/${cause.incidentId}`}>
        {cause.label}
      </Link>{' '}
      ({cause.affectedUsers} users affected): it followed failed deliveries to this user in the incident. Open it for
      the users it hit and a bulk cooldown reset or unlock.
    </Alert>
  );
}

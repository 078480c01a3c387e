import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';

/** "Part of incident Carrier X (N users affected)": the caller is one of many, not a one-off. */
export function UserIncidentNote({ email, signal }: { email: string; signal: unknown }) {
  const list = useApiQuery(() => api.incidentsForUser({ email }), [email, signal]);
  const incidents = list.data?.incidents.filter((i) => i.kind !== 'country' && i.kind !== 'error') ?? [];
  if (!incidents.length) return null;
  const [latest, ...older] = incidents;
  return (
    <Alert severity="warning" data-testid="user-incident" component="section" aria-label="Incidents">
      Part of incident{' '}
      <Link component={RouterLink} to={`/trends/incidents/${latest.id}`}>
        {latest.label}
      </Link>{' '}
      ({latest.affectedUsers} users affected), since <When ms={latest.startedAt} />
      {latest.roles.includes('locked') || latest.roles.includes('cooldown')
        ? `: this user's ${latest.roles.includes('locked') ? 'lock' : 'cooldown'} followed failed deliveries in it.`
        : '.'}
      {older.length > 0 && ` Also in ${older.length} earlier incident${older.length === 1 ? '' : 's'}.`}
    </Alert>
  );
}

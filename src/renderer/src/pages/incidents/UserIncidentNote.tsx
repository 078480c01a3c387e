import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import type { LikelyCause } from '../../../../shared/contract';
import { eventType } from '../../../../shared/events';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';

function IncidentLink({ cause }: { cause: { incidentId?: number; id?: number; label: string } }) {
  return (
    <Link component={RouterLink} to={`/trends/incidents/${cause.incidentId ?? cause.id}`}>
      {cause.label}
    </Link>
  );
}

const affected = (c: Pick<LikelyCause, 'affectedUsers'>) =>
  `${c.affectedUsers} user${c.affectedUsers === 1 ? '' : 's'} affected`;

/**
 * "Likely caused by Carrier X": the user's lock, cooldown, wrong code or expiry followed failed
 * deliveries to them inside an incident (the server's one rule, likely-cause.ts). Without such an
 * event, "Deliveries to this user failed in incident X": the caller is one of many, not a one-off.
 */
export function UserIncidentNote({ email, signal }: { email: string; signal: unknown }) {
  const causes = useApiQuery(() => api.likelyCausesForUser({ email }), [email, signal]);
  const list = useApiQuery(() => api.incidentsForUser({ email }), [email, signal]);
  if (!causes.data || !list.data) return null;
  const { current, events } = causes.data;
  const latest = events[0];
  if (current || latest) {
    const cause = current ?? latest.cause;
    const what = current
      ? (events.find((e) => e.cause.incidentId === current.incidentId && /lock|cooldown/.test(e.type)) ?? null)
      : latest;
    const others = new Set(events.map((e) => e.cause.incidentId));
    others.delete(cause.incidentId);
    return (
      <Alert severity="warning" data-testid="user-incident" component="section" aria-label="Incidents">
        Likely caused by <IncidentLink cause={cause} /> ({affected(cause)}):{' '}
        {what ? (
          <>
            the {eventType(what.type)?.label ?? what.type} at <When ms={what.at} />
          </>
        ) : (
          `this user's current ${current ? 'lock or cooldown' : 'error'}`
        )}{' '}
        followed failed deliveries to them in it.
        {current &&
          (cause.endedAt === null
            ? ' While the incident lasts a new code will likely fail too; once it is over, its page resets all of its users at once.'
            : ' The incident is over: a reset lets them try again; its page resets all of its users at once.')}
        {others.size > 0 && ` Earlier errors are tied to ${others.size} other incident${others.size === 1 ? '' : 's'}.`}
      </Alert>
    );
  }
  const incidents = list.data.incidents.filter(
    (i) => i.kind !== 'country' && i.kind !== 'error' && i.kind !== 'pumping',
  );
  if (!incidents.length) return null;
  const [last, ...older] = incidents;
  return (
    <Alert severity="info" data-testid="user-incident" component="section" aria-label="Incidents">
      Part of incident <IncidentLink cause={last} /> ({affected(last)}), since <When ms={last.startedAt} />: deliveries
      to this user failed in it.
      {older.length > 0 && ` Also in ${older.length} earlier incident${older.length === 1 ? '' : 's'}.`}
    </Alert>
  );
}

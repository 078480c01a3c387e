import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import { When } from '../../components/When';

/** In a workspace: where the facts come from, the windows' end, and what only the live console knows. */
export function WorkspaceFactsNote({ facts }: { facts: TroubleshootFacts }) {
  const w = facts.workspace;
  if (!w) return null;
  return (
    <Alert severity="info" data-testid="troubleshoot-workspace">
      <AlertTitle>From the imported events of {w.name}</AlertTitle>
      <Typography variant="body2">
        Found by {w.foundBy}: {w.events.toLocaleString('en')} event(s) from <When ms={w.firstEventAt} /> to{' '}
        <When ms={w.lastEventAt} />, {w.failedDeliveries} failed deliver{w.failedDeliveries === 1 ? 'y' : 'ies'},{' '}
        {w.locksSeen} lock(s) and {w.cooldownsSeen} cooldown(s) seen. &quot;Last 30 days&quot; and &quot;last 7
        days&quot; end at this caller&apos;s newest imported event, <When ms={facts.asOf} />.
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="troubleshoot-live-only">
        Not available in a workspace (the live console knows them): {w.liveOnly.join('; ')}.
      </Typography>
    </Alert>
  );
}

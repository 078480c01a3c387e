import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useWorkspace } from '../../app/workspace';
import { ImportPanel } from './ImportPanel';
import { SourcesPanel } from './SourcesPanel';
import { WorkspaceCard } from './WorkspaceCard';

/** Offline investigation: a workspace of its own, vendor log files imported into it, their history. */
export function InvestigatePage() {
  const { status } = useWorkspace();
  return (
    <Stack spacing={3} sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1">
        Investigate
      </Typography>
      {!status ? <CircularProgress aria-label="Loading" /> : <WorkspaceCard status={status} />}
      {status?.open && <ImportPanel />}
      {status?.open && <SourcesPanel />}
    </Stack>
  );
}

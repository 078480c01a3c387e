import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { api } from '../api';
import { useWorkspace } from '../app/workspace';

/** On every page while a workspace is open: what is open, why account actions are off, the way back. */
export function WorkspaceBanner() {
  const { status, changed } = useWorkspace();
  if (!status?.open) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      data-testid="workspace-banner"
      action={
        <Button
          color="inherit"
          size="small"
          sx={{ whiteSpace: 'nowrap' }}
          onClick={async () => {
            const result = await api.workspaceClose({});
            if (result.ok) changed(result.value);
          }}
        >
          Switch back to live
        </Button>
      }
    >
      {status.readOnlyReason} ({status.open.events.toLocaleString('en')} imported events)
    </Alert>
  );
}

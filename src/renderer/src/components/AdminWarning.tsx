import Alert from '@mui/material/Alert';
import { useSession } from '../app/operator';

/** Until a second administrator exists while 2FA is on firm-wide, every page says what is at stake. */
export function AdminWarning() {
  const { status } = useSession();
  if (!status?.adminWarning) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="admin-warning">
      {status.adminWarning}
    </Alert>
  );
}

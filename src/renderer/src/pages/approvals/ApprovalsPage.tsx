import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ApprovalRequestView } from '../../../../shared/contract';
import { api } from '../../api';
import { useOperator } from '../../app/operator';
import { useRefresh, useRefreshSignal } from '../../app/refresh';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { ZoneNote } from '../../components/When';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ApprovalTable } from './ApprovalTable';

type Decision = { request: ApprovalRequestView; approve: boolean };

/**
 * Two-person approval: what another administrator asked for (permanently disabling 2FA, an
 * administrator's 2FA, firm-wide 2FA off, making or unmaking an administrator, an unmasked
 * export), decided by a different administrator within 24 hours. Approving carries it out.
 */
export function ApprovalsPage() {
  const signal = useRefreshSignal();
  const refresh = useRefresh();
  const { operator } = useOperator();
  const list = useApiQuery(() => api.approvalsList({ status: 'all' }), [signal]);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  // The decision's one-sentence answer, read when the dialog closes.
  const summary = useRef<string | null>(null);

  if (list.error) return <Alert severity="error">{list.error.message}</Alert>;
  if (!list.data) return <CircularProgress aria-label="Loading approval requests" />;
  const pending = list.data.requests.filter((r) => r.status === 'pending');
  const closed = list.data.requests.filter((r) => r.status !== 'pending');
  return (
    <Stack spacing={2} sx={{ maxWidth: 1280 }}>
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Approvals
        </Typography>
        <ZoneNote />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        Permanently disabling 2FA, disabling an administrator&apos;s 2FA, turning firm-wide 2FA off, making or unmaking
        an administrator and an unmasked export need a second administrator: never the one who asked, nor the one it is
        about. A request expires 24 hours after it was filed.
      </Typography>
      {operator?.role !== 'administrator' && (
        <Alert severity="info">Only administrators approve or reject requests; you can see what is waiting.</Alert>
      )}
      <section aria-labelledby="pending-title">
        <Typography id="pending-title" variant="h6" component="h2" gutterBottom>
          Waiting for a decision ({pending.length})
        </Typography>
        {pending.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Nothing is waiting.
          </Typography>
        ) : (
          <ApprovalTable
            requests={pending}
            caption="Requests waiting for a decision"
            onDecide={(request, approve) => setDeciding({ request, approve })}
          />
        )}
      </section>
      {closed.length > 0 && (
        <section aria-labelledby="closed-title">
          <Typography id="closed-title" variant="h6" component="h2" gutterBottom>
            Decided and expired
          </Typography>
          <ApprovalTable requests={closed} caption="Requests decided or expired" />
        </section>
      )}
      {deciding && (
        <ConfirmActionDialog
          open
          title={`${deciding.approve ? 'Approve' : 'Reject'} request #${deciding.request.id}: ${deciding.request.actionLabel}`}
          confirmLabel={deciding.approve ? 'Approve and carry out' : 'Reject'}
          danger={deciding.approve}
          consequence={
            <>
              {deciding.approve ? deciding.request.description : 'Nothing changes; the requester sees your reason.'}{' '}
              Requested by {deciding.request.requester}: &ldquo;{deciding.request.reason}&rdquo;.
            </>
          }
          onConfirm={async (reason) => {
            const input = { id: deciding.request.id, reason };
            const result = deciding.approve ? await api.approvalApprove(input) : await api.approvalReject(input);
            summary.current = result.ok ? result.value.summary : null;
            return result;
          }}
          onDone={() => {
            setDeciding(null);
            setToast(summary.current);
            refresh();
          }}
          onCancel={() => setDeciding(null)}
        />
      )}
      <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />
    </Stack>
  );
}

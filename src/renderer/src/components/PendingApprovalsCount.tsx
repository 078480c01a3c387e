import { useEffect, useState } from 'react';
import Chip from '@mui/material/Chip';
import { api } from '../api';
import { useOperator } from '../app/operator';
import { useRefreshSignal } from '../app/refresh';

/** The navigation's count of requests waiting for an administrator (none shown to technicians). */
export function PendingApprovalsCount() {
  const { operator } = useOperator();
  const signal = useRefreshSignal();
  const [pending, setPending] = useState(0);
  useEffect(() => {
    if (operator?.role !== 'administrator') return;
    let current = true;
    const read = () =>
      api.approvalsPending({}).then((result) => {
        if (current && result.ok) setPending(result.value.pending);
      });
    void read();
    // Another administrator's request arrives without this window doing anything.
    const timer = window.setInterval(read, 30_000);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [operator, signal]);
  if (operator?.role !== 'administrator' || pending === 0) return null;
  return (
    <Chip
      size="small"
      color="primary"
      label={pending}
      aria-label={`${pending} pending approval${pending === 1 ? '' : 's'}`}
      data-testid="pending-approvals"
    />
  );
}

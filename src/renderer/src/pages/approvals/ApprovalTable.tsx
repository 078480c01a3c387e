import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ApprovalRequestView, ApprovalStatus } from '../../../../shared/contract';
import { When } from '../../components/When';

const STATUS_COLOUR: Record<ApprovalStatus, 'warning' | 'success' | 'default' | 'error' | 'info'> = {
  pending: 'warning',
  approved: 'info',
  executed: 'success',
  rejected: 'error',
  expired: 'default',
};

/** "3 hours", "12 minutes": how long ago a request was filed. */
function age(from: number): string {
  const minutes = Math.max(0, Math.round((Date.now() - from) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** Requests with requester, action, target, reason, age and expiry; Approve/Reject where the viewer may decide. */
export function ApprovalTable({
  requests,
  caption,
  onDecide,
}: {
  requests: ApprovalRequestView[];
  caption: string;
  onDecide?: (request: ApprovalRequestView, approve: boolean) => void;
}) {
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Filed</TableCell>
            <TableCell>{onDecide ? 'Expires' : 'Decision'}</TableCell>
            <TableCell>Status</TableCell>
            {onDecide && <TableCell>Decide</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {requests.map((r) => (
            <TableRow key={r.id} data-testid={`approval-${r.id}`}>
              <TableCell>{r.id}</TableCell>
              <TableCell>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {r.actionLabel}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {r.description}
                </Typography>
              </TableCell>
              <TableCell>{r.target ? `${r.targetName ?? ''} ${r.target}`.trim() : '—'}</TableCell>
              <TableCell>{r.requester}</TableCell>
              <TableCell sx={{ maxWidth: 240, overflowWrap: 'anywhere' }}>
                {r.reason}
                {r.verifiedAnotherWay && (
                  <Typography variant="caption" component="p" color="warning.main">
                    Caller verified another way: {r.verifiedAnotherWay}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <When ms={r.createdAt} />
                <Typography variant="caption" component="p" color="text.secondary">
                  {age(r.createdAt)} ago
                </Typography>
              </TableCell>
              <TableCell>
                {onDecide ? (
                  <When ms={r.expiresAt} />
                ) : (
                  <>
                    {r.decidedBy ?? '—'}
                    {r.decisionReason && (
                      <Typography variant="caption" component="p" color="text.secondary">
                        &ldquo;{r.decisionReason}&rdquo;
                      </Typography>
                    )}
                  </>
                )}
              </TableCell>
              <TableCell>
                <Chip size="small" label={r.status} color={STATUS_COLOUR[r.status]} variant="outlined" />
              </TableCell>
              {onDecide && (
                <TableCell>
                  <Tooltip title={r.cannotDecideReason ?? ''}>
                    <Stack direction="row" spacing={1}>
                      <Button
                        size="small"
                        variant="contained"
                        disabled={!r.canDecide}
                        onClick={() => onDecide(r, true)}
                      >
                        Approve
                      </Button>
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={!r.canDecide}
                        onClick={() => onDecide(r, false)}
                      >
                        Reject
                      </Button>
                    </Stack>
                  </Tooltip>
                  {!r.canDecide && r.cannotDecideReason && (
                    <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 0.5 }}>
                      {r.cannotDecideReason}
                    </Typography>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

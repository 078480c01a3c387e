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

// Filled chips in the theme's dark-enough shades (the orange warning shade fails axe's contrast check on white).
const STATUS_COLOUR: Record<ApprovalStatus, 'primary' | 'success' | 'default' | 'error'> = {
  pending: 'primary',
  approved: 'primary',
  executed: 'success',
  rejected: 'error',
  expired: 'default',
};

/** "3 hours ago", "12 minutes ago": how long ago a request was filed. */
function age(from: number): string {
  const minutes = Math.max(0, Math.round((Date.now() - from) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'} ago`;
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
            <TableCell>Action and target</TableCell>
            <TableCell>Requested by, and why</TableCell>
            <TableCell>{onDecide ? 'Filed, expires' : 'Filed, decided'}</TableCell>
            <TableCell>{onDecide ? 'Status, decide' : 'Status'}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {requests.map((r) => (
            <TableRow key={r.id} data-testid={`approval-${r.id}`}>
              <TableCell>{r.id}</TableCell>
              <TableCell sx={{ minWidth: 170, overflowWrap: 'anywhere' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {r.actionLabel}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {r.description}
                </Typography>
              </TableCell>
              <TableCell sx={{ minWidth: 150, overflowWrap: 'anywhere' }}>
                {r.requester}
                <Typography variant="body2" component="p" color="text.secondary">
                  &ldquo;{r.reason}&rdquo;
                </Typography>
                {r.verifiedAnotherWay && (
                  <Typography variant="caption" component="p" color="warning.main">
                    Caller verified another way: {r.verifiedAnotherWay}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <When ms={r.createdAt} />
                <Typography variant="caption" component="p" color="text.secondary">
                  {age(r.createdAt)}
                </Typography>
                {onDecide ? (
                  <Typography variant="caption" component="p" color="text.secondary">
                    expires <When ms={r.expiresAt} />
                  </Typography>
                ) : (
                  <Typography variant="caption" component="p" color="text.secondary">
                    {r.decidedBy ? (
                      <>
                        by {r.decidedBy} at <When ms={r.decidedAt} />
                      </>
                    ) : (
                      <>
                        no decision by <When ms={r.expiresAt} />
                      </>
                    )}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Chip size="small" label={r.status} color={STATUS_COLOUR[r.status]} />
                {r.decisionReason && (
                  <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 0.5 }}>
                    &ldquo;{r.decisionReason}&rdquo;
                  </Typography>
                )}
                {onDecide && (
                  <>
                    <Tooltip title={r.cannotDecideReason ?? ''}>
                      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mt: 1 }}>
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
                      <Typography
                        variant="caption"
                        component="p"
                        color="text.secondary"
                        sx={{ mt: 0.5, maxWidth: 200 }}
                      >
                        {r.cannotDecideReason}
                      </Typography>
                    )}
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

import { Link as RouterLink } from 'react-router';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import BoltOutlined from '@mui/icons-material/BoltOutlined';
import type { LikelyCause } from '../../../../shared/contract';

/** The directory row's mark: this lock or cooldown was likely caused by an incident (opens it). */
export function IncidentCauseMark({ cause }: { cause: LikelyCause }) {
  const text = `Likely caused by ${cause.label}`;
  return (
    <Tooltip title={`${text} (${cause.affectedUsers} users affected)`}>
      <IconButton
        size="small"
        color="warning"
        component={RouterLink}
        to={`/trends/incidents/${cause.incidentId}`}
        aria-label={text}
        data-testid="incident-cause-mark"
        onClick={(e: React.MouseEvent) => e.stopPropagation()}
        sx={{ ml: 0.25, p: 0.25 }}
      >
        <BoltOutlined fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

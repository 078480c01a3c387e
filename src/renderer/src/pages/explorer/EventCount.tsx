import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { EventTotal } from '../../../../shared/contract/events';
import { count } from './format';

/** How many events match: exact, or an estimate clearly marked as one while the exact count runs. */
export function EventCount({
  total,
  counting,
  loading,
}: {
  total: EventTotal | null;
  counting: boolean;
  loading: boolean;
}) {
  if (!total) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="event-count">
        {loading ? 'Loading…' : ''}
      </Typography>
    );
  }
  const noun = total.value === 1 ? 'event' : 'events';
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minHeight: 24 }}>
      <Typography variant="body2" data-testid="event-count" data-exact={total.exact ? 'true' : 'false'}>
        {total.exact
          ? `${count(total.value)} ${noun}`
          : `About ${count(total.value)} ${noun} (estimate${counting ? ', counting exactly…' : ''})`}
      </Typography>
      {counting && <CircularProgress size={14} aria-label="Counting" />}
    </Stack>
  );
}

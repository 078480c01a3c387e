import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { WEEKDAY_NAMES, hourSpan } from '../trends/clock-labels';
import type { ExplorerFilters } from './url-filters';

/**
 * The hour-of-day and weekday filters (set from a Trends heatmap cell; no field of their own) and a
 * link's own time zone (Trends' UTC-day charts): shown as chips, each removable.
 */
export function ClockFilterChips({
  filters,
  timeZone,
  onRemove,
}: {
  filters: ExplorerFilters;
  timeZone: string;
  onRemove: (key: 'hourOfDay' | 'weekday' | 'timeZone') => void;
}) {
  if (filters.hourOfDay === undefined && filters.weekday === undefined && !filters.timeZone) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} data-testid="clock-filters">
      {filters.weekday !== undefined && (
        <Chip
          size="small"
          label={`${WEEKDAY_NAMES[filters.weekday - 1]}s`}
          onDelete={() => onRemove('weekday')}
          aria-label={`Weekday: ${WEEKDAY_NAMES[filters.weekday - 1]}s; press Delete to remove`}
        />
      )}
      {filters.hourOfDay !== undefined && (
        <Chip
          size="small"
          label={`${hourSpan(filters.hourOfDay)} ${timeZone}`}
          onDelete={() => onRemove('hourOfDay')}
          aria-label={`Hour of day: ${hourSpan(filters.hourOfDay)} ${timeZone}; press Delete to remove`}
        />
      )}
      {filters.timeZone && (
        <Chip
          size="small"
          label={`Days in ${filters.timeZone}`}
          onDelete={() => onRemove('timeZone')}
          aria-label={`Days and hours in ${filters.timeZone} (from Trends); press Delete to use your own time zone`}
        />
      )}
    </Stack>
  );
}

import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import StarOutlined from '@mui/icons-material/StarOutlined';
import StarBorderOutlined from '@mui/icons-material/StarBorderOutlined';
import { TagFilter } from './TagFilter';
import type { EventFacets } from '../../../../shared/contract/events';
import type { ExplorerFilters } from './url-filters';

/** The investigator's filters: starred events only, and events carrying any of the chosen tags. */
export function AnnotationFilters({
  filters,
  facets,
  set,
}: {
  filters: ExplorerFilters;
  facets: EventFacets | undefined;
  set: <K extends 'starred' | 'tags'>(key: K, value: ExplorerFilters[K] | undefined) => void;
}) {
  return (
    <Box sx={{ gridColumn: 'span 2', display: 'flex', alignItems: 'center', gap: 1.5 }}>
      <TagFilter value={filters.tags ?? []} facets={facets?.tags} onChange={(tags) => set('tags', tags)} />
      <FormControlLabel
        sx={{ ml: 0, whiteSpace: 'nowrap' }}
        control={
          <Checkbox
            size="small"
            checked={Boolean(filters.starred)}
            onChange={(e) => set('starred', e.target.checked ? true : undefined)}
            icon={<StarBorderOutlined />}
            checkedIcon={<StarOutlined sx={{ color: 'warning.main' }} />}
          />
        }
        label="Starred only"
      />
    </Box>
  );
}

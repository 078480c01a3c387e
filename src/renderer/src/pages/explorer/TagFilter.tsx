import CheckBoxOutlined from '@mui/icons-material/CheckBoxOutlined';
import CheckBoxOutlineBlankOutlined from '@mui/icons-material/CheckBoxOutlineBlankOutlined';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import OutlinedInput from '@mui/material/OutlinedInput';
import Select from '@mui/material/Select';
import type { FacetValue } from '../../../../shared/contract/events';
import { count } from './format';

/** Tags in use (eventsFacets), several at once: an event with any of them matches. */
export function TagFilter({
  value,
  facets,
  onChange,
}: {
  value: string[];
  facets: FacetValue[] | undefined;
  onChange: (tags: string[]) => void;
}) {
  const options = [...(facets ?? [])];
  // A tag from the URL or a saved filter that no event carries any more still shows as chosen.
  for (const tag of value)
    if (!options.some((o) => o.value === tag)) options.push({ value: tag, label: tag, count: 0 });
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id="tag-filter-label" shrink>
        Tag
      </InputLabel>
      <Select<string[]>
        multiple
        labelId="tag-filter-label"
        input={<OutlinedInput notched label="Tag" />}
        value={value}
        onChange={(e) => onChange(typeof e.target.value === 'string' ? [] : e.target.value)}
        displayEmpty
        renderValue={(selected) =>
          selected.length === 0 ? 'Any tag' : selected.length === 1 ? selected[0] : `${selected.length} tags`
        }
      >
        {options.length === 0 && (
          <MenuItem disabled dense value="">
            No tags yet: tag events in their details
          </MenuItem>
        )}
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value} dense>
            {value.includes(o.value) ? (
              <CheckBoxOutlined fontSize="small" color="primary" sx={{ mr: 1 }} aria-hidden />
            ) : (
              <CheckBoxOutlineBlankOutlined fontSize="small" sx={{ mr: 1 }} aria-hidden />
            )}
            <ListItemText primary={o.label} />
            <ListItemText
              secondary={count(o.count)}
              sx={{ flex: 'none', ml: 2 }}
              slotProps={{ secondary: { sx: { fontVariantNumeric: 'tabular-nums' } } }}
            />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

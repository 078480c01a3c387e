import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import type { FacetValue } from '../../../../shared/contract/events';
import { count } from './format';

/** One of the further filters (carrier, country, error code), its values and counts from eventsFacets. */
export function FacetFilter({
  label,
  value,
  options,
  onChange,
  showCounts = true,
}: {
  label: string;
  value: string | undefined;
  options: FacetValue[] | undefined;
  onChange: (value: string | undefined) => void;
  /** Off for roles, whose facet counts users rather than events. */
  showCounts?: boolean;
}) {
  const list = options ?? [];
  // A value from the URL that the facets do not list (no events yet) still shows as chosen.
  const selected =
    value === undefined ? null : (list.find((o) => o.value === value) ?? { value, label: value, count: 0 });
  return (
    <Autocomplete
      size="small"
      fullWidth
      options={list}
      value={selected}
      onChange={(_, option) => onChange(option?.value)}
      // The field shows the short value (500, GB); the list shows what it means.
      getOptionLabel={(o) => o.value}
      filterOptions={(all, { inputValue }) => {
        const text = inputValue.trim().toLowerCase();
        return text ? all.filter((o) => o.label.toLowerCase().includes(text)) : all;
      }}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      renderOption={(props, o) => {
        const { key, ...rest } = props;
        return (
          <Box component="li" key={key} {...rest} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <span>{o.label}</span>
            {showCounts && (
              <Box component="span" sx={{ color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
                {count(o.count)}
              </Box>
            )}
          </Box>
        );
      }}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
}

import CheckBoxOutlined from '@mui/icons-material/CheckBoxOutlined';
import CheckBoxOutlineBlankOutlined from '@mui/icons-material/CheckBoxOutlineBlankOutlined';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import OutlinedInput from '@mui/material/OutlinedInput';
import Select from '@mui/material/Select';
import type { FacetValue } from '../../../../shared/contract/events';
import { ERROR_EVENT_IDS, eventLabel, type EventTypeId } from '../../../../shared/events';
import { count } from './format';
import { TYPE_GROUPS } from './type-groups';

/** The type filter: the documents' four types first, then the other errors, sign-in events and admin actions. */
export function TypeFilter({
  value,
  facets,
  includeAll,
  onChange,
}: {
  value: EventTypeId[];
  facets: FacetValue[] | undefined;
  /** Offer sign-in events and admin actions too (the log's switch); otherwise the errors only. */
  includeAll: boolean;
  onChange: (types: EventTypeId[]) => void;
}) {
  const counts = new Map((facets ?? []).map((f) => [f.value, f.count]));
  const groups = includeAll
    ? TYPE_GROUPS
    : TYPE_GROUPS.filter((g) => g.ids.every((id) => ERROR_EVENT_IDS.includes(id)));
  const items = groups.flatMap((group) => [
    <ListSubheader key={`group-${group.label}`}>{group.label}</ListSubheader>,
    ...group.ids.map((id) => (
      <MenuItem key={id} value={id} dense>
        {/* A picture of a tick, not a second control inside the option (axe: nested-interactive);
            the option's own aria-selected says whether it is chosen. */}
        {value.includes(id) ? (
          <CheckBoxOutlined fontSize="small" color="primary" sx={{ mr: 1 }} aria-hidden />
        ) : (
          <CheckBoxOutlineBlankOutlined fontSize="small" sx={{ mr: 1 }} aria-hidden />
        )}
        <ListItemText primary={eventLabel(id)} />
        <ListItemText
          secondary={count(counts.get(id) ?? 0)}
          sx={{ flex: 'none', ml: 2 }}
          slotProps={{ secondary: { sx: { fontVariantNumeric: 'tabular-nums' } } }}
        />
      </MenuItem>
    )),
  ]);
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id="type-filter-label" shrink>
        Type
      </InputLabel>
      <Select<EventTypeId[]>
        multiple
        labelId="type-filter-label"
        input={<OutlinedInput notched label="Type" />}
        value={value}
        onChange={(e) => onChange(typeof e.target.value === 'string' ? [] : e.target.value)}
        displayEmpty
        renderValue={(selected) =>
          selected.length === 0
            ? includeAll
              ? 'Every type'
              : 'Every error'
            : selected.length === 1
              ? eventLabel(selected[0])
              : `${selected.length} types`
        }
        MenuProps={{ slotProps: { paper: { sx: { maxHeight: 480 } } } }}
      >
        {items}
      </Select>
    </FormControl>
  );
}

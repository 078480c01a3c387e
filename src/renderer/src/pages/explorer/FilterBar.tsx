import type { Ref } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { EventFacets } from '../../../../shared/contract/events';
import { ERROR_EVENT_IDS } from '../../../../shared/events';
import { AnnotationFilters } from './AnnotationFilters';
import { ClockFilterChips } from './ClockFilterChips';
import { FacetFilter } from './FacetFilter';
import { SearchBox } from './SearchBox';
import { TypeFilter } from './TypeFilter';
import { UserFilter } from './UserFilter';
import { hasFilters, includesAll, ROLES, type ExplorerFilters, type Role } from './url-filters';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

export interface FilterBarProps {
  filters: ExplorerFilters;
  facets: EventFacets | undefined;
  timeZone: string;
  /**
   * Applies a change to the newest filters. `push` false replaces the history entry (typing
   * refines a search rather than starting one).
   */
  onChange: (change: (current: ExplorerFilters) => ExplorerFilters, push?: boolean) => void;
  onClear: () => void;
  searchRef: Ref<HTMLInputElement>;
  onArrowDown: () => void;
}

/** Search, dates and every filter; each change is written to the URL so Back undoes it. */
export function FilterBar({ filters, facets, timeZone, onChange, onClear, searchRef, onArrowDown }: FilterBarProps) {
  const set = <K extends keyof ExplorerFilters>(key: K, value: ExplorerFilters[K] | undefined) =>
    onChange((current) => {
      const next = { ...current };
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
      else next[key] = value;
      return next;
    });
  const backwards = Boolean(filters.from && filters.to && filters.from > filters.to);
  const everything = includesAll(filters);
  const roles = ROLES.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1), count: 0 }));
  const countries = facets?.countries.map((c) => ({ ...c, label: `${c.value} · ${countryName(c.value)}` }));

  return (
    <Paper component="section" aria-label="Filters" sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <SearchBox
            value={filters.search ?? ''}
            inputRef={searchRef}
            onArrowDown={onArrowDown}
            onCommit={(text) =>
              onChange((current) => {
                const next = { ...current };
                if (text) next.search = text;
                else delete next.search;
                return next;
                // A new search is a history step; refining one as it is typed is not.
              }, !filters.search)
            }
          />
          <TextField
            type="date"
            size="small"
            label="From"
            value={filters.from ?? ''}
            onChange={(e) => set('from', e.target.value || undefined)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'aria-label': 'From' } }}
            sx={{ width: 165 }}
          />
          <TextField
            type="date"
            size="small"
            label="To"
            value={filters.to ?? ''}
            onChange={(e) => set('to', e.target.value || undefined)}
            error={backwards}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'aria-label': 'To' } }}
            sx={{ width: 165 }}
          />
          <Typography
            variant="caption"
            color={backwards ? 'error' : 'text.secondary'}
            sx={{ maxWidth: 170, lineHeight: 1.3 }}
            data-testid="zone-note"
          >
            {backwards
              ? 'To is before From: nothing can match.'
              : `Both days included. Times in ${timeZone}; hover a time for UTC.`}
          </Typography>
          <FormControlLabel
            control={
              <Switch
                checked={everything}
                onChange={(e) =>
                  onChange((current) => {
                    const next = { ...current };
                    if (e.target.checked) next.all = true;
                    else {
                      delete next.all;
                      const errors = (current.types ?? []).filter((t) => ERROR_EVENT_IDS.includes(t));
                      if (errors.length) next.types = errors;
                      else delete next.types;
                    }
                    return next;
                  })
                }
              />
            }
            label="Include sign-ins and admin actions"
            sx={{ mr: 0 }}
          />
          <Box sx={{ flex: '0 0 auto', ml: 'auto' }}>
            <Button onClick={onClear} disabled={!hasFilters(filters)} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
              Clear filters
            </Button>
          </Box>
        </Stack>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 1.5 }}>
          <Box sx={{ gridColumn: 'span 2' }}>
            <TypeFilter
              value={filters.types ?? []}
              facets={facets?.types}
              includeAll={everything}
              onChange={(t) => set('types', t)}
            />
          </Box>
          <UserFilter value={filters.user} onChange={(v) => set('user', v)} />
          <FacetFilter
            label="Role"
            value={filters.role}
            options={roles}
            showCounts={false}
            onChange={(v) => set('role', v as Role | undefined)}
          />
          <FacetFilter
            label="Carrier"
            value={filters.carrier}
            options={facets?.carriers}
            onChange={(v) => set('carrier', v)}
          />
          <FacetFilter
            label="Country"
            value={filters.country}
            options={countries}
            onChange={(v) => set('country', v)}
          />
          <FacetFilter
            label="Error code"
            value={filters.code}
            options={facets?.codes}
            onChange={(v) => set('code', v)}
          />
          <AnnotationFilters filters={filters} facets={facets} set={set} />
        </Box>
        <ClockFilterChips filters={filters} timeZone={timeZone} onRemove={(key) => set(key, undefined)} />
      </Stack>
    </Paper>
  );
}

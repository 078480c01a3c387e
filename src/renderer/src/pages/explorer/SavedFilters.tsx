import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import BookmarkBorderOutlined from '@mui/icons-material/BookmarkBorderOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import type { EventSort, SavedFilter } from '../../../../shared/contract/events';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { settle } from './settle';
import { apiFiltersOf, type ExplorerFilters } from './url-filters';

/** Save the current filters by name; reopen or delete a saved one. */
export function SavedFilters({
  filters,
  sort,
  onOpen,
}: {
  filters: ExplorerFilters;
  sort: EventSort;
  onOpen: (saved: SavedFilter) => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const list = useApiQuery(() => api.savedFiltersList({}), [anchor === null]);

  const save = async () => {
    const result = await settle(() => api.savedFilterSave({ name: name.trim(), filters: apiFiltersOf(filters), sort }));
    if (!result.ok) return setError(result.error);
    setSaving(false);
    setName('');
    setError(null);
    list.reload();
  };
  const remove = async (saved: SavedFilter) => {
    const result = await settle(() => api.savedFilterDelete({ name: saved.name }));
    if (!result.ok) setError(result.error);
    list.reload();
  };

  const saved = list.data ?? [];
  return (
    <>
      <Button startIcon={<BookmarkBorderOutlined />} onClick={(e) => setAnchor(e.currentTarget)}>
        Saved filters
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setSaving(true);
          }}
        >
          Save current filters…
        </MenuItem>
        <Divider />
        {saved.length === 0 && <MenuItem disabled>No saved filters yet</MenuItem>}
        {saved.map((s) => (
          <MenuItem
            key={s.name}
            onClick={() => {
              setAnchor(null);
              onOpen(s);
            }}
            sx={{ gap: 2 }}
          >
            <ListItemText primary={s.name} />
            <IconButton
              size="small"
              edge="end"
              aria-label={`Delete saved filter ${s.name}`}
              onClick={(e) => {
                e.stopPropagation();
                void remove(s);
              }}
            >
              <DeleteOutlined fontSize="small" />
            </IconButton>
          </MenuItem>
        ))}
      </Menu>
      {error && !saving && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error.message}
        </Alert>
      )}
      <Dialog
        open={saving}
        onClose={() => setSaving(false)}
        maxWidth="xs"
        fullWidth
        aria-labelledby="save-filter-title"
      >
        <DialogTitle id="save-filter-title">Save filters</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && name.trim() && void save()}
            fullWidth
            margin="dense"
            helperText="A saved filter with the same name is replaced."
            slotProps={{ htmlInput: { maxLength: 80 } }}
          />
          {error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setSaving(false)}>Cancel</Button>
          <Button variant="contained" disabled={!name.trim()} onClick={() => void save()}>
            Save
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

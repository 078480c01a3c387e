import { MIN_PHONE_DIGITS } from '../../../../shared/phone-search';
import { useEffect, useState, type Ref } from 'react';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import SearchOutlined from '@mui/icons-material/SearchOutlined';

/**
 * Free-text search over name, email, phone digits and message. Commits after a pause in
 * typing (or on Enter), not per keystroke; ArrowDown moves into the results.
 */
export function SearchBox({
  value,
  onCommit,
  onArrowDown,
  inputRef,
}: {
  value: string;
  onCommit: (text: string) => void;
  onArrowDown: () => void;
  inputRef: Ref<HTMLInputElement>;
}) {
  const [draft, setDraft] = useState(value);
  // Back, Clear filters or a saved filter change the URL: show what it says.
  useEffect(() => setDraft(value), [value]);

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = window.setTimeout(() => onCommit(draft.trim()), 350);
    return () => window.clearTimeout(timer);
  }, [draft, value, onCommit]);

  return (
    <TextField
      size="small"
      placeholder={`Name, email, phone (${MIN_PHONE_DIGITS}+ digits) or message`}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(draft.trim());
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          onArrowDown();
        }
      }}
      sx={{ flex: '1 1 340px', minWidth: 300 }}
      inputRef={inputRef}
      slotProps={{
        htmlInput: { 'aria-label': 'Search events' },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchOutlined fontSize="small" />
            </InputAdornment>
          ),
          endAdornment: (
            <InputAdornment position="end" title="Press / to search from anywhere on this page">
              <Box
                component="kbd"
                sx={{
                  px: 0.75,
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                  fontSize: 12,
                  color: 'text.secondary',
                }}
              >
                /
              </Box>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

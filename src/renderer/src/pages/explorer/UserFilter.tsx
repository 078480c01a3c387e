import { useEffect, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { api } from '../../api';

/**
 * The user filter: an email (or user id), suggested from the directory as the operator types.
 * Free text is allowed so the log of a deleted user can still be found by email.
 */
export function UserFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const [input, setInput] = useState(value ?? '');
  const [options, setOptions] = useState<string[]>([]);

  useEffect(() => setInput(value ?? ''), [value]);

  useEffect(() => {
    const text = input.trim();
    if (text.length < 2 || text === value) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api.listUsers({ search: text, limit: 10 }).then((result) => {
        if (live && result.ok) setOptions(result.value.users.map((u) => u.email));
      });
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [input, value]);

  const commit = (v: string | null) => {
    const text = v?.trim();
    onChange(text ? text : undefined);
  };

  return (
    <Autocomplete
      freeSolo
      size="small"
      fullWidth
      options={options}
      value={value ?? null}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      onChange={(_, v) => commit(v)}
      filterOptions={(x) => x}
      renderInput={(params) => (
        <TextField
          {...params}
          label="User"
          placeholder="Email or user id"
          onBlur={() => input.trim() !== (value ?? '') && commit(input)}
        />
      )}
    />
  );
}

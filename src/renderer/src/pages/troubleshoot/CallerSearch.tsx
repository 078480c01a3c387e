import { useEffect, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { UserSummary } from '../../../../shared/contract';
import { MIN_PHONE_DIGITS } from '../../../../shared/phone-search';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api';

/**
 * Find the caller the way the Users directory does: by name, email or phone digits. One match
 * opens; several are listed to pick from; none says so.
 */
export function CallerSearch({
  initial,
  summary,
  onChoose,
  inWorkspace = false,
}: {
  initial: string;
  /** Who the caller shown now is, if any. */
  summary: ReactNode;
  onChoose: (caller: { email: string } | { phone: string }) => void;
  /** A workspace has no users directory: the caller is the email or phone its imported events name. */
  inWorkspace?: boolean;
}) {
  const [draft, setDraft] = useState(initial);
  const [matches, setMatches] = useState<UserSummary[] | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => setDraft(initial), [initial]);

  const find = async () => {
    const text = draft.trim();
    if (!text) return;
    if (inWorkspace) {
      setError(null);
      setMatches(null);
      onChoose(text.includes('@') ? { email: text } : { phone: `+${text.replace(/\D/g, '')}` });
      return;
    }
    const result = await api.listUsers({ search: text, limit: 10 });
    setSearched(text);
    if (!result.ok) {
      setError(result.error);
      setMatches(null);
      return;
    }
    setError(null);
    const exact = result.value.users.find((u) => u.email.toLowerCase() === text.toLowerCase());
    if (exact || result.value.users.length === 1) {
      setMatches(null);
      onChoose({ email: (exact ?? result.value.users[0]).email });
    } else setMatches(result.value.users);
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Find the caller">
      <Box
        component="form"
        sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <TextField
          label={inWorkspace ? 'Caller: email or phone (E.164)' : 'Caller: name, email or phone'}
          placeholder={
            inWorkspace
              ? 'e.g. cal@example.com or +447400123123'
              : `e.g. Cal, cal@example.com or the last ${MIN_PHONE_DIGITS} digits`
          }
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          size="small"
          sx={{ minWidth: 360 }}
          required
        />
        <Button type="submit" variant="contained">
          Find
        </Button>
        {summary}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error.message}
        </Alert>
      )}
      {matches && matches.length === 0 && (
        <Alert severity="warning" sx={{ mt: 1.5 }}>
          No user matches “{searched}” by name, email or phone.
        </Alert>
      )}
      {matches && matches.length > 1 && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="body2">
            {matches.length === 10 ? 'The first 10 users' : `${matches.length} users`} match “{searched}”: which is the
            caller?
          </Typography>
          <List dense aria-label="Matching users">
            {matches.map((u) => (
              <li key={u.id}>
                <ListItemButton
                  onClick={() => {
                    setMatches(null);
                    setDraft(u.email);
                    onChoose({ email: u.email });
                  }}
                >
                  <ListItemText
                    primary={`${u.name} · ${u.email}`}
                    secondary={`${u.role} · ${u.phoneMasked ?? 'no phone'}`}
                  />
                </ListItemButton>
              </li>
            ))}
          </List>
        </Box>
      )}
    </Paper>
  );
}

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useSession } from '../app/operator';

/** The top bar's right side: who is signed in (every action is recorded under their name), Sign out. */
export function SignedInOperator() {
  const { operator, signOut } = useSession();
  if (!operator) return null;
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }} data-testid="signed-in-operator">
      <Typography variant="body2" component="p">
        Signed in as <strong>{operator.name}</strong>{' '}
        <Typography component="span" variant="body2" color="text.secondary">
          ({operator.role})
        </Typography>
      </Typography>
      <Button size="small" variant="outlined" onClick={() => void signOut()}>
        Sign out
      </Button>
    </Stack>
  );
}

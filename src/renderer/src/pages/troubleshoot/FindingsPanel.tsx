import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Finding } from '../../../../shared/troubleshoot/findings';

/** What the data says, most blocking first, each with what to do. */
export function FindingsPanel({ items }: { items: Finding[] }) {
  return (
    <Stack spacing={1.5} aria-label="What the data shows" component="section">
      <Typography variant="h6" component="h2">
        What the data shows
      </Typography>
      {items.map((f) => (
        <Alert key={f.id} severity={f.severity} data-testid={`finding-${f.id}`}>
          <AlertTitle>{f.title}</AlertTitle>
          <Typography variant="body2">{f.detail}</Typography>
          <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>
            {f.action}
          </Typography>
        </Alert>
      ))}
    </Stack>
  );
}

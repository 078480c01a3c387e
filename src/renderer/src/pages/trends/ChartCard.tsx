import type { ReactNode } from 'react';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

/** A titled chart with a one-line reading hint, sized for the grid. */
export function ChartCard({
  title,
  hint,
  children,
  testId,
}: {
  title: string;
  hint: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper sx={{ p: 2, minWidth: 0 }} component="section" aria-label={title} data-testid={testId}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {hint}
      </Typography>
      {children}
    </Paper>
  );
}

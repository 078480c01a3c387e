import { useRef, useState, type ReactNode } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { download, svgToPng, toCsv, type ChartTable } from './chart-export';

/**
 * A titled chart with a one-line reading hint, sized for the grid, and its exports: the data as
 * CSV, the drawing as PNG. `readout` is the line under the chart that tells what the pointer or
 * the keyboard is on (in place of a tooltip over the data).
 */
export function ChartCard({
  title,
  hint,
  children,
  testId,
  table,
  readout,
  wide = false,
}: {
  title: string;
  hint: string;
  children: ReactNode;
  testId: string;
  table?: ChartTable;
  readout?: string | null;
  /** Across both columns of the grid (the heatmaps, whose cells would be too small in one). */
  wide?: boolean;
}) {
  const theme = useTheme();
  const body = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = `mfa-${testId.replace(/^chart-/, '')}-${new Date().toISOString().slice(0, 10)}`;
  const png = async () => {
    const svg = body.current?.querySelector('svg');
    if (!svg) return setProblem('Nothing is drawn yet.');
    try {
      download(await svgToPng(svg, theme.palette.background.paper), `${name}.png`);
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Paper
      sx={{ p: 2, minWidth: 0, gridColumn: wide ? '1 / -1' : undefined }}
      component="section"
      aria-label={title}
      data-testid={testId}
    >
      <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          {title}
        </Typography>
        {table && (
          <Button
            size="small"
            aria-label={`Export ${title} as CSV`}
            onClick={() => download(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`)}
          >
            CSV
          </Button>
        )}
        <Button size="small" aria-label={`Export ${title} as PNG`} onClick={() => void png()}>
          PNG
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {hint}
      </Typography>
      <div ref={body}>{children}</div>
      {readout !== undefined && (
        <Typography
          variant="body2"
          component="p"
          aria-live="polite"
          data-testid={`${testId}-readout`}
          sx={{ mt: 1, minHeight: '1.5em', color: readout ? 'text.primary' : 'text.secondary' }}
        >
          {readout ??
            'Point at or tab to a bar, cell or point for its figures; click or press Enter to open its rows in the error log.'}
        </Typography>
      )}
      {problem && (
        <Typography variant="caption" color="error" role="alert">
          {problem}
        </Typography>
      )}
    </Paper>
  );
}

import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { api } from '../../api';
import { useRefreshSignal } from '../../app/refresh';
import { When } from '../../components/When';
import { useApiQuery } from '../../hooks/useApiQuery';

export const bytes = (n: number) =>
  n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(1)} GB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MB`
      : n >= 1024
        ? `${(n / 1024).toFixed(0)} KB`
        : `${n} B`;

/** The workspace's import history: every file imported, by whom, when, and what became of its records. */
export function SourcesPanel() {
  const signal = useRefreshSignal();
  const sources = useApiQuery(() => api.importSources({}), [signal]);
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Sources
        </Typography>
        {sources.error && <Alert severity="error">{sources.error.message}</Alert>}
        {sources.data && sources.data.length === 0 && (
          <Typography color="text.secondary">No file has been imported into this workspace yet.</Typography>
        )}
        {sources.data && sources.data.length > 0 && (
          <Table size="small" aria-label="Imported files" data-testid="sources-table">
            <TableHead>
              <TableRow>
                <TableCell>File</TableCell>
                <TableCell>Format</TableCell>
                <TableCell align="right">Size</TableCell>
                <TableCell align="right">Records</TableCell>
                <TableCell align="right">Imported</TableCell>
                <TableCell align="right">Duplicates</TableCell>
                <TableCell align="right">Rejected</TableCell>
                <TableCell>Imported at</TableCell>
                <TableCell>By</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sources.data.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Tooltip title={`SHA-256 ${s.sha256}`}>
                      <span>{s.fileName}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    {s.format}
                    {s.timezone ? ` (${s.timezone})` : ''}
                  </TableCell>
                  <TableCell align="right">{bytes(s.size)}</TableCell>
                  <TableCell align="right">{s.records.toLocaleString('en')}</TableCell>
                  <TableCell align="right">{s.imported.toLocaleString('en')}</TableCell>
                  <TableCell align="right">{s.duplicates.toLocaleString('en')}</TableCell>
                  <TableCell align="right">
                    <Tooltip title={s.rejectionReport ?? ''}>
                      <span>{s.rejected.toLocaleString('en')}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <When ms={s.importedAt} />
                  </TableCell>
                  <TableCell>{s.operator ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

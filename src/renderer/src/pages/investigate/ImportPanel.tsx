import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ImportDetection, ImportStatusValue } from '../../../../shared/contract';
import { eventLabel } from '../../../../shared/events';
import type { ApiError } from '../../../../shared/result';
import { api, shellKind } from '../../api';
import { useRefresh } from '../../app/refresh';
import { bytes } from './SourcesPanel';
import { uploadFile } from './upload';
import { DropOverlay, useWindowDrop } from './WindowDrop';
import { useWorkspace } from '../../app/workspace';

const POLL_MS = 250;

function timeLeft(ms: number | null): string {
  if (ms === null) return 'estimating time left';
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `about ${s} s left` : `about ${Math.ceil(s / 60)} min left`;
}

/** Files in, their formats said before anything is written, then the import with progress and Cancel. */
export function ImportPanel() {
  const refresh = useRefresh();
  const [detected, setDetected] = useState<ImportDetection[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [timezone, setTimezone] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [job, setJob] = useState<ImportStatusValue | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const workspaceName = useWorkspace().status?.open?.name ?? 'the workspace';

  const detect = async (files: { path: string; name?: string }[]) => {
    setBusy('Reading the files’ formats…');
    const result = await api.importDetect({ files });
    setBusy(null);
    if (result.ok) setDetected(result.value.map((d, i) => ({ ...d, file: files[i].name ?? d.file })));
    else setError(result.error);
  };

  const picked = async (list: FileList | File[]) => {
    const files = [...list];
    if (files.length === 0) return;
    setError(null);
    setJob(null);
    setDetected(null);
    if (window.mfaFiles) {
      // The desktop app: the files' own paths, read and granted by the preload and main process.
      setBusy('Reading the dropped files…');
      const result = await window.mfaFiles.droppedPaths(files);
      setBusy(null);
      if (!result.ok) return setError(result.error);
      return detect(result.value);
    }
    const uploaded: { path: string; name: string }[] = [];
    for (const file of files) {
      setBusy(`Uploading ${file.name} (${bytes(file.size)})…`);
      const result = await uploadFile(file);
      if (!result.ok) {
        setBusy(null);
        setError(result.error);
        return;
      }
      uploaded.push({ path: result.value.path, name: file.name });
    }
    await detect(uploaded);
  };

  const choose = async () => {
    if (shellKind === 'web') return input.current?.click();
    const result = await api.importChooseFiles({});
    if (result.ok && result.value.paths) {
      setJob(null);
      await detect(result.value.paths.map((path) => ({ path })));
    }
  };

  const start = async () => {
    if (!detected) return;
    setError(null);
    const result = await api.importStart({
      files: detected.map((d) => ({ path: d.path, name: d.file })),
      ...(timezone.trim() ? { timezone: timezone.trim() } : {}),
      skipInvalid,
    });
    if (result.ok) setJob(result.value);
    else setError(result.error);
  };

  const running = job?.state === 'running';
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = window.setTimeout(async () => {
      const result = await api.importStatus({ id: job.id });
      if (!result.ok) return setError(result.error);
      setJob(result.value);
      if (result.value.state !== 'running') {
        if (result.value.state === 'done') setDetected(null);
        refresh();
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job, refresh]);

  const needsZone = detected?.some((d) => d.needsTimezone) ?? false;
  const blocked = !detected || detected.some((d) => d.error) || (needsZone && !timezone.trim());
  const over = useWindowDrop(!busy && !running, (files) => void picked(files));
  const progress = job?.progress;
  const percent = progress && progress.totalBytes > 0 ? (100 * progress.bytesRead) / progress.totalBytes : 0;

  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Import log files
        </Typography>
        {over && <DropOverlay workspace={workspaceName} />}
        <Box
          data-testid="drop-zone"
          sx={{
            border: 2,
            borderStyle: 'dashed',
            borderColor: over ? 'primary.main' : 'divider',
            borderRadius: 1,
            p: 3,
            textAlign: 'center',
            mb: 2,
          }}
        >
          <Typography sx={{ mb: 1 }}>
            Drop exported MFA log files anywhere on the window, or choose them: Okta, Duo, Entra, Auth0, Twilio,
            privacyIDEA or this console’s own exports. Several at once.
          </Typography>
          <Button variant="outlined" onClick={choose} disabled={Boolean(busy) || running}>
            Choose files…
          </Button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-label="Files to import"
            data-testid="import-files"
            onChange={(e) => {
              if (e.target.files) void picked(e.target.files);
              e.target.value = '';
            }}
          />
        </Box>
        {busy && (
          <Typography role="status" color="text.secondary">
            {busy}
          </Typography>
        )}
        {detected && !running && (
          <>
            <Table size="small" aria-label="Files to import" data-testid="detected-table">
              <TableHead>
                <TableRow>
                  <TableCell>File</TableCell>
                  <TableCell align="right">Size</TableCell>
                  <TableCell>Detected format</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {detected.map((d) => (
                  <TableRow key={d.path}>
                    <TableCell>{d.file}</TableCell>
                    <TableCell align="right">{d.error ? '—' : bytes(d.size)}</TableCell>
                    <TableCell>
                      {d.error ? (
                        <Typography color="error" variant="body2">
                          {d.error.message}
                        </Typography>
                      ) : (
                        <>
                          {d.label}{' '}
                          <Typography component="span" variant="body2" color="text.secondary">
                            ({d.format})
                          </Typography>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 2, alignItems: { md: 'center' } }}>
              {needsZone && (
                <TextField
                  label="Time zone of the log’s times"
                  placeholder="Europe/Berlin"
                  helperText="Its times carry no UTC offset: the server’s zone (IANA name or +02:00)"
                  size="small"
                  value={timezone}
                  onChange={(e) => setTimezone(e.target.value)}
                />
              )}
              <FormControlLabel
                control={<Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />}
                label="Skip invalid records (and list them in a rejection report)"
              />
              <Box sx={{ flex: 1 }} />
              <Button variant="contained" onClick={start} disabled={blocked}>
                Import {detected.length} file{detected.length === 1 ? '' : 's'}
              </Button>
            </Stack>
          </>
        )}
        {running && (
          <Box sx={{ mt: 2 }} data-testid="import-progress">
            <LinearProgress variant="determinate" value={percent} aria-label="Import progress" />
            <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
              <Typography variant="body2" role="status">
                {progress?.phase === 'indexing'
                  ? 'Building the search index and daily counts…'
                  : `${(progress?.records ?? 0).toLocaleString('en')} records · ${job.recordsPerSecond.toLocaleString('en')} records/s · ${timeLeft(job.timeLeftMs)}`}
              </Typography>
              <Box sx={{ flex: 1 }} />
              <Button color="warning" variant="outlined" onClick={() => api.importCancel({ id: job.id })}>
                Cancel
              </Button>
            </Stack>
          </Box>
        )}
        {job?.state === 'cancelled' && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {job.error?.message}
          </Alert>
        )}
        {job?.state === 'failed' && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="import-failed">
            Nothing was imported. {job.error?.message}
          </Alert>
        )}
        {job?.state === 'done' && job.result && (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="import-summary">
            <Typography sx={{ mb: 1 }}>
              Imported {job.result.imported.toLocaleString('en')} events ({job.result.duplicates.toLocaleString('en')}{' '}
              already in the workspace) in {(job.result.elapsedMs / 1000).toFixed(1)} s. They are searchable now.
            </Typography>
            {job.result.files.map((f) => (
              <Typography variant="body2" key={f.path}>
                <strong>{f.file}</strong>: {f.records.toLocaleString('en')} records, {f.imported.toLocaleString('en')}{' '}
                imported
                {f.duplicates ? `, ${f.duplicates} duplicates` : ''}
                {f.ignored ? `, ${f.ignored} of kinds without an event type` : ''}
                {f.rejectedCount ? `, ${f.rejectedCount} rejected (report: ${f.rejectionReport})` : ''}
                {Object.keys(f.byType).length > 0 &&
                  ` — ${Object.entries(f.byType)
                    .map(([type, n]) => `${eventLabel(type)} ${n}`)
                    .join(', ')}`}
              </Typography>
            ))}
            {job.after && (
              <Typography
                variant="body2"
                sx={{ mt: 1 }}
                color={job.after.error ? 'error' : undefined}
                data-testid="import-incidents"
              >
                {job.after.message}
              </Typography>
            )}
            <Button component={RouterLink} to="/errors?all=1" size="small" sx={{ mt: 1 }}>
              Explore in the Error log
            </Button>
            {job.after && !job.after.error && (
              <Button component={RouterLink} to="/trends" size="small" sx={{ mt: 1, ml: 1 }}>
                Incidents on Trends
              </Button>
            )}
          </Alert>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

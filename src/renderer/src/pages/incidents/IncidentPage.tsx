import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { providerCode } from '../../../../shared/provider-codes';
import { zonedText } from '../../../../shared/time-text';
import { api } from '../../api';
import { operatorTimeZone } from '../../app/time-zone';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useWorkspace } from '../../app/workspace';
import { When, ZoneNote } from '../../components/When';
import { ChartCard } from '../trends/ChartCard';
import { KIND_LABEL, percent, rateSentence } from './format';
import { IncidentRemedy } from './IncidentRemedy';

const ROLE_LABEL = { failed: 'Deliveries failed', locked: 'Locked', cooldown: 'Cooldown' } as const;

/** One incident: since when, how far above its baseline, the codes behind it and the users it hit. */
export function IncidentPage() {
  const id = Number(useParams().id);
  const theme = useTheme();
  const detail = useApiQuery(() => api.incidentDetail({ id }), [id]);
  // In a workspace the users are the imported events' emails or phones: no live account to open.
  const readOnlyReason = useWorkspace().status?.readOnlyReason ?? null;
  if (detail.error) return <Alert severity="error">{detail.error.message}</Alert>;
  if (!detail.data) return <CircularProgress aria-label="Loading incident" />;
  const { incident: i, hourly, topCodes, users, totalUsers } = detail.data;
  const pumping = i.kind === 'pumping';
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const series = hourly.map((h) => ({ ...h, percent: h.rate == null ? null : Math.round(h.rate * 1000) / 10 }));
  const code = providerCode(i.topCode);
  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 2 }}>
        <Breadcrumbs>
          <Link component={RouterLink} to="/trends">
            Trends
          </Link>
          <Typography>{i.label}</Typography>
        </Breadcrumbs>
        <ZoneNote />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {i.label}
        </Typography>
        <Chip label={KIND_LABEL[i.kind]} variant="outlined" />
        {i.endedAt === null ? <Chip color="error" label="Ongoing" /> : <Chip label="Over" />}
      </Stack>
      <Paper sx={{ p: 2 }} component="section" aria-label="Summary" data-testid="incident-summary">
        <Typography>
          Since <When ms={i.startedAt} />
          {i.endedAt !== null && (
            <>
              {' '}
              until <When ms={i.endedAt} />
            </>
          )}
          : {rateSentence(i)}.{' '}
          {pumping
            ? `${i.sends} sends where a normal hour has a fraction of that.`
            : `${i.failures} failed messages out of ${i.sends} attempts.`}{' '}
          {totalUsers} user{totalUsers === 1 ? '' : 's'} affected.
        </Typography>
        {code && (
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            Mostly {code.code} ({code.title}): {code.meaning} {code.helpdeskAction}
          </Typography>
        )}
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          Evidence: exact one-sided Poisson test against this key&apos;s own rate for these hours of the week (p ={' '}
          {i.pValue.toExponential(1)}, corrected for every key tested); the onset is the change point of the failures
          minute by minute. Detected <When ms={i.detectedAt} />.
        </Typography>
      </Paper>
      <ChartCard
        title={pumping ? 'Conversion per hour' : 'Failure rate per hour'}
        hint={`The key's hours from a day before to a day after, beside its usual ${percent(i.baselineRate)} (dashed).`}
        testId="incident-chart"
      >
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={series}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
            <XAxis
              dataKey="hour"
              tick={axis}
              tickFormatter={(ms: number) => zonedText(ms, operatorTimeZone()).slice(5)}
              minTickGap={40}
            />
            <YAxis tick={axis} unit="%" domain={[0, 100]} />
            <Tooltip
              contentStyle={{
                background: theme.palette.background.paper,
                border: `1px solid ${theme.palette.divider}`,
              }}
              labelFormatter={(ms) => zonedText(Number(ms), operatorTimeZone())}
              formatter={(value, _n, item) => {
                const row = item.payload as (typeof series)[number];
                return [
                  `${value}% (${pumping ? `${row.conversions} of ${row.sends} converted` : `${row.failures} of ${row.sends}`})`,
                  pumping ? 'Converted' : 'Failed',
                ];
              }}
            />
            <Legend
              formatter={() => (
                <span style={{ color: theme.palette.text.primary }}>
                  {pumping ? 'Converted' : 'Failed'}, % per hour
                </span>
              )}
              wrapperStyle={{ fontSize: 12 }}
            />
            <ReferenceLine
              y={Math.round(i.baselineRate * 1000) / 10}
              stroke={theme.palette.text.secondary}
              strokeDasharray="6 4"
            />
            <Line
              dataKey="percent"
              stroke={theme.palette.mode === 'dark' ? '#ef9a9a' : '#c62828'}
              dot={false}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 2fr)' },
          gap: 2,
          alignItems: 'start',
        }}
      >
        <Paper sx={{ p: 2 }} component="section" aria-label="Error codes">
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Error codes
          </Typography>
          {topCodes.length === 0 && <Typography color="text.secondary">No provider codes.</Typography>}
          <Table size="small" aria-label="Error codes in the incident">
            <TableBody>
              {topCodes.map((c) => (
                <TableRow key={c.code}>
                  <TableCell>{c.code}</TableCell>
                  <TableCell>{c.title ?? '—'}</TableCell>
                  <TableCell align="right">{c.failures}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
        <Paper sx={{ p: 2 }} component="section" aria-label="Affected users">
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Affected users ({totalUsers})
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
            Users whose deliveries failed during it; locked or cooldown when that followed their failed deliveries in it
            (or within the hour after).
          </Typography>
          {readOnlyReason && (
            <Alert severity="info" sx={{ mb: 1 }} data-testid="incident-users-workspace">
              From the imported events (by email, or phone where the file names no user). Whether they can sign in now
              and the bulk unlock or cooldown reset are live-only: {readOnlyReason}
            </Alert>
          )}
          {!pumping && !readOnlyReason && <IncidentRemedy incidentId={i.id} users={users} onDone={detail.reload} />}
          <Table size="small" aria-label="Users affected by the incident">
            <TableHead>
              <TableRow>
                <TableCell>User</TableCell>
                <TableCell>What happened</TableCell>
                <TableCell align="right">Failures</TableCell>
                <TableCell>Now</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((u) => (
                <TableRow key={`${u.id}:${u.email}`}>
                  <TableCell>
                    {readOnlyReason ? (
                      u.name
                    ) : (
                      <Link component={RouterLink} to={`/users/${encodeURIComponent(u.email)}`}>
                        {u.name}
                      </Link>
                    )}
                  </TableCell>
                  <TableCell>{u.roles.map((r) => ROLE_LABEL[r]).join(', ')}</TableCell>
                  <TableCell align="right">{u.failures}</TableCell>
                  <TableCell>
                    {readOnlyReason
                      ? 'Not known in a workspace'
                      : u.lockedNow
                        ? 'Locked'
                        : u.coolingDownNow
                          ? 'In cooldown'
                          : 'Can sign in'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {totalUsers > users.length && (
            <Typography variant="caption" color="text.secondary">
              The {users.length} with the most failures of {totalUsers}; `mfa-console incident {i.id} --users` lists
              them all.
            </Typography>
          )}
        </Paper>
      </Box>
    </Stack>
  );
}

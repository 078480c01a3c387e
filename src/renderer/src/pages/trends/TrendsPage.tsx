import { useMemo, useState } from 'react';
import { Route, Routes } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { eventLabel, type EventTypeId } from '../../../../shared/events';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useWorkspace } from '../../app/workspace';
import { operatorTimeZone } from '../../app/time-zone';
import { IncidentPage } from '../incidents/IncidentPage';
import { IncidentsCard } from '../incidents/IncidentsCard';
import { RepeatFailuresCard } from '../incidents/RepeatFailuresCard';
import { ChartCard } from './ChartCard';
import { colourFor } from './palette';
import { hourSpan } from './clock-labels';
import { explorerHref, FAILURE_TYPES } from './drilldown';
import { linkedBar, linkedDot } from './LinkedShapes';
import { TrendViews } from './TrendViews';

const n = (v: number) => v.toLocaleString('en');

const DAY = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PRESETS = [7, 30, 90];

/** Trends and, under it, one incident's page (/trends/incidents/:id). */
export function TrendsPage() {
  return (
    <Routes>
      <Route index element={<TrendsCharts />} />
      <Route path="incidents/:id" element={<IncidentPage />} />
    </Routes>
  );
}

/** Admins' view of provider and carrier failures over time, the incidents first. */
function TrendsCharts() {
  const theme = useTheme();
  const today = isoDay(Date.now());
  // In a workspace, the imported events' own span: an investigation is usually of months ago.
  const workspace = useWorkspace().status?.open;
  const span = workspace?.firstEventAt != null && workspace.lastEventAt != null ? workspace : null;
  const [range, setRange] = useState(
    span
      ? { from: isoDay(span.firstEventAt!), to: isoDay(span.lastEventAt!) }
      : { from: isoDay(Date.now() - 29 * DAY), to: today },
  );
  const data = useApiQuery(() => api.trends(range), [range.from, range.to]);
  const timeZone = useMemo(operatorTimeZone, []);
  const views = useApiQuery(() => api.trendViews({ ...range, timeZone }), [range.from, range.to, timeZone]);
  const [readout, setReadout] = useState<Record<string, string | null>>({});
  const show = (chart: string) => (text: string | null) => setReadout((r) => ({ ...r, [chart]: text }));
  // The per-day charts count UTC days (the daily rollup): their links say so, so the rows match.
  const utcDay = (day: string) => ({ from: day, to: day, timeZone: 'UTC' });
  const preset = PRESETS.find((d) => range.to === today && range.from === isoDay(Date.now() - (d - 1) * DAY));
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const v = data.data;
  const w = views.data;
  // Failures by hour of day, in the operator's zone: the weekday x hour cells summed over the week.
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    failures: (w?.weekdayHour ?? []).filter((c) => c.hour === hour).reduce((sum, c) => sum + c.failures, 0),
  }));
  // Legend words in the text colour: the swatch carries the series colour, the words stay readable.
  const legendText = (text: string) => <span style={{ color: theme.palette.text.primary }}>{text}</span>;

  return (
    <Stack spacing={3}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ mr: 2 }}>
          Trends
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={preset ?? null}
          onChange={(_, days: number | null) =>
            days && setRange({ from: isoDay(Date.now() - (days - 1) * DAY), to: today })
          }
        >
          {PRESETS.map((d) => (
            <ToggleButton key={d} value={d}>
              Last {d} days
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <TextField
          type="date"
          size="small"
          label="From"
          value={range.from}
          onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          size="small"
          label="To"
          value={range.to}
          onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Typography variant="caption" color="text.secondary">
          Per-day charts count UTC days; the others are in {timeZone}. Both ends included.
        </Typography>
      </Stack>
      <IncidentsCard from={Date.parse(`${range.from}T00:00:00Z`)} to={Date.parse(`${range.to}T00:00:00Z`) + DAY - 1} />
      <RepeatFailuresCard range={range} />
      {data.error && <Alert severity="error">{data.error.message}</Alert>}
      {views.error && <Alert severity="error">{views.error.message}</Alert>}
      {v && w && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
          <ChartCard
            title="Errors per day"
            hint="What users met, by type: a wall of one colour is an incident."
            testId="chart-daily"
            readout={readout.daily ?? null}
            table={{
              columns: ['day', ...v.types],
              rows: v.daily.map((d) => [d.day, ...v.types.map((t) => Number(d[t] ?? 0))]),
            }}
          >
            <ResponsiveContainer width="100%" height={280}>
              <BarChart accessibilityLayer={false} data={v.daily}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="day" tick={axis} tickFormatter={(d: string) => d.slice(5)} />
                <YAxis tick={axis} allowDecimals={false} />
                <Legend formatter={(key: string) => legendText(eventLabel(key))} wrapperStyle={{ fontSize: 12 }} />
                {v.types.map((t, i) => (
                  <Bar
                    key={t}
                    dataKey={t}
                    name={t}
                    stackId="errors"
                    fill={colourFor(t, i, theme.palette.mode)}
                    isAnimationActive={false}
                    activeBar={false}
                    shape={linkedBar(
                      (d: (typeof v.daily)[number]) => ({
                        href: explorerHref({ ...utcDay(d.day), types: [t as EventTypeId] }),
                        label: `${d.day} (UTC): ${n(Number(d[t] ?? 0))} ${eventLabel(t)}`,
                      }),
                      show('daily'),
                    )}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            title="SMS failures by carrier"
            hint="Carriers with the most failed deliveries; the rate is failures per attempted delivery."
            testId="chart-carriers"
            readout={readout.carriers ?? null}
            table={{
              columns: ['carrier', 'sms_failures', 'sent', 'rate', 'top_code'],
              rows: v.carriers.map((c) => [c.carrier, c.failures, c.sent, c.rate, c.topCode]),
            }}
          >
            <ResponsiveContainer width="100%" height={280}>
              <BarChart accessibilityLayer={false} data={v.carriers} layout="vertical" margin={{ left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis type="number" tick={axis} allowDecimals={false} />
                <YAxis type="category" dataKey="carrier" tick={axis} width={120} interval={0} />
                <Bar
                  dataKey="failures"
                  fill={colourFor('sms_failure', 0, theme.palette.mode)}
                  isAnimationActive={false}
                  activeBar={false}
                  shape={linkedBar((row: (typeof v.carriers)[number]) => {
                    const rate = row.rate === null ? '' : ` (${(row.rate * 100).toFixed(1)}% of deliveries)`;
                    return {
                      href: explorerHref({
                        from: range.from,
                        to: range.to,
                        timeZone: 'UTC',
                        carrier: row.carrier,
                        types: ['sms_failure'],
                      }),
                      label: `${row.carrier}: ${n(row.failures)} ${eventLabel('sms_failure')}${rate}${row.topCode ? `, mostly ${row.topCode}` : ''}`,
                    };
                  }, show('carriers'))}
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            title="Provider failures per day"
            hint="MFA Provider Failure by error code (500: the provider failed)."
            testId="chart-provider"
            readout={readout.provider ?? null}
            table={{
              columns: ['day', ...v.providerCodes],
              rows: v.providerDaily.map((d) => [d.day, ...v.providerCodes.map((c) => Number(d[c] ?? 0))]),
            }}
          >
            <ResponsiveContainer width="100%" height={260}>
              <LineChart accessibilityLayer={false} data={v.providerDaily}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="day" tick={axis} tickFormatter={(d: string) => d.slice(5)} />
                <YAxis tick={axis} allowDecimals={false} />
                <Legend formatter={(key: string) => legendText(`Error Code: ${key}`)} wrapperStyle={{ fontSize: 12 }} />
                {v.providerCodes.map((code, i) => (
                  <Line
                    key={code}
                    dataKey={code}
                    stroke={colourFor(code, i + 1, theme.palette.mode)}
                    activeDot={false}
                    dot={linkedDot(
                      (d: (typeof v.providerDaily)[number]) =>
                        Number(d[code] ?? 0) === 0
                          ? null
                          : {
                              href: explorerHref({
                                ...utcDay(d.day),
                                ...(code === 'unknown' ? {} : { code }),
                                types: ['mfa_provider_failure'],
                              }),
                              label: `${d.day} (UTC): ${n(Number(d[code]))} ${eventLabel('mfa_provider_failure')}, Error Code: ${code}`,
                            },
                      show('provider'),
                      colourFor(code, i + 1, theme.palette.mode),
                    )}
                    strokeWidth={2}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            title={`Failures by hour of day (${w.timeZone})`}
            hint="SMS and provider failures: peaks at the start of the work day point to carrier congestion."
            testId="chart-hours"
            readout={readout.hours ?? null}
            table={{ columns: ['hour', 'failures'], rows: hours.map((h) => [h.hour, h.failures]) }}
          >
            <ResponsiveContainer width="100%" height={260}>
              <BarChart accessibilityLayer={false} data={hours}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="hour" tick={axis} tickFormatter={(h: number) => String(h).padStart(2, '0')} />
                <YAxis tick={axis} allowDecimals={false} />
                <Bar
                  dataKey="failures"
                  name="Failures"
                  fill={theme.palette.primary.main}
                  isAnimationActive={false}
                  activeBar={false}
                  shape={linkedBar(
                    (h: (typeof hours)[number]) => ({
                      href: explorerHref({ ...range, hourOfDay: h.hour, types: [...FAILURE_TYPES] }),
                      label: `${hourSpan(h.hour)} ${w.timeZone}: ${n(h.failures)} failures`,
                    }),
                    show('hours'),
                  )}
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
          <TrendViews v={w} range={range} />
        </Box>
      )}
    </Stack>
  );
}

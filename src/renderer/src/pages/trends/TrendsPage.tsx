import { useState } from 'react';
import { Route, Routes } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { eventLabel } from '../../../../shared/events';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useWorkspace } from '../../app/workspace';
import { IncidentPage } from '../incidents/IncidentPage';
import { IncidentsCard } from '../incidents/IncidentsCard';
import { RepeatFailuresCard } from '../incidents/RepeatFailuresCard';
import { ChartCard } from './ChartCard';
import { colourFor } from './palette';

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
  const preset = PRESETS.find((d) => range.to === today && range.from === isoDay(Date.now() - (d - 1) * DAY));
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const tooltip = {
    contentStyle: { background: theme.palette.background.paper, border: `1px solid ${theme.palette.divider}` },
  };
  const v = data.data;
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
          Days are UTC days; both ends included.
        </Typography>
      </Stack>
      <IncidentsCard from={Date.parse(`${range.from}T00:00:00Z`)} to={Date.parse(`${range.to}T00:00:00Z`) + DAY - 1} />
      <RepeatFailuresCard range={range} />
      {data.error && <Alert severity="error">{data.error.message}</Alert>}
      {v && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
          <ChartCard
            title="Errors per day"
            hint="What users met, by type: a wall of one colour is an incident."
            testId="chart-daily"
          >
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={v.daily}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="day" tick={axis} tickFormatter={(d: string) => d.slice(5)} />
                <YAxis tick={axis} allowDecimals={false} />
                <Tooltip {...tooltip} />
                <Legend formatter={(key: string) => legendText(eventLabel(key))} wrapperStyle={{ fontSize: 12 }} />
                {v.types.map((t, i) => (
                  <Bar
                    key={t}
                    dataKey={t}
                    name={t}
                    stackId="errors"
                    fill={colourFor(t, i, theme.palette.mode)}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            title="SMS failures by carrier"
            hint="Carriers with the most failed deliveries; the rate is failures per attempted delivery."
            testId="chart-carriers"
          >
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={v.carriers} layout="vertical" margin={{ left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis type="number" tick={axis} allowDecimals={false} />
                <YAxis type="category" dataKey="carrier" tick={axis} width={120} interval={0} />
                <Tooltip
                  {...tooltip}
                  formatter={(value, _name, item) => {
                    const row = item.payload as (typeof v.carriers)[number];
                    const rate = row.rate === null ? '' : ` (${(row.rate * 100).toFixed(1)}% of deliveries)`;
                    return [`${value}${rate}${row.topCode ? `, mostly ${row.topCode}` : ''}`, 'Failures'];
                  }}
                />
                <Bar
                  dataKey="failures"
                  fill={colourFor('sms_failure', 0, theme.palette.mode)}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            title="Provider failures per day"
            hint="MFA Provider Failure by error code (500: the provider failed)."
            testId="chart-provider"
          >
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={v.providerDaily}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="day" tick={axis} tickFormatter={(d: string) => d.slice(5)} />
                <YAxis tick={axis} allowDecimals={false} />
                <Tooltip {...tooltip} />
                <Legend formatter={(key: string) => legendText(`Error Code: ${key}`)} wrapperStyle={{ fontSize: 12 }} />
                {v.providerCodes.map((code, i) => (
                  <Line
                    key={code}
                    dataKey={code}
                    stroke={colourFor(code, i + 1, theme.palette.mode)}
                    dot={false}
                    strokeWidth={2}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </ChartCard>
          <ChartCard
            title="Failures by hour of day (UTC)"
            hint="SMS and provider failures: peaks at the start of the work day point to carrier congestion."
            testId="chart-hours"
          >
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={v.hours}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="hour" tick={axis} tickFormatter={(h: number) => String(h).padStart(2, '0')} />
                <YAxis tick={axis} allowDecimals={false} />
                <Tooltip
                  {...tooltip}
                  labelFormatter={(h) => `${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59 UTC`}
                />
                <Bar dataKey="failures" name="Failures" fill={theme.palette.primary.main} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </Box>
      )}
    </Stack>
  );
}

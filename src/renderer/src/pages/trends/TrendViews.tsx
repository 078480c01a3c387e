import { useState } from 'react';
import { useTheme } from '@mui/material/styles';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { StatsRow, TrendViewsValue } from '../../../../shared/contract/trends';
import { ChartCard } from './ChartCard';
import { WEEKDAY_NAMES, hourSpan } from './clock-labels';
import { explorerHref, FAILURE_TYPES, type DayRange } from './drilldown';
import { Heatmap, type HeatCell } from './Heatmap';
import { linkedBar } from './LinkedShapes';
import { colourFor } from './palette';

const n = (v: number) => v.toLocaleString('en');
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const CARRIER_ROWS = 8;
/** Attempts as the rates count them: a failure always belongs to a send, logged or not (docs/incidents.md). */
const attempts = (r: StatsRow | undefined) => (r ? Math.max(r.sends + r.providerFailures, r.failures) : 0);
const of = (count: number, noun: string) => `${n(count)} ${noun}${count === 1 ? '' : 's'}`;

/** Carrier x day, weekday x hour, failure rate and conversion by carrier and by country. */
export function TrendViews({ v, range }: { v: TrendViewsValue; range: DayRange }) {
  return (
    <>
      <CarrierDayCard v={v} range={range} />
      <WeekdayHourCard v={v} range={range} />
      <RateCard v={v} range={range} dimension="carrier" measure="failure" />
      <RateCard v={v} range={range} dimension="country" measure="failure" />
      <RateCard v={v} range={range} dimension="carrier" measure="conversion" />
      <RateCard v={v} range={range} dimension="country" measure="conversion" />
    </>
  );
}

function CarrierDayCard({ v, range }: { v: TrendViewsValue; range: DayRange }) {
  const [readout, setReadout] = useState<string | null>(null);
  const totals = new Map<string, number>();
  for (const r of v.carrierDay) totals.set(r.carrier!, (totals.get(r.carrier!) ?? 0) + r.failures);
  const carriers = [...totals.entries()]
    .filter(([, f]) => f > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, CARRIER_ROWS)
    .map(([c]) => c);
  const days: string[] = [];
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= Date.parse(`${range.to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  const at = new Map(v.carrierDay.map((r) => [`${r.carrier}|${r.day}`, r]));
  const cells: HeatCell[] = [];
  carriers.forEach((carrier, row) =>
    days.forEach((day, col) => {
      const r = at.get(`${carrier}|${day}`);
      cells.push({
        row,
        col,
        value: r?.failures ?? 0,
        href: explorerHref({ carrier, from: day, to: day, types: [...FAILURE_TYPES] }),
        label: `${carrier}, ${day}: ${n(r?.failures ?? 0)} failures of ${of(attempts(r), 'attempt')} (${pct(r?.failureRate ?? null)})`,
      });
    }),
  );
  return (
    <ChartCard
      title={`Failures by carrier and day (${v.timeZone})`}
      hint="The carriers with the most failures, a row each: a dark run along a row is a carrier's incident."
      testId="chart-carrier-day"
      wide
      readout={readout}
      table={{
        columns: ['carrier', 'day', 'sends', 'failed_deliveries', 'provider_failures', 'failure_rate'],
        rows: v.carrierDay.map((r) => [
          r.carrier!,
          r.day!,
          r.sends,
          r.deliveryFailures,
          r.providerFailures,
          r.failureRate,
        ]),
      }}
    >
      {carriers.length === 0 ? (
        <EmptyNote />
      ) : (
        <Heatmap
          rows={carriers}
          cols={days.map((d) => d.slice(8))}
          cells={cells}
          label="Failures by carrier and day"
          onShow={setReadout}
          colLabelEvery={days.length > 40 ? 7 : days.length > 14 ? 2 : 1}
          rowLabelWidth={104}
          testId="heat-carrier-day"
        />
      )}
    </ChartCard>
  );
}

function WeekdayHourCard({ v, range }: { v: TrendViewsValue; range: DayRange }) {
  const [readout, setReadout] = useState<string | null>(null);
  const cells: HeatCell[] = v.weekdayHour.map((r) => ({
    row: r.weekday! - 1,
    col: r.hour!,
    value: r.failures,
    href: explorerHref({ ...range, weekday: r.weekday, hourOfDay: r.hour, types: [...FAILURE_TYPES] }),
    label: `${WEEKDAY_NAMES[r.weekday! - 1]}s ${hourSpan(r.hour!)}: ${n(r.failures)} failures of ${of(attempts(r), 'attempt')} (${pct(r.failureRate)})`,
  }));
  return (
    <ChartCard
      title={`Failures by weekday and hour (${v.timeZone})`}
      hint="When failures happen: a dark column is a time of day, a dark row a day of the week."
      testId="chart-weekday-hour"
      wide
      readout={readout}
      table={{
        columns: ['weekday', 'hour', 'sends', 'failed_deliveries', 'provider_failures', 'failure_rate'],
        rows: v.weekdayHour.map((r) => [
          WEEKDAY_NAMES[r.weekday! - 1],
          r.hour!,
          r.sends,
          r.deliveryFailures,
          r.providerFailures,
          r.failureRate,
        ]),
      }}
    >
      <Heatmap
        rows={WEEKDAY_NAMES.map((d) => d.slice(0, 3))}
        cols={Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))}
        cells={cells}
        label="Failures by weekday and hour of day"
        onShow={setReadout}
        colLabelEvery={3}
        rowLabelWidth={40}
        testId="heat-weekday-hour"
      />
    </ChartCard>
  );
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

function RateCard({
  v,
  range,
  dimension,
  measure,
}: {
  v: TrendViewsValue;
  range: DayRange;
  dimension: 'carrier' | 'country';
  measure: 'failure' | 'conversion';
}) {
  const theme = useTheme();
  const [readout, setReadout] = useState<string | null>(null);
  const source = dimension === 'carrier' ? v.carriers : v.countries;
  const failure = measure === 'failure';
  const rows = source
    .filter((r) => (failure ? attempts(r) > 0 : r.sends > 0))
    .map((r) => ({
      ...r,
      name: r[dimension]!,
      value: ((failure ? r.failureRate : r.conversionRate) ?? 0) * 100,
    }));
  const nameOf = (r: StatsRow) => (dimension === 'country' ? `${r.country} · ${countryName(r.country!)}` : r.carrier!);
  const link = (r: StatsRow) => ({
    href: explorerHref({
      ...range,
      [dimension]: r[dimension],
      types: failure ? [...FAILURE_TYPES] : ['code_sent', 'sign_in_succeeded'],
    }),
    label: failure
      ? `${nameOf(r)}: ${pct(r.failureRate)} of ${of(attempts(r), 'attempt')} failed (${n(r.failures)})`
      : `${nameOf(r)}: ${pct(r.conversionRate)} of ${n(r.sends)} sends converted (${n(r.conversions)} successful checks)`,
  });
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
  const fill = failure
    ? colourFor('account_lock', 0, theme.palette.mode)
    : colourFor('incorrect_phone_number', 0, theme.palette.mode);
  const title = `${failure ? 'Failure rate' : 'Conversion'} by ${dimension}`;
  return (
    <ChartCard
      title={title}
      hint={
        failure
          ? 'Failed deliveries and provider failures per attempt, beside how many attempts there were.'
          : 'Sends followed by a successful check: a collapse with a surge of sends is SMS pumping.'
      }
      testId={`chart-${measure}-${dimension}`}
      readout={readout}
      table={{
        columns: [
          dimension,
          'sends',
          'failed_deliveries',
          'provider_failures',
          'conversions',
          'failure_rate',
          'conversion_rate',
        ],
        rows: source.map((r) => [
          r[dimension]!,
          r.sends,
          r.deliveryFailures,
          r.providerFailures,
          r.conversions,
          r.failureRate,
          r.conversionRate,
        ]),
      }}
    >
      {rows.length === 0 ? (
        <EmptyNote />
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(120, 26 * rows.length + 40)}>
          <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 170 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
            <XAxis
              type="number"
              tick={axis}
              domain={[0, failure ? 'auto' : 100]}
              unit="%"
              stroke={theme.palette.text.secondary}
            />
            <YAxis
              type="category"
              dataKey="name"
              tick={axis}
              width={dimension === 'carrier' ? 120 : 40}
              interval={0}
              stroke={theme.palette.text.secondary}
            />
            <Bar
              dataKey="value"
              fill={fill}
              isAnimationActive={false}
              activeBar={false}
              shape={linkedBar(link, setReadout)}
            >
              <LabelList
                dataKey="value"
                position="right"
                fill={theme.palette.text.primary}
                fontSize={12}
                content={(p) => {
                  // Recharts may still draw the previous range's labels once after the rows change.
                  const r = rows[Number(p.index)] as (typeof rows)[number] | undefined;
                  if (!r) return null;
                  const x = Number(p.x) + Number(p.width) + 6;
                  const y = Number(p.y) + Number(p.height) / 2 + 4;
                  const volume = failure ? of(attempts(r), 'attempt') : of(r.sends, 'send');
                  return (
                    <text x={x} y={y} fill={theme.palette.text.primary} fontSize={12}>
                      {`${pct(failure ? r.failureRate : r.conversionRate)} · ${volume}`}
                    </text>
                  );
                }}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

function EmptyNote() {
  return <p style={{ margin: 0, opacity: 0.7 }}>No sends or failures in this range.</p>;
}

import type { Command } from 'commander';
import { STATS_BY, type StatsRow, type StatsValue } from '../../../shared/contract/trends';
import type { DbOptions } from '../session';
import { callAndPrint, printInvalid, withDbOptions, type SetExit } from './mfa-call';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pct = (v: number | null) => (v == null ? '-' : `${(100 * v).toFixed(1)}%`);
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The key columns each grouping prints, in order. */
const KEY_COLUMNS: Record<StatsValue['by'], (keyof StatsRow)[]> = {
  day: ['day'],
  hour: ['hour'],
  'weekday-hour': ['weekday', 'hour'],
  carrier: ['carrier'],
  country: ['country'],
  code: ['code'],
  'carrier-day': ['carrier', 'day'],
};

function cell(key: keyof StatsRow, row: StatsRow): string {
  if (key === 'hour') return `${String(row.hour).padStart(2, '0')}:00`;
  if (key === 'weekday') return WEEKDAYS[(row.weekday ?? 1) - 1];
  return String(row[key] ?? '-');
}

/** The groups as aligned columns, numbers right-aligned. */
function describe(v: StatsValue): string {
  if (!v.rows.length) return 'No sends, failures or conversions for these filters.';
  const keys = KEY_COLUMNS[v.by];
  const head = [...keys, 'sends', 'failed', 'provider', 'rate', 'converted'];
  const rows = v.rows.map((r) => [
    ...keys.map((k) => cell(k, r)),
    String(r.sends),
    String(r.deliveryFailures),
    String(r.providerFailures),
    pct(r.failureRate),
    pct(r.conversionRate),
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const lines = all.map((r) =>
    r
      .map((text, c) => (c < keys.length ? text.padEnd(widths[c]) : text.padStart(widths[c])))
      .join('  ')
      .trimEnd(),
  );
  return [...lines, `Times in ${v.timeZone}. Rate: failures per attempt; converted: successful checks per send.`].join(
    '\n',
  );
}

interface StatsOptions extends DbOptions {
  by?: string;
  from?: string;
  to?: string;
  tz?: string;
  carrier?: string;
  country?: string;
  code?: string;
  type?: string[];
  limit?: string;
}

export function registerStatsCommands(program: Command, setExit: SetExit): void {
  withDbOptions(
    program
      .command('stats')
      .description('sends, failures and conversions grouped one way (the Trends charts, from the same rollups)')
      .requiredOption('--by <grouping>', STATS_BY.join(' | '))
      .option('--from <date>', 'first day (YYYY-MM-DD, inclusive)')
      .option('--to <date>', 'last day (YYYY-MM-DD, inclusive)')
      .option('--tz <zone>', 'time zone for days, hours and weekdays: IANA name or offset (default UTC)')
      .option('--carrier <name>', 'one mobile network')
      .option('--country <cc>', 'two-letter destination country')
      .option('--code <code>', 'provider error code, e.g. 30007')
      .option(
        '--type <id>',
        'count only code_sent, sms_failure, mfa_provider_failure or sign_in_succeeded (repeatable)',
        collect,
      )
      .option('--limit <n>', 'for carrier, country and code: the most failing n (default 20)'),
  ).action(async (options: StatsOptions) => {
    if (options.limit !== undefined && !/^\d+$/.test(options.limit)) {
      printInvalid(options, setExit, `--limit: "${options.limit}" is not a whole number.`);
      return;
    }
    await callAndPrint<StatsValue>(
      options,
      setExit,
      'stats',
      {
        by: options.by,
        from: options.from,
        to: options.to,
        timeZone: options.tz,
        carrier: options.carrier,
        country: options.country,
        code: options.code,
        types: options.type,
        limit: options.limit === undefined ? undefined : Number(options.limit),
      },
      describe,
    );
  });
}

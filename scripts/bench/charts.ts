import type { Api } from '../../src/main/api';
import type { AppContext } from '../../src/main/context';

const DAY = 86_400_000;
const TYPES = `type IN ('code_sent', 'sms_failure', 'mfa_provider_failure', 'sign_in_succeeded')`;
const COUNTS = `SUM(type = 'code_sent') AS sends, SUM(type = 'sms_failure') AS failed,
  SUM(type = 'mfa_provider_failure') AS provider, SUM(type = 'sign_in_succeeded') AS converted`;

/** Each chart's figure straight from the event log (UTC), as the baseline the rollups are measured against. */
const RAW: Record<string, string> = {
  day: `SELECT date(occurred_at / 1000, 'unixepoch') AS k, ${COUNTS} FROM events WHERE ${TYPES} AND occurred_at >= ? AND occurred_at < ? GROUP BY 1`,
  hour: `SELECT (occurred_at / 3600000) % 24 AS k, ${COUNTS} FROM events WHERE ${TYPES} AND occurred_at >= ? AND occurred_at < ? GROUP BY 1`,
  'weekday-hour': `SELECT ((occurred_at / 86400000) + 3) % 7 AS w, (occurred_at / 3600000) % 24 AS k, ${COUNTS} FROM events WHERE ${TYPES} AND occurred_at >= ? AND occurred_at < ? GROUP BY 1, 2`,
  carrier: `SELECT carrier AS k, ${COUNTS} FROM events WHERE ${TYPES} AND occurred_at >= ? AND occurred_at < ? AND carrier != '' GROUP BY 1`,
  country: `SELECT country AS k, ${COUNTS} FROM events WHERE ${TYPES} AND occurred_at >= ? AND occurred_at < ? AND country != '' GROUP BY 1`,
  code: `SELECT provider_code AS k, COUNT(*) AS n FROM events WHERE type IN ('sms_failure', 'mfa_provider_failure') AND occurred_at >= ? AND occurred_at < ? AND provider_code != '' GROUP BY 1`,
  'carrier-day': `SELECT carrier AS c, date(occurred_at / 1000, 'unixepoch') AS k, ${COUNTS} FROM events WHERE ${TYPES} AND occurred_at >= ? AND occurred_at < ? AND carrier != '' GROUP BY 1, 2`,
};

/**
 * The Trends charts through the API (`stats` per grouping, `trendViews` for the page's four new views
 * at once), over 30 and 90 days in UTC and in Europe/London, beside the raw GROUP BY over the event
 * log for the same figure on the same database in the same process.
 */
export async function benchCharts(
  ctx: AppContext,
  api: Api,
  now: number,
  runs: number,
  time: (runs: number, work: () => Promise<unknown>) => Promise<{ median: number; p95: number }>,
  pair: (s: { median: number; p95: number }) => string,
): Promise<string[]> {
  const lines = ['', '### Charts (Trends, mfa-console stats)', ''];
  lines.push(
    '| chart | days | API (rollups), ms median / p95 | raw GROUP BY over events, ms | groups |',
    '|---|---|---|---|---|',
  );
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (const days of [30, 90]) {
    const range = { from: day(now - (days - 1) * DAY), to: day(now) };
    const bounds = [Date.parse(`${range.from}T00:00:00Z`), Date.parse(`${range.to}T00:00:00Z`) + DAY];
    for (const by of Object.keys(RAW)) {
      const input = { by, ...range, timeZone: 'Europe/London', limit: 20 };
      const first = await api.call('stats', input);
      if (!first.ok) throw new Error(`stats ${by}: ${first.error.message}`);
      const apiTimes = await time(runs, () => api.call('stats', input));
      const rawTimes = await time(Math.max(3, Math.floor(runs / 3)), () => ctx.db.query(RAW[by], bounds));
      const groups = (first.value as { rows: unknown[] }).rows.length;
      lines.push(`| stats --by ${by} | ${days} | ${pair(apiTimes)} | ${pair(rawTimes)} | ${groups} |`);
    }
    const views = await time(runs, () => api.call('trendViews', { ...range, timeZone: 'Europe/London' }));
    const rawViews = await time(Math.max(3, Math.floor(runs / 3)), async () => {
      for (const by of ['carrier-day', 'weekday-hour', 'carrier', 'country']) await ctx.db.query(RAW[by], bounds);
    });
    lines.push(`| trendViews (4 views) | ${days} | ${pair(views)} | ${pair(rawViews)} | - |`);
  }
  return lines;
}

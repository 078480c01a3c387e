import type { Api } from '../../src/main/api';
import type { AppContext } from '../../src/main/context';
import type { InjectedIncident } from '../../src/main/demo/injected';
import { measureQuality } from '../../src/main/incidents/quality';
import { detectIncidents } from '../../src/main/incidents/run';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const pct = (v: number | null) => (v == null ? '-' : `${(100 * v).toFixed(1)}%`);

/**
 * The incident detector on the bench's database: its quality against the generator's ground truth
 * (recall, onset error, false carrier incidents), the time of a full run over the rollups beside the
 * raw GROUP BY over the event log it avoids, an incremental run after a sync's back-filled events,
 * and the incident list through the API.
 */
export async function benchIncidents(
  ctx: AppContext,
  api: Api,
  injected: InjectedIncident[],
  now: number,
  days: number,
  runs: number,
  time: (runs: number, work: () => Promise<unknown>) => Promise<{ median: number; p95: number }>,
  pair: (s: { median: number; p95: number }) => string,
): Promise<string[]> {
  const lines: string[] = ['', '### Incident detection', ''];
  const full = await ctx.db.transaction((m) => detectIncidents(m, now, { full: true }));
  const fullTimes = await time(Math.max(3, Math.floor(runs / 5)), () =>
    ctx.db.transaction((m) => detectIncidents(m, now, { full: true })),
  );
  const rawGroupBy = await time(Math.max(3, Math.floor(runs / 5)), () =>
    ctx.db.query(
      `SELECT occurred_at / ${HOUR} AS hour, carrier, country, provider, provider_code,
         SUM(CASE WHEN type = 'code_sent' THEN 1 ELSE 0 END) AS sends,
         SUM(CASE WHEN type IN ('sms_failure', 'mfa_provider_failure') THEN 1 ELSE 0 END) AS failures
       FROM events WHERE type IN ('code_sent', 'sms_failure', 'mfa_provider_failure', 'sign_in_succeeded')
       GROUP BY 1, 2, 3, 4, 5`,
    ),
  );
  const incremental = await time(Math.max(3, Math.floor(runs / 5)), () =>
    ctx.db.transaction((m) => detectIncidents(m, now)),
  );
  const quality = await ctx.db.read((m) => measureQuality(m, injected, { from: now - days * DAY, to: now }));
  const list = await time(runs, () => api.call('incidentsList', { limit: 50 }));
  // The FAQ's lists and the directory's "Likely caused by an incident" over the last 30 days, beside
  // the plain scan of the same failures (the floor any GROUP BY of them pays).
  const month = { from: now - 30 * DAY, to: now };
  for (const [method, input] of [
    ['repeatFailingUsers', month],
    ['carriersWithAffectedUsers', month],
    ['listUsers', { filter: 'incident-caused' }],
  ] as const) {
    const answer = await api.call(method, input);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  }
  const repeat = await time(runs, () => api.call('repeatFailingUsers', month));
  const carriers = await time(runs, () => api.call('carriersWithAffectedUsers', month));
  const failureScan = await time(runs, () =>
    ctx.db.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT user_email) AS users FROM events
       WHERE type IN ('sms_failure', 'mfa_provider_failure') AND occurred_at >= ? AND occurred_at <= ?`,
      [month.from, month.to],
    ),
  );
  const caused = await time(runs, () => api.call('listUsers', { filter: 'incident-caused' }));
  const cooling = await time(runs, () => api.call('listUsers', { filter: 'cooldown' }));
  lines.push(
    `| figure | value | target |`,
    `|---|---|---|`,
    `| injected incidents with >= 30 failures found | ${quality.recallFound} of ${quality.recallEligible} (${pct(quality.recall)}) | >= 95% |`,
    `| worst onset error at >= 100 sends/hour | ${quality.worstOnsetMinutes == null ? '- (none that busy)' : `${quality.worstOnsetMinutes.toFixed(1)} min`} (${quality.onsetErrors.map((o) => `${o.scenario} ${o.minutes.toFixed(1)} min at ${o.sendsPerHour}/h`).join('; ') || 'none'}) | <= 30 min |`,
    `| false carrier incidents per carrier per 30 days | ${quality.falsePerCarrierPer30Days.toFixed(3)} (${quality.falseCarrierIncidents} over ${quality.carriers} carriers, ${quality.backgroundDays.toFixed(0)} days; ${quality.morningPeakFalse} in the weekday-morning congestion) | <= 1 |`,
    `| SMS pumping found | ${quality.pumpingFound} of ${quality.pumpingInjected} | - |`,
    `| incidents detected (all kinds) | ${full.total} over ${full.keys} keys and ${full.hours} hours | - |`,
    `| full detection (rollups) | ${pair(fullTimes)} ms | - |`,
    `| raw GROUP BY over the event log | ${pair(rawGroupBy)} ms | - |`,
    `| incremental detection (nothing new) | ${pair(incremental)} ms | - |`,
    `| incidentsList through the API (50) | ${pair(list)} ms | <= 50 ms |`,
    `| repeatFailingUsers, 30 days, through the API | ${pair(repeat)} ms | - |`,
    `| carriersWithAffectedUsers, 30 days, through the API | ${pair(carriers)} ms | - |`,
    `| raw scan of the same failures (COUNT, COUNT DISTINCT user) | ${pair(failureScan)} ms | - |`,
    `| directory filter "Likely caused by an incident" through the API | ${pair(caused)} ms | - |`,
    `| directory filter "In cooldown" (same run, no rule) | ${pair(cooling)} ms | - |`,
  );
  if (quality.missed.length) lines.push('', `missed: ${quality.missed.join('; ')}`);
  return lines;
}

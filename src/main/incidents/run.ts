import type { EntityManager } from 'typeorm';
import { linkAffectedUsers } from './affected-users';
import { detectEpisodes, type Episode } from './detector';
import { keyParts } from './key-filter';
import { lastFailureAt, refineOnset } from './onset';
import { HOUR_MS, rebuildRollups } from './rollups';
import { loadSeries, type KeySeries } from './series';
import { loadDetectorSettings } from './settings';
import { countAffectedSubjects } from './subjects';
import type { DetectorSettings } from '../../shared/incident-settings';

/** Hours replayed before the first hour that changed, so a CUSUM run in progress is rebuilt. */
const REPLAY_HOURS = 24;

export interface DetectionRun {
  /** First hour evaluated (ms); null when the log has no sends. */
  evaluatedFrom: number | null;
  evaluatedTo: number;
  /** Incidents written by this run (new or re-dated), and all incidents after it. */
  written: number;
  total: number;
  /** Rollup keys looked at and hours walked. */
  keys: number;
  hours: number;
  ms: number;
}

export interface DetectOptions {
  full?: boolean;
  /** The parameters to use instead of the database's own (a workspace runs with the live ones). */
  settings?: DetectorSettings;
  /**
   * Who an incident affected: rows of the users table (the live database), or the distinct emails
   * (else phones) of the failing events (a workspace, whose imported events carry no user id).
   */
  subjects?: 'users' | 'events';
}

interface StoredIncident {
  id: number;
  kind: string;
  key_kind: string;
  key: string;
  onset_at: number;
  last_anomalous_at: number;
  closed_at: number | null;
}

const state = async (manager: EntityManager, key: string): Promise<number> => {
  const [row] = (await manager.query('SELECT value FROM event_log_state WHERE key = ?', [key])) as { value: number }[];
  return Number(row?.value ?? 0);
};

/**
 * Runs the detector over a database, given any EntityManager (the live console, an investigation
 * workspace, a test's file): incrementally from the oldest hour appended since the last run (a
 * Twilio sync back-fills old hours), or over everything with `full`. Reads the hourly rollups only,
 * plus the events of each incident's key around its onset and over its span (to date it to the
 * minute and link its users). Call inside a write transaction.
 */
export async function detectIncidents(
  manager: EntityManager,
  now: number,
  options: DetectOptions = {},
): Promise<DetectionRun> {
  const started = performance.now();
  const settings = options.settings ?? (await loadDetectorSettings(manager));
  // Rollups emptied (a file whose events were written by an older build, or a repair): rebuilt first.
  const [hasRollups] = (await manager.query(`SELECT 1 AS one FROM event_hourly_rollups LIMIT 1`)) as unknown[];
  if (!hasRollups) {
    const [hasSends] = (await manager.query(
      `SELECT 1 AS one FROM events WHERE type IN ('code_sent', 'sms_failure', 'mfa_provider_failure') LIMIT 1`,
    )) as unknown[];
    if (hasSends) {
      await rebuildRollups(manager);
      options = { ...options, full: true };
    }
  }
  const [span] = (await manager.query(`SELECT MIN(hour) AS first, MAX(hour) AS last FROM event_hourly_rollups`)) as {
    first: number | null;
    last: number | null;
  }[];
  const done = (evaluatedFrom: number | null, written: number, total: number, keys = 0, hours = 0): DetectionRun => ({
    evaluatedFrom,
    evaluatedTo: Math.floor(now / HOUR_MS) * HOUR_MS,
    written,
    total,
    keys,
    hours,
    ms: performance.now() - started,
  });
  if (span.first == null || span.last == null) return done(null, 0, 0);
  const firstHour = Number(span.first);
  const endHour = Math.max(Math.floor(now / HOUR_MS) + 1, Number(span.last) + 1);

  const evaluatedTo = await state(manager, 'incidents_evaluated_to');
  const dirtyFrom = await state(manager, 'incidents_dirty_from');
  let fromHour = firstHour;
  if (!options.full && evaluatedTo > 0) {
    const changed = dirtyFrom > 0 ? Math.min(dirtyFrom, evaluatedTo) : evaluatedTo;
    fromHour = Math.max(firstHour, Math.floor(changed / HOUR_MS) - REPLAY_HOURS);
  }
  // Incidents still open, or closed after the replay starts, are rebuilt from their onset.
  const [reopen] = (await manager.query(
    `SELECT MIN(onset_at) AS onset FROM incidents WHERE closed_at IS NULL OR closed_at >= ?`,
    [fromHour * HOUR_MS],
  )) as { onset: number | null }[];
  if (reopen.onset != null) fromHour = Math.max(firstHour, Math.min(fromHour, Math.floor(reopen.onset / HOUR_MS) - 1));

  const loadStart = Math.max(firstHour, fromHour - settings.baselineDays * 24);
  const series = await loadSeries(manager, loadStart, endHour);
  const kept = (await manager.query(
    `SELECT id, kind, key_kind, key, onset_at, last_anomalous_at, closed_at FROM incidents
     WHERE onset_at < ? AND last_anomalous_at >= ?`,
    [fromHour * HOUR_MS, loadStart * HOUR_MS],
  )) as StoredIncident[];
  const priorMask = (s: KeySeries) => {
    const hours: number[] = [];
    for (const k of kept) {
      if (k.kind !== s.kind || k.key_kind !== s.keyKind || k.key !== s.key) continue;
      const last = Math.floor(Number(k.last_anomalous_at) / HOUR_MS);
      for (let h = Math.floor(Number(k.onset_at) / HOUR_MS); h <= last; h++) hours.push(h - loadStart);
    }
    return hours;
  };
  const [conv] = (await manager.query(
    `SELECT SUM(sends) AS sends, SUM(conversions) AS conversions FROM event_hourly_rollups WHERE hour >= ?`,
    [loadStart],
  )) as { sends: number | null; conversions: number | null }[];
  const overallConversion = Number(conv.sends) > 0 ? Number(conv.conversions) / Number(conv.sends) : 0.5;
  // In a workspace, a country or prefix whose files record no successful check at all (a vendor's
  // message log) cannot show conversions collapsing: the pumping detector has nothing to go by there.
  const judged =
    options.subjects === 'events'
      ? series.filter((s) => s.kind !== 'pumping' || s.conversions.some((n) => n > 0))
      : series;
  const episodes = detectEpisodes(judged, {
    settings,
    evalStart: fromHour - loadStart,
    priorMask,
    overallConversion,
  });

  const replaced = (await manager.query(
    `SELECT id, kind, key_kind, key, onset_at, last_anomalous_at, closed_at FROM incidents WHERE onset_at >= ?`,
    [fromHour * HOUR_MS],
  )) as StoredIncident[];
  if (options.full) {
    await manager.query(`DELETE FROM incident_users`);
    await manager.query(`DELETE FROM incidents`);
  } else if (replaced.length) {
    await manager.query(
      `DELETE FROM incident_users WHERE incident_id IN (SELECT id FROM incidents WHERE onset_at >= ?)`,
      [fromHour * HOUR_MS],
    );
    await manager.query(`DELETE FROM incidents WHERE onset_at >= ?`, [fromHour * HOUR_MS]);
  }
  const reuse = options.full ? [] : replaced;
  for (const episode of episodes) await storeEpisode(manager, episode, now, reuse, options.subjects ?? 'users');
  await manager.query(`UPDATE event_log_state SET value = ? WHERE key = 'incidents_evaluated_to'`, [
    Math.floor(now / HOUR_MS) * HOUR_MS,
  ]);
  await manager.query(`UPDATE event_log_state SET value = 0 WHERE key = 'incidents_dirty_from'`);
  const [total] = (await manager.query(`SELECT COUNT(*) AS n FROM incidents`)) as { n: number }[];
  return done(fromHour * HOUR_MS, episodes.length, Number(total.n), series.length, endHour - fromHour);
}

async function storeEpisode(
  manager: EntityManager,
  episode: Episode,
  now: number,
  reuse: StoredIncident[],
  subjects: 'users' | 'events',
): Promise<void> {
  const series = episode.series;
  const onsetAt = await refineOnset(manager, episode);
  const closedAt = episode.closedHour === null ? null : await lastFailureAt(manager, episode);
  const openedAt = Math.min(now, (series.startHour + episode.openedHour + 1) * HOUR_MS);
  const lastAnomalousAt = (series.startHour + episode.lastAnomalousHour) * HOUR_MS;
  const parts = keyParts(series.keyKind, series.key);
  // Keep the id of the incident this one re-dates (same key, onset within two hours), so links hold.
  const same = reuse.findIndex(
    (r) =>
      r.kind === series.kind &&
      r.key_kind === series.keyKind &&
      r.key === series.key &&
      Math.abs(Number(r.onset_at) - onsetAt) <= 2 * HOUR_MS,
  );
  const id = same >= 0 ? reuse.splice(same, 1)[0].id : null;
  const [top] =
    series.kind === 'pumping'
      ? [{ code: null }]
      : ((await manager.query(
          `SELECT provider_code AS code FROM event_hourly_rollups
           WHERE hour >= ? AND hour <= ? AND provider_code <> ''
             ${series.keyKind === 'error' ? 'AND provider_code = ?' : `AND ${series.keyKind} = ?`}
           GROUP BY provider_code ORDER BY SUM(delivery_failures + provider_failures) DESC LIMIT 1`,
          [series.startHour + episode.runStart, series.startHour + episode.lastAnomalousHour, series.key],
        )) as { code: string | null }[]);
  // A new incident takes the next id (no id column: a team database refuses an explicit NULL).
  await manager.query(
    `INSERT INTO incidents (${id === null ? '' : 'id, '}kind, key_kind, key, carrier, country, provider, provider_code, prefix,
       opened_at, onset_at, closed_at, last_anomalous_at, peak_rate, baseline_rate, failures, sends, conversions,
       p_value, affected_users, top_code, detected_at)
     VALUES (${id === null ? '' : '?, '}?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    [
      ...(id === null ? [] : [id]),
      series.kind,
      series.keyKind,
      series.key,
      parts.carrier,
      parts.country,
      parts.provider,
      parts.providerCode,
      parts.prefix,
      openedAt,
      onsetAt,
      closedAt,
      lastAnomalousAt,
      episode.peakRate,
      episode.baselineRate,
      Math.round(episode.failures),
      Math.round(episode.sends),
      Math.round(episode.conversions),
      episode.pValue,
      top?.code ?? null,
      now,
    ],
  );
  const incidentId =
    id ?? Number(((await manager.query('SELECT last_insert_rowid() AS rowId')) as { rowId: number }[])[0].rowId);
  const incident = {
    id: incidentId,
    kind: series.kind,
    keyKind: series.keyKind,
    key: series.key,
    onsetAt,
    endAt: closedAt ?? now,
  };
  const affected =
    subjects === 'events' ? await countAffectedSubjects(manager, incident) : await linkAffectedUsers(manager, incident);
  await manager.query(`UPDATE incidents SET affected_users = ? WHERE id = ?`, [affected, incidentId]);
}

import { DETECTOR_FIELDS, type DetectorSettings } from '../../shared/incident-settings';
import type { IncidentSettingsView } from '../../shared/contract/incidents';
import type { Clock } from '../core/clock';
import type { Database } from '../db/database';
import { appendEvent } from '../events/append';
import { requireOperator } from '../users/operators';
import { detectIncidents, type DetectionRun } from './run';
import { DETECTOR_SETTINGS_KEY, loadDetectorSettings, saveDetectorSettings } from './settings';

/** Runs the detector now (incrementally, or over the whole log), for the signed-in operator. */
export function runDetection(db: Database, clock: Clock, actor: string, full = false): Promise<DetectionRun> {
  return db.transaction(async (manager) => {
    await requireOperator(manager, actor, 'run the incident detector');
    return detectIncidents(manager, clock.now(), { full });
  });
}

export function getIncidentSettings(db: Database): Promise<IncidentSettingsView> {
  return db.read(async (manager) => ({ values: await loadDetectorSettings(manager), fields: DETECTOR_FIELDS }));
}

/**
 * Changes detector parameters (an administrator, with a reason): each change is audited as
 * settings_changed in the same transaction, and the incidents are detected again over the whole log
 * with the new parameters, so the list never mixes two sets of rules.
 */
export function updateIncidentSettings(
  db: Database,
  clock: Clock,
  input: { actor: string; changes: Partial<DetectorSettings>; reason: string },
): Promise<IncidentSettingsView & { changes: { key: string; from: number; to: number }[] }> {
  return db.transaction(async (manager) => {
    const now = clock.now();
    const operator = await requireOperator(manager, input.actor, 'change the incident detector', true);
    const changes = await saveDetectorSettings(manager, input.changes, now);
    for (const change of changes) {
      await appendEvent(manager, {
        occurredAt: now,
        type: 'settings_changed',
        actor: operator.email,
        reason: input.reason,
        details: { key: `${DETECTOR_SETTINGS_KEY}.${change.key}`, from: change.from, to: change.to },
      });
    }
    if (changes.length) await detectIncidents(manager, now, { full: true });
    return { values: await loadDetectorSettings(manager), fields: DETECTOR_FIELDS, changes };
  });
}

/**
 * The detector as the console runs it by itself: after a seed, a delivery sync, an import, and every
 * few minutes while a window is open. Does nothing when no send or failure arrived and the hour has
 * not turned since the last run.
 */
export async function detectIfChanged(db: Database, clock: Clock): Promise<DetectionRun | null> {
  const now = clock.now();
  const rows = await db.query<{ key: string; value: number }>(
    `SELECT key, value FROM event_log_state WHERE key IN ('incidents_dirty_from', 'incidents_evaluated_to')`,
  );
  const state = Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
  const hourStart = Math.floor(now / 3_600_000) * 3_600_000;
  if (!state.incidents_dirty_from && (state.incidents_evaluated_to ?? 0) >= hourStart) return null;
  if (!db.writable) return null;
  return db.transaction((manager) => detectIncidents(manager, now));
}

import type { EntityManager } from 'typeorm';
import { DETECTOR_FIELDS, defaultDetectorSettings, type DetectorSettings } from '../../shared/incident-settings';
import { DomainError } from '../core/domain-error';
import { readSetting, writeSetting } from '../settings/json-setting';

export const DETECTOR_SETTINGS_KEY = 'incidents.detector';

const valid = (f: (typeof DETECTOR_FIELDS)[number], v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= f.min && v <= f.max && (!f.integer || Number.isInteger(v));

/** The parameters in force: stored values over the defaults; a stored value out of range falls back. */
export async function loadDetectorSettings(manager: EntityManager): Promise<DetectorSettings> {
  const stored = await readSetting<Record<string, unknown>>(manager, DETECTOR_SETTINGS_KEY, {});
  const settings = defaultDetectorSettings();
  for (const f of DETECTOR_FIELDS) if (valid(f, stored?.[f.key])) settings[f.key] = stored[f.key] as number;
  return settings;
}

export interface DetectorChange {
  key: string;
  from: number;
  to: number;
}

/** Checks and writes changed parameters; the caller audits each one in the same transaction. */
export async function saveDetectorSettings(
  manager: EntityManager,
  changes: Partial<DetectorSettings>,
  now: number,
): Promise<DetectorChange[]> {
  const current = await loadDetectorSettings(manager);
  const unknown = Object.keys(changes).filter((key) => !DETECTOR_FIELDS.some((f) => f.key === key));
  if (unknown.length) throw new DomainError('INVALID_INPUT', `${unknown.join(', ')}: not a detector setting.`);
  const applied: DetectorChange[] = [];
  for (const f of DETECTOR_FIELDS) {
    const to = changes[f.key];
    if (to === undefined || to === current[f.key]) continue;
    if (!valid(f, to)) {
      throw new DomainError(
        'INVALID_INPUT',
        `${f.key}: must be ${f.integer ? 'a whole number' : 'a number'} from ${f.min} to ${f.max} (${f.unit}); got ${to}.`,
      );
    }
    applied.push({ key: f.key, from: current[f.key], to });
    current[f.key] = to;
  }
  if (applied.length) await writeSetting(manager, DETECTOR_SETTINGS_KEY, current, now);
  return applied;
}

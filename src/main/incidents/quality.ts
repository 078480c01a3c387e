import type { EntityManager } from 'typeorm';
import type { InjectedIncident } from '../demo/injected';
import { HOUR_MS } from './rollups';

const DAY = 86_400_000;

interface Found {
  id: number;
  kind: string;
  key_kind: string;
  key: string;
  onset_at: number;
  closed_at: number | null;
  failures: number;
}

export interface QualityReport {
  /** Injected incidents with 30 or more failures, and how many of them were found. */
  recallEligible: number;
  recallFound: number;
  recall: number | null;
  missed: string[];
  /** Onset error (minutes) of found incidents at 100 or more sends an hour on their key. */
  onsetErrors: { scenario: string; sendsPerHour: number; minutes: number }[];
  worstOnsetMinutes: number | null;
  /** Carrier incidents no injected incident explains, per carrier per 30 days of background. */
  falseCarrierIncidents: number;
  carriers: number;
  backgroundDays: number;
  falsePerCarrierPer30Days: number;
  /** The weekday-morning congestion (not an incident): carrier incidents opened inside it. */
  morningPeakFalse: number;
  pumpingFound: number;
  pumpingInjected: number;
  detected: number;
}

const overlaps = (found: Found, start: number, end: number, now: number) =>
  Number(found.onset_at) <= end + HOUR_MS && (found.closed_at == null ? now : Number(found.closed_at)) >= start;

/** Does this detected incident stand for the injected one (its key, overlapping in time)? */
function matches(found: Found, injected: InjectedIncident, now: number): boolean {
  if (!overlaps(found, injected.start, injected.end, now)) return false;
  if (injected.kind === 'carrier') return found.kind === 'carrier' && found.key === injected.key.carrier;
  // A provider-wide failure shows as its provider and as its error code; either names it.
  if (injected.kind === 'provider')
    return (
      (found.kind === 'provider' && found.key === injected.key.provider) ||
      (found.kind === 'error' && found.key === injected.key.providerCode)
    );
  return (
    found.kind === 'pumping' &&
    ((found.key_kind === 'prefix' && found.key === injected.key.prefix) ||
      (found.key_kind === 'country' && found.key === injected.key.country))
  );
}

/**
 * The detector's quality against the generator's ground truth: recall of injected incidents with 30 or
 * more failures, onset error where the key carries 100 or more sends an hour, and false carrier
 * incidents per carrier per 30 days (a carrier incident explained by no injected incident of that
 * carrier and by no provider-wide one; the morning congestion explains nothing).
 */
export async function measureQuality(
  manager: EntityManager,
  injected: InjectedIncident[],
  span: { from: number; to: number },
): Promise<QualityReport> {
  const now = span.to;
  const found = (await manager.query(
    `SELECT id, kind, key_kind, key, onset_at, closed_at, failures FROM incidents`,
  )) as Found[];
  const real = injected.filter((i) => i.incident);
  const eligible = real.filter((i) => i.kind !== 'pumping' && i.failures >= 30);
  const missed: string[] = [];
  const onsetErrors: QualityReport['onsetErrors'] = [];
  let recallFound = 0;
  for (const inj of eligible) {
    const hit = found
      .filter((f) => matches(f, inj, now))
      .sort((a, b) => Math.abs(a.onset_at - inj.start) - Math.abs(b.onset_at - inj.start))[0];
    if (!hit) {
      missed.push(`${inj.scenario} ${inj.key.carrier ?? inj.key.provider} ${new Date(inj.start).toISOString()}`);
      continue;
    }
    recallFound++;
    const column = inj.kind === 'carrier' ? 'carrier' : 'provider';
    const key = inj.kind === 'carrier' ? inj.key.carrier : inj.key.provider;
    const fromHour = Math.floor(inj.start / HOUR_MS);
    const toHour = Math.floor(inj.end / HOUR_MS);
    const [row] = (await manager.query(
      `SELECT SUM(sends + provider_failures) AS n FROM event_hourly_rollups WHERE ${column} = ? AND hour >= ? AND hour <= ?`,
      [key, fromHour, toHour],
    )) as { n: number | null }[];
    const sendsPerHour = Number(row.n ?? 0) / (toHour - fromHour + 1);
    if (sendsPerHour >= 100)
      onsetErrors.push({
        scenario: inj.scenario,
        sendsPerHour: Math.round(sendsPerHour),
        minutes: Math.abs(Number(hit.onset_at) - inj.start) / 60_000,
      });
  }
  const providerWide = real.filter((i) => i.kind === 'provider');
  const morning = injected.filter((i) => i.scenario === 'morning-peak');
  let falseCarrier = 0;
  let morningFalse = 0;
  for (const f of found.filter((x) => x.kind === 'carrier')) {
    const explained =
      real.some((i) => i.kind === 'carrier' && matches(f, i, now)) ||
      providerWide.some((i) => overlaps(f, i.start, i.end, now));
    if (explained) continue;
    falseCarrier++;
    if (morning.some((m) => m.key.carrier === f.key)) morningFalse++;
  }
  const [carriers] = (await manager.query(
    `SELECT COUNT(DISTINCT carrier) AS n FROM event_hourly_rollups WHERE carrier <> '' AND hour >= ?`,
    [Math.floor(span.from / HOUR_MS)],
  )) as { n: number }[];
  // The first week is the detector's warm-up (no key is judged before a week of history).
  const backgroundDays = Math.max(1, (span.to - span.from) / DAY - 7);
  const pumping = real.filter((i) => i.kind === 'pumping');
  return {
    recallEligible: eligible.length,
    recallFound,
    recall: eligible.length ? recallFound / eligible.length : null,
    missed,
    onsetErrors,
    worstOnsetMinutes: onsetErrors.length ? Math.max(...onsetErrors.map((o) => o.minutes)) : null,
    falseCarrierIncidents: falseCarrier,
    carriers: Number(carriers.n),
    backgroundDays,
    falsePerCarrierPer30Days: falseCarrier / Math.max(1, Number(carriers.n)) / (backgroundDays / 30),
    morningPeakFalse: morningFalse,
    pumpingFound: pumping.filter((p) => found.some((f) => matches(f, p, now))).length,
    pumpingInjected: pumping.length,
    detected: found.length,
  };
}

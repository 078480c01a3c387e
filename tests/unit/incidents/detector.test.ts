import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/demo/random';
import { detectEpisodes } from '../../../src/main/incidents/detector';
import type { KeySeries } from '../../../src/main/incidents/series';
import { defaultDetectorSettings } from '../../../src/shared/incident-settings';

const WEEKS = 5;
const HOURS = WEEKS * 168;
const settings = defaultDetectorSettings();

/** Binomial draws from a seeded stream, so each series is the same every run. */
function binomial(random: () => number, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x;
}

/** Working-hours volume: busy 8-18 on weekdays, quiet at night and at weekends. */
const volume = (h: number, busy: number) => {
  const weekday = Math.floor(h / 24) % 7 < 5;
  const hour = h % 24;
  return hour >= 8 && hour < 18 ? (weekday ? busy : busy / 5) : Math.max(1, busy / 20);
};

function carrier(key: string, rate: (h: number) => number, busy = 60, seed = 1): KeySeries {
  const random = seededRandom(seed);
  const sends = new Float64Array(HOURS);
  const failures = new Float64Array(HOURS);
  for (let h = 0; h < HOURS; h++) {
    sends[h] = Math.round(volume(h, busy));
    failures[h] = binomial(random, sends[h], rate(h));
  }
  return {
    kind: 'carrier',
    keyKind: 'carrier',
    key,
    startHour: 0,
    sends,
    failures,
    conversions: new Float64Array(HOURS),
  };
}

const evalStart = 14 * 24;

describe('the failure detector on hand-made series', () => {
  it('finds nothing on clean keys, large and small, over three weeks', () => {
    const keys = [
      carrier('Big', () => 0.05, 200, 1),
      carrier('Medium', () => 0.1, 40, 2),
      carrier('Small', () => 0.08, 4, 3),
    ];
    expect(detectEpisodes(keys, { settings, evalStart })).toEqual([]);
  });

  it('opens an episode where the rate steps up, dated from the step, and closes it after the quiet hours', () => {
    // Week 5, Tuesday 10:00 for four hours: 40% of sends fail instead of 5%.
    const step = 4 * 168 + 24 + 10;
    const key = carrier('Big', (h) => (h >= step && h < step + 4 ? 0.4 : 0.05), 200);
    const [episode, ...rest] = detectEpisodes([key], { settings, evalStart });
    expect(rest).toEqual([]);
    expect(episode.runStart).toBe(step);
    expect(episode.openedHour).toBe(step);
    expect(episode.lastAnomalousHour).toBe(step + 3);
    expect(episode.closedHour).toBe(step + 4);
    expect(episode.failures).toBeGreaterThan(250);
    expect(episode.baselineRate).toBeCloseTo(0.05, 1);
    expect(episode.pValue).toBeLessThan(1e-50);
  });

  it('keeps an episode open while it lasts: no closed hour when the data ends inside it', () => {
    const key = carrier('Big', (h) => (h >= HOURS - 3 ? 0.5 : 0.05), 200);
    const [episode] = detectEpisodes([key], { settings, evalStart });
    expect(episode.closedHour).toBeNull();
  });

  it('does not call a weekday-morning rise that comes back every weekday an incident', () => {
    const morning = (h: number) => Math.floor(h / 24) % 7 < 5 && h % 24 >= 8 && h % 24 < 10;
    const key = carrier('Congested', (h) => (morning(h) ? 0.3 : 0.06), 60);
    expect(detectEpisodes([key], { settings, evalStart: 21 * 24 })).toEqual([]);
  });

  it('needs volume: a few failures on a tiny key are not an incident, thirty are', () => {
    const at = 4 * 168 + 48 + 9;
    const few = carrier('Tiny', (h) => (h === at ? 1 : 0.05), 4);
    expect(detectEpisodes([few], { settings, evalStart })).toEqual([]);
    const many = carrier('Tiny', () => 0.05, 4);
    for (let h = at; h < at + 3; h++) [many.sends[h], many.failures[h]] = [14, 12];
    const [episode] = detectEpisodes([many], { settings, evalStart });
    // On a key this quiet a stray failure can start the CUSUM's run hours before; the minute-level
    // refinement over the events (onset.ts) finds the step inside the run.
    expect(episode.runStart).toBeLessThanOrEqual(at);
    expect(episode.openedHour).toBeGreaterThanOrEqual(at);
    expect(episode.openedHour).toBeLessThan(at + 3);
    expect(episode.failures).toBeGreaterThanOrEqual(36);
  });

  it('leaves a past episode out of the baseline, so the same failure rate a week later still stands out', () => {
    const first = 3 * 168 + 24 + 10;
    const again = first + 168;
    const rate = (h: number) => ((h >= first && h < first + 3) || (h >= again && h < again + 3) ? 0.45 : 0.05);
    const episodes = detectEpisodes([carrier('Big', rate, 200)], { settings, evalStart });
    expect(episodes.map((e) => e.runStart)).toEqual([first, again]);
  });
});

describe('the pumping detector on hand-made series', () => {
  function country(surge: { at: number; sends: number; conversions: number } | null): KeySeries {
    const random = seededRandom(9);
    const sends = new Float64Array(HOURS);
    const conversions = new Float64Array(HOURS);
    for (let h = 0; h < HOURS; h++) {
      sends[h] = Math.round(volume(h, 20));
      conversions[h] = binomial(random, sends[h], 0.85);
    }
    if (surge)
      for (let h = surge.at; h < surge.at + 3; h++) {
        sends[h] += surge.sends;
        conversions[h] += surge.conversions;
      }
    return {
      kind: 'pumping',
      keyKind: 'country',
      key: 'NG',
      startHour: 0,
      sends,
      failures: new Float64Array(HOURS),
      conversions,
    };
  }
  const at = 4 * 168 + 24 * 3 + 2;

  it('finds sends surging at night while nobody enters a code', () => {
    const [episode] = detectEpisodes([country({ at, sends: 40, conversions: 0 })], { settings, evalStart });
    expect(episode.series.kind).toBe('pumping');
    expect(episode.runStart).toBe(at);
    expect(episode.baselineRate).toBeGreaterThan(0.7);
  });

  it('leaves a surge of real staff alone: they convert as usual', () => {
    expect(detectEpisodes([country({ at, sends: 40, conversions: 34 })], { settings, evalStart })).toEqual([]);
  });
});

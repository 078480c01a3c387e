import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  changePoint,
  cusum,
  poissonUpperTail,
  type SeriesPoint,
} from '../../../src/main/incidents/stats';

/** P(X >= k) for X ~ Poisson(λ), summed term by term: the definition the fast version must match. */
function byHand(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return 1 - below;
}

describe('the exact one-sided Poisson test', () => {
  it('matches the textbook values', () => {
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    // 5 or more failures where 1 is expected: 0.00366 (tables).
    expect(poissonUpperTail(5, 1)).toBeCloseTo(0.0036598, 6);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(3, 0)).toBe(0);
  });

  it('agrees with the sum of terms over small and large counts, both branches', () => {
    for (const [k, lambda] of [
      [2, 0.5],
      [10, 4],
      [30, 12],
      [40, 40],
      [60, 45],
      [120, 100],
    ]) {
      expect(poissonUpperTail(k, lambda), `${k} vs ${lambda}`).toBeCloseTo(byHand(k, lambda), 9);
    }
  });

  it('keeps tiny p-values tiny (an outage: 800 failures where 10 are expected)', () => {
    const p = poissonUpperTail(800, 10);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-300);
    expect(poissonUpperTail(30, 10)).toBeLessThan(1e-5);
  });
});

describe('Benjamini-Hochberg', () => {
  it('rejects the step-up set: the largest k with p(k) <= k q / m, and everything below it', () => {
    // m = 5, q = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05. p(3) = 0.025 <= 0.03 passes, p(4) = 0.045 > 0.04 does not.
    const rejected = benjaminiHochberg([0.045, 0.001, 0.5, 0.025, 0.015], 0.05);
    expect([...rejected].sort()).toEqual([1, 3, 4]);
  });

  it('rejects nothing when no p-value clears its threshold, and is stricter with more keys', () => {
    expect(benjaminiHochberg([0.2, 0.3, 0.9], 0.05).size).toBe(0);
    expect(benjaminiHochberg([0.001], 0.01).size).toBe(1);
    expect(benjaminiHochberg([0.001, ...Array(99).fill(1)], 0.01).size).toBe(0);
  });
});

const flat = (hours: number, sends: number, failures: number, baseline: number): SeriesPoint[] =>
  Array.from({ length: hours }, () => ({ sends, failures, baseline }));

describe('CUSUM', () => {
  it('stays at zero on a series at its baseline, and its run starts where the rate steps up', () => {
    const series = [...flat(10, 100, 2, 0.02), ...flat(5, 100, 12, 0.02)];
    const { statistic, runStart } = cusum(series, 3);
    expect(statistic.slice(0, 10).every((s) => s === 0)).toBe(true);
    expect(statistic[14]).toBeGreaterThan(statistic[10]);
    expect(runStart[14]).toBe(10);
  });

  it('resets after the step down, so a later run starts afresh', () => {
    const series = [...flat(3, 100, 2, 0.02), ...flat(2, 100, 15, 0.02), ...flat(10, 100, 0, 0.02)];
    const { statistic, runStart } = cusum(series, 3);
    expect(runStart[4]).toBe(3);
    expect(statistic[14]).toBe(0);
    expect(runStart[14]).toBe(15);
  });

  it('dates a change point to the step (maximum likelihood over the series)', () => {
    const series = [...flat(40, 10, 0, 0.05), ...flat(20, 10, 4, 0.05)];
    expect(changePoint(series, 6)).toBe(40);
    // With a noisy lead-in (a failure now and then), still the step.
    series[12] = { sends: 10, failures: 1, baseline: 0.05 };
    series[30] = { sends: 10, failures: 1, baseline: 0.05 };
    expect(changePoint(series, 6)).toBe(40);
  });
});

/**
 * The statistics the detector uses, small enough to check by hand (tests/unit/incidents/stats.test.ts):
 * the exact one-sided Poisson test, the Benjamini-Hochberg correction and a Poisson CUSUM.
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7): about 15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularized lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  // Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/**
 * The exact one-sided Poisson test: P(X >= observed) for X ~ Poisson(expected). With the sends as
 * exposure and the baseline rate, `expected` is the failures a normal hour of that volume would have.
 * (P(X >= k) = P(k, λ), the regularized lower incomplete gamma.)
 */
export function poissonUpperTail(observed: number, expected: number): number {
  if (observed <= 0) return 1;
  if (expected <= 0) return 0;
  return regularizedGammaP(observed, expected);
}

/**
 * Benjamini-Hochberg at false discovery rate q over one family of p-values (the keys tested in one
 * hour): the indexes of the p-values it rejects.
 */
export function benjaminiHochberg(pValues: readonly number[], q: number): Set<number> {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let cut = -1;
  for (let k = 0; k < m; k++) if (order[k][0] <= ((k + 1) / m) * q) cut = k;
  return new Set(order.slice(0, cut + 1).map(([, i]) => i));
}

/** One step of a series: the sends (exposure), the failures and the baseline failure rate. */
export interface SeriesPoint {
  sends: number;
  failures: number;
  baseline: number;
}

/**
 * The Poisson CUSUM increment for a rate ratio `ratio` against the baseline: the log-likelihood
 * ratio of "failures arrive at ratio x baseline" over "at baseline" for one step.
 */
export const cusumIncrement = (point: SeriesPoint, ratio: number): number =>
  point.failures * Math.log(ratio) - point.sends * point.baseline * (ratio - 1);

/**
 * Runs the CUSUM over a series: S_i = max(0, S_{i-1} + increment_i). Returns the statistic after each
 * step and, for each step, where its current run began (the step after the last time S was 0), which
 * is the CUSUM's estimate of the onset.
 */
export function cusum(series: readonly SeriesPoint[], ratio: number): { statistic: number[]; runStart: number[] } {
  const statistic: number[] = [];
  const runStart: number[] = [];
  let s = 0;
  let start = 0;
  for (let i = 0; i < series.length; i++) {
    const next = s + cusumIncrement(series[i], ratio);
    if (next <= 0) {
      s = 0;
      start = i + 1;
    } else s = next;
    statistic.push(s);
    runStart.push(start);
  }
  return { statistic, runStart };
}

/**
 * The change point of a series that rose: the step after the minimum of the cumulative increments
 * taken before their maximum (the maximum-likelihood onset of a single step up in rate).
 */
export function changePoint(series: readonly SeriesPoint[], ratio: number): number {
  let sum = 0;
  let max = 0;
  let maxAt = series.length;
  const sums: number[] = [];
  for (let i = 0; i < series.length; i++) {
    sum += cusumIncrement(series[i], ratio);
    sums.push(sum);
    if (sum > max) [max, maxAt] = [sum, i];
  }
  let min = 0;
  let minAt = -1;
  for (let i = 0; i < maxAt; i++) if (sums[i] < min) [min, minAt] = [sums[i], i];
  return minAt + 1;
}

import type { DetectorSettings } from '../../shared/incident-settings';
import type { KeySeries } from './series';
import { benjaminiHochberg, cusumIncrement, poissonUpperTail, type SeriesPoint } from './stats';

/** One episode the detector found on one key, in hour indexes of the series. */
export interface Episode {
  series: KeySeries;
  /** Where the CUSUM run that fired began: the onset hour. */
  runStart: number;
  /** The hour in which the test fired. */
  openedHour: number;
  lastAnomalousHour: number;
  /** The hour after the last anomalous one, once `quietHours` quiet hours followed; null while open. */
  closedHour: number | null;
  sends: number;
  failures: number;
  conversions: number;
  /** Failures (pumping: delivered sends) a normal key would have had over the episode's hours. */
  expected: number;
  /** Highest hourly failure rate (pumping: delivered sends in an hour) among hours with a few sends. */
  peakRate: number;
  /** Baseline failure rate over the episode (pumping: the usual conversion rate). */
  baselineRate: number;
  pValue: number;
  /** Overdispersion the test allowed for (1 = Poisson). */
  dispersion: number;
  /** The design ratio of the onset refinement: the rise seen, bounded. */
  ratio: number;
}

const WEEK = 168;
/** An hour of an open episode counts as part of it when at least this unlikely on its own. */
const ELEVATED_P = 0.05;
/** Overdispersion is estimated per key, and bounded so one wild week cannot blind the key. */
const MAX_DISPERSION = 8;
/**
 * The longest CUSUM run tested: older hours leave the run and go back into the baseline. Without it
 * a quiet key's run could stay above zero for weeks on a failure every few days, keep those hours
 * out of its own baseline, and end up "significant" against a baseline of no failures at all.
 */
export const MAX_RUN_HOURS = 24;

interface Run {
  sends: number;
  failures: number;
  conversions: number;
  expected: number;
}

const emptyRun = (): Run => ({ sends: 0, failures: 0, conversions: 0, expected: 0 });

interface KeyState {
  series: KeySeries;
  pumping: boolean;
  first: number;
  /** Exposure per hour: attempts (at least the failures) or, for pumping, delivered sends. */
  exposure: Float64Array;
  /** Counted per hour: failures, or for pumping the delivered sends themselves. */
  observed: Float64Array;
  added: Uint8Array;
  masked: Uint8Array;
  deferred: number[];
  /** Each hour's expected failures (pumping: sends), for taking an hour back out of the run. */
  expectedAt: Float64Array;
  w: { sends: number; failures: number; conversions: number; hours: number; q: number; active: number };
  s: number;
  runStart: number;
  run: Run;
  open: Episode | null;
  quiet: number;
}

function stateOf(series: KeySeries): KeyState {
  const n = series.sends.length;
  const pumping = series.kind === 'pumping';
  const exposure = new Float64Array(n);
  const observed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (pumping) {
      // Pumped numbers receive what is sent to them (it is the sender who pays): delivered sends count.
      exposure[i] = Math.max(0, series.sends[i] - series.failures[i]);
      observed[i] = exposure[i];
    } else {
      // A failure always belongs to a send, even one logged elsewhere; rates stay within 0..1.
      exposure[i] = Math.max(series.sends[i], series.failures[i]);
      observed[i] = series.failures[i];
    }
  }
  let first = exposure.findIndex((v) => v > 0);
  if (first < 0) first = n;
  return {
    series,
    pumping,
    first,
    exposure,
    observed,
    added: new Uint8Array(n),
    masked: new Uint8Array(n),
    deferred: [],
    expectedAt: new Float64Array(n),
    w: { sends: 0, failures: 0, conversions: 0, hours: 0, q: 0, active: 0 },
    s: 0,
    runStart: 0,
    run: emptyRun(),
    open: null,
    quiet: 0,
  };
}

function include(st: KeyState, h: number, sign: 1 | -1): void {
  const n = st.exposure[h];
  const x = st.pumping ? 0 : st.observed[h];
  st.w.sends += sign * n;
  st.w.failures += sign * x;
  st.w.conversions += sign * st.series.conversions[h];
  st.w.hours += sign;
  if (n > 0) {
    st.w.q += (sign * x * x) / n;
    st.w.active += sign;
  }
}

function add(st: KeyState, h: number, from: number): void {
  if (h < from || h < st.first || st.masked[h] || st.added[h]) return;
  st.added[h] = 1;
  include(st, h, 1);
}

function expire(st: KeyState, h: number): void {
  if (h < 0 || !st.added[h]) return;
  st.added[h] = 0;
  include(st, h, -1);
}

function mask(st: KeyState, h: number): void {
  if (st.added[h]) {
    st.added[h] = 0;
    include(st, h, -1);
  }
  st.masked[h] = 1;
}

function seasonal(st: KeyState, h: number, weeks: number, values: Float64Array): { sum: number; slots: number } {
  let sum = 0;
  let slots = 0;
  for (let w = 1; w <= weeks; w++) {
    const i = h - w * WEEK;
    if (i < 0) break;
    if (!st.added[i]) continue;
    sum += values[i];
    slots += 1;
  }
  return { sum, slots };
}

/**
 * The failure rate expected of this key in hour h: its hour-of-week rate over the last weeks,
 * shrunk towards its rate over the whole baseline window, never below the floor.
 */
function failureBaseline(st: KeyState, h: number, s: DetectorSettings): number {
  const weeks = Math.floor(s.baselineDays / 7);
  const overall = st.w.sends > 0 ? st.w.failures / st.w.sends : s.minBaselineRate;
  const slotSends = seasonal(st, h, weeks, st.exposure).sum;
  const slotFailures = seasonal(st, h, weeks, st.observed).sum;
  const rate =
    slotSends + s.seasonalPrior > 0
      ? (slotFailures + s.seasonalPrior * overall) / (slotSends + s.seasonalPrior)
      : overall;
  return Math.min(1, Math.max(s.minBaselineRate, rate));
}

/** Pearson dispersion of the key's hourly failures around its window rate (quasi-Poisson), at least 1. */
function dispersion(st: KeyState): number {
  if (st.pumping || st.w.active < 24 || st.w.failures <= 0) return 1;
  const p = st.w.failures / st.w.sends;
  const chi2 = st.w.q / p - 2 * st.w.failures + p * st.w.sends;
  return Math.min(MAX_DISPERSION, Math.max(1, chi2 / (st.w.active - 1)));
}

/** The delivered sends expected for this key in hour h: its hour-of-week mean, with its hourly mean as one more slot. */
function sendsBaseline(st: KeyState, h: number, s: DetectorSettings): number {
  const weeks = Math.floor(s.baselineDays / 7);
  const hourly = st.w.hours > 0 ? st.w.sends / st.w.hours : 0;
  const slot = seasonal(st, h, weeks, st.exposure);
  return Math.max(1, (slot.sum + hourly) / (slot.slots + 1));
}

export interface DetectOptions {
  settings: DetectorSettings;
  /** First hour index evaluated; the hours before only feed the baseline. */
  evalStart: number;
  /** Hours of each key already inside stored episodes (kept out of the baseline). */
  priorMask?: (series: KeySeries) => Iterable<number>;
  /** Conversion rate of all delivered sends, for a key without history of its own. */
  overallConversion?: number;
}

/**
 * Walks the hours in order. For each hour and key: the baseline from the key's own history (hours
 * inside an episode, or inside a CUSUM run not yet settled, left out), one step of a Poisson CUSUM
 * tuned to `cusumRatio`, and, while the CUSUM is above zero, the exact one-sided Poisson test of the
 * failures in its current run against those the baseline expects (quasi-Poisson: both scaled down by
 * the key's overdispersion). Runs that pass the volume and effect-size floors are corrected together
 * with Benjamini-Hochberg over every key tested that hour; each survivor opens an episode dated from
 * its run's start. An open episode takes in each hour that is itself elevated and closes after
 * `quietHours` quiet hours. Pure: the same series give the same episodes.
 */
export function detectEpisodes(all: readonly KeySeries[], options: DetectOptions): Episode[] {
  const s = options.settings;
  const windowHours = s.baselineDays * 24;
  const historyHours = s.minHistoryDays * 24;
  const states = all.map(stateOf);
  for (const st of states)
    for (const h of options.priorMask?.(st.series) ?? []) if (h >= 0 && h < st.masked.length) st.masked[h] = 1;
  const length = all.length ? all[0].sends.length : 0;
  const episodes: Episode[] = [];
  const overallConversion = options.overallConversion ?? 0.5;
  const reset = (st: KeyState, h: number) => {
    st.s = 0;
    st.runStart = h + 1;
    st.run = emptyRun();
    for (const d of st.deferred) add(st, d, h - windowHours + 1);
    st.deferred = [];
  };

  for (let h = 0; h < length; h++) {
    for (const st of states) expire(st, h - windowHours - 1);
    if (h < options.evalStart) {
      for (const st of states) add(st, h, 0);
      continue;
    }
    const candidates: { st: KeyState; p: number; phi: number }[] = [];
    let tested = 0;
    for (const st of states) {
      const series = st.series;
      const pumping = st.pumping;
      if (h < st.first || (!pumping && h - st.first < historyHours)) {
        add(st, h, 0);
        continue;
      }
      const n = st.exposure[h];
      const observed = st.observed[h];
      if (n === 0 && observed === 0 && st.s === 0 && !st.open) {
        // Nothing sent, nothing running: the CUSUM stays at zero (pumping's only drifts down).
        add(st, h, 0);
        continue;
      }
      const base = pumping ? sendsBaseline(st, h, s) : failureBaseline(st, h, s);
      const phi = dispersion(st);
      const point: SeriesPoint = pumping
        ? { sends: base, failures: observed, baseline: 1 }
        : { sends: n, failures: observed, baseline: base };
      const expected = point.sends * point.baseline;
      if (n > 0 || st.s > 0 || st.open) tested++;

      if (st.open) {
        const ep = st.open;
        const rate = pumping ? observed : n > 0 ? observed / n : 0;
        const elevated =
          observed >= 2 &&
          poissonUpperTail(observed / phi, expected / phi) < ELEVATED_P &&
          (pumping ? observed >= s.pumpingSurgeRatio * base : rate >= base + s.minExcessRate / 2);
        if (elevated) {
          ep.lastAnomalousHour = h;
          ep.sends += n;
          ep.failures += pumping ? 0 : observed;
          ep.conversions += series.conversions[h];
          ep.expected += expected;
          if (n >= 3) ep.peakRate = Math.max(ep.peakRate, rate);
          st.quiet = 0;
          mask(st, h);
        } else {
          add(st, h, 0);
          if (++st.quiet >= s.quietHours) {
            ep.closedHour = ep.lastAnomalousHour + 1;
            st.open = null;
            reset(st, h);
          }
        }
        continue;
      }

      const next = st.s + cusumIncrement(point, s.cusumRatio);
      if (next <= 0) {
        reset(st, h);
        add(st, h, 0);
        continue;
      }
      st.s = next;
      st.deferred.push(h);
      st.expectedAt[h] = expected;
      st.run.sends += n;
      st.run.failures += pumping ? 0 : observed;
      st.run.conversions += series.conversions[h];
      st.run.expected += expected;
      while (h - st.runStart >= MAX_RUN_HOURS) {
        const old = st.runStart++;
        if (st.deferred[0] === old) st.deferred.shift();
        add(st, old, h - windowHours);
        st.run.sends -= st.exposure[old];
        st.run.failures -= pumping ? 0 : st.observed[old];
        st.run.conversions -= series.conversions[old];
        st.run.expected -= st.expectedAt[old];
      }
      const run = st.run;
      let passes: boolean;
      if (pumping) {
        const usual = st.w.sends > 0 ? st.w.conversions / st.w.sends : overallConversion;
        passes =
          run.sends >= s.pumpingMinSends &&
          run.sends >= s.pumpingSurgeRatio * run.expected &&
          run.conversions <= s.pumpingMaxConversionShare * usual * run.sends;
      } else {
        passes =
          run.sends >= s.minSends &&
          run.failures >= s.minFailures &&
          run.failures / run.sends >= run.expected / run.sends + s.minExcessRate;
      }
      if (passes) {
        const x = pumping ? run.sends : run.failures;
        candidates.push({ st, p: poissonUpperTail(x / phi, run.expected / phi), phi });
      }
    }

    const rejected = benjaminiHochbergOf(
      candidates.map((c) => c.p),
      Math.max(tested, candidates.length),
      s.falseDiscoveryRate,
    );
    for (const k of rejected) {
      const { st, p, phi } = candidates[k];
      const series = st.series;
      const pumping = st.pumping;
      let peak = 0;
      for (let i = st.runStart; i <= h; i++) {
        const n = st.exposure[i];
        if (n >= 3) peak = Math.max(peak, pumping ? n : st.observed[i] / n);
        mask(st, i);
      }
      st.deferred = [];
      const usual = st.w.sends > 0 ? st.w.conversions / st.w.sends : overallConversion;
      const observed = pumping ? st.run.sends : st.run.failures;
      const episode: Episode = {
        series,
        runStart: st.runStart,
        openedHour: h,
        lastAnomalousHour: h,
        closedHour: null,
        ...st.run,
        peakRate: peak,
        baselineRate: pumping ? usual : st.run.expected / Math.max(st.run.sends, 1e-9),
        pValue: p,
        dispersion: phi,
        ratio: Math.min(50, Math.max(1.5, observed / Math.max(st.run.expected, 1e-9))),
      };
      st.open = episode;
      st.quiet = 0;
      episodes.push(episode);
    }
  }
  for (const ep of episodes) {
    const x = ep.series.kind === 'pumping' ? ep.sends : ep.failures;
    ep.pValue = Math.min(ep.pValue, poissonUpperTail(x / ep.dispersion, ep.expected / ep.dispersion));
  }
  return episodes;
}

/** Benjamini-Hochberg where `m` keys were tested and only `pValues` passed the floors (the rest count as p = 1). */
function benjaminiHochbergOf(pValues: number[], m: number, q: number): Set<number> {
  if (pValues.length === 0) return new Set();
  return benjaminiHochberg([...pValues, ...Array(Math.max(0, m - pValues.length)).fill(1)], q);
}

/**
 * The incident detector's parameters: defaults (reasoned in docs/incidents.md), the range each may
 * take, and words for the Settings page. The detector validates stored values against these ranges.
 */
export interface DetectorFieldInfo<K extends string = string> {
  key: K;
  label: string;
  unit: 'days' | 'hours' | 'sends' | 'failures' | 'ratio' | 'rate' | 'probability';
  default: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  help: string;
}

const field = <const K extends string>(info: DetectorFieldInfo<K>) => info;

export const DETECTOR_FIELDS = [
  field({
    key: 'baselineDays',
    label: 'Baseline window',
    unit: 'days',
    default: 28,
    min: 7,
    max: 56,
    integer: true,
    help: "Each key's normal failure rate comes from its own last 28 days (four of each hour of the week).",
  }),
  field({
    key: 'minHistoryDays',
    label: 'History before testing',
    unit: 'days',
    default: 7,
    min: 1,
    max: 28,
    integer: true,
    help: 'A carrier seen for less than a week has no hour-of-week baseline yet; it is not judged.',
  }),
  field({
    key: 'seasonalPrior',
    label: 'Weight of the 28-day rate',
    unit: 'sends',
    default: 200,
    min: 0,
    max: 100_000,
    integer: true,
    help: 'The hour-of-week rate is shrunk towards the 28-day rate as if the latter were this many sends.',
  }),
  field({
    key: 'minBaselineRate',
    label: 'Lowest baseline failure rate',
    unit: 'rate',
    default: 0.005,
    min: 0.0001,
    max: 0.5,
    integer: false,
    help: 'A key that never failed is taken to fail 0.5% of the time, so its first failure is not an incident.',
  }),
  field({
    key: 'minSends',
    label: 'Least sends in a tested window',
    unit: 'sends',
    default: 10,
    min: 1,
    max: 10_000,
    integer: true,
    help: 'Below this volume a rate means little; the window keeps growing until it has this many.',
  }),
  field({
    key: 'minFailures',
    label: 'Least failures in an incident',
    unit: 'failures',
    default: 8,
    min: 1,
    max: 10_000,
    integer: true,
    help: 'A handful of failures is a bad afternoon for one user, not an incident.',
  }),
  field({
    key: 'minExcessRate',
    label: 'Least rise over the baseline',
    unit: 'rate',
    default: 0.05,
    min: 0,
    max: 1,
    integer: false,
    help: 'The failure rate must exceed the baseline by 5 points: a busy key can be "significant" at +0.5 point.',
  }),
  field({
    key: 'falseDiscoveryRate',
    label: 'False discovery rate',
    unit: 'probability',
    default: 0.0001,
    min: 1e-9,
    max: 0.1,
    integer: false,
    help: 'Benjamini-Hochberg, per hour: the share of incidents opened that may be chance, over all keys tested.',
  }),
  field({
    key: 'cusumRatio',
    label: 'Rate ratio the CUSUM looks for',
    unit: 'ratio',
    default: 3,
    min: 1.1,
    max: 50,
    integer: false,
    help: 'The CUSUM that dates the onset is tuned to a tripling of the failure rate.',
  }),
  field({
    key: 'quietHours',
    label: 'Quiet hours to close',
    unit: 'hours',
    default: 2,
    min: 1,
    max: 48,
    integer: true,
    help: 'An incident closes after this many hours in a row without a rise over the baseline.',
  }),
  field({
    key: 'pumpingSurgeRatio',
    label: 'Pumping: sends surge at least',
    unit: 'ratio',
    default: 3,
    min: 1.1,
    max: 1000,
    integer: false,
    help: 'Sends to a country or number prefix at three times their usual volume for that hour of the week.',
  }),
  field({
    key: 'pumpingMinSends',
    label: 'Pumping: least sends in the surge',
    unit: 'sends',
    default: 30,
    min: 1,
    max: 100_000,
    integer: true,
    help: 'Fewer sends than this cost little, whatever their conversion.',
  }),
  field({
    key: 'pumpingMaxConversionShare',
    label: 'Pumping: conversion share',
    unit: 'ratio',
    default: 0.5,
    min: 0,
    max: 1,
    integer: false,
    help: 'At most this share of the usual conversion: real staff convert as usual, pumped numbers never do.',
  }),
] as const;

export type DetectorField = (typeof DETECTOR_FIELDS)[number]['key'];
export type DetectorSettings = Record<DetectorField, number>;

export function defaultDetectorSettings(): DetectorSettings {
  const values = {} as DetectorSettings;
  for (const f of DETECTOR_FIELDS) values[f.key] = f.default;
  return values;
}

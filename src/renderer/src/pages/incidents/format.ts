import type { IncidentSummary } from '../../../../shared/contract';

export const percent = (v: number | null) => (v == null ? '—' : `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`);

/** "38% of deliveries failed; usually 2%" (pumping: "3% of sends converted; usually 85%"). */
export function rateSentence(i: IncidentSummary): string {
  return i.kind === 'pumping'
    ? `${percent(i.rate)} of ${i.sends} sends converted; usually ${percent(i.baselineRate)}`
    : `${percent(i.rate)} of deliveries failed; usually ${percent(i.baselineRate)}`;
}

export const KIND_LABEL: Record<IncidentSummary['kind'], string> = {
  carrier: 'Carrier',
  country: 'Country',
  provider: 'Provider',
  error: 'Error code',
  pumping: 'SMS pumping',
};

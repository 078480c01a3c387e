const pad = (n: number) => String(n).padStart(2, '0');

/** A time on the operator's clock: 2026-11-22 09:30:05. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${localDay(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The operator's calendar day: 2026-11-22. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The operator's IANA time zone, which the API uses to turn From/To days into instants. */
export { operatorTimeZone } from '../../app/time-zone';

export const count = (n: number) => n.toLocaleString('en');

/** The operator's IANA time zone (the browser's): every screen shows times on this clock. */
export function operatorTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

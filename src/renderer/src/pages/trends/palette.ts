/** Stable colours per event type and provider code, readable in light and dark themes. */
const TYPE_COLOURS: Record<string, string> = {
  account_lock: '#d32f2f',
  cooldown_activated: '#f57c00',
  mfa_provider_failure: '#7b1fa2',
  not_my_number: '#c2185b',
  sms_failure: '#1976d2',
  incorrect_phone_number: '#00897b',
  session_expired: '#5d4037',
  wrong_code: '#fbc02d',
  code_expired: '#607d8b',
};
const SPARE = ['#26a69a', '#ab47bc', '#ef5350', '#66bb6a', '#ffa726', '#42a5f5', '#8d6e63', '#78909c'];

export function colourFor(key: string, index: number): string {
  return TYPE_COLOURS[key] ?? SPARE[index % SPARE.length];
}

/**
 * A phone number as the helpdesk sees it by default: country code and last two digits,
 * e.g. +44•••••••••33. The full number is shown only on request, and that is audited.
 */
export function maskPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const head = e164.startsWith('+1') ? 2 : 3;
  if (e164.length <= head + 2) return e164;
  return e164.slice(0, head) + '•'.repeat(e164.length - head - 2) + e164.slice(-2);
}

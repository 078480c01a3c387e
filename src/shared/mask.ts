import { callingCode } from './calling-code';

/**
 * A phone number as the helpdesk sees it by default: the whole country calling code and the
 * last two digits, e.g. +44••••••••33, +234••••••••90, +1••••••••35. The full number is shown
 * only on request, and that is audited. Exports mask the same way (src/main/events/export-format.ts).
 */
export function maskPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const head = 1 + callingCode(e164).length;
  if (e164.length <= head + 2) return e164;
  return e164.slice(0, head) + '•'.repeat(e164.length - head - 2) + e164.slice(-2);
}

import { parsePhone } from '../phone';

export interface ImportedPhone {
  phone: string | null;
  country: string | null;
}

const NONE: ImportedPhone = { phone: null, country: null };
const cache = new Map<string, ImportedPhone>();
const CACHE_LIMIT = 20_000;

/**
 * A vendor's phone value as E.164 with its country, when it is a phone number. A value that is
 * none (a short code, an alphanumeric sender, a masked or national number without a country) gives
 * null: the caller keeps the raw value in details. Logs repeat the same numbers, so parses are cached.
 */
export function importPhone(raw: string | null | undefined, defaultCountry?: string | null): ImportedPhone {
  if (!raw) return NONE;
  const key = defaultCountry ? `${defaultCountry}|${raw}` : raw;
  const known = cache.get(key);
  if (known) return known;
  // Twilio prefixes the channel (whatsapp:+14155238886).
  const text = raw.replace(/^[a-z]+:(?=\+?\d)/i, '');
  const parsed = /\d{6,}|\d[\d\s().-]{6,}\d/.test(text) ? parsePhone(text, defaultCountry ?? undefined) : null;
  const result = parsed?.ok ? { phone: parsed.e164, country: parsed.country } : NONE;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

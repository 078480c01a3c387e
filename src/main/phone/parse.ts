import {
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';

/** Why a number was refused; each has its own sentence so the helpdesk knows what to fix. */
export type PhoneRefusal =
  | 'empty'
  | 'extension'
  | 'letters'
  | 'surrounding_text'
  | 'missing_country'
  | 'invalid_country'
  | 'too_short'
  | 'too_long'
  | 'invalid';

/** Line types as stored on the user (libphonenumber's, in snake case). */
export type PhoneType =
  | 'mobile'
  | 'fixed_line'
  | 'fixed_line_or_mobile'
  | 'voip'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

export interface ParsedPhone {
  ok: true;
  e164: string;
  /** ISO 3166 country of the number, where the metadata knows it. */
  country: string | null;
  type: PhoneType;
  /** Set when SMS to this type of number is known to fail (landline, VoIP, toll free...). */
  warning: string | null;
}

export interface RefusedPhone {
  ok: false;
  reason: PhoneRefusal;
  message: string;
}

const TYPE_NAMES: Record<NumberType & string, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  VOIP: 'voip',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

// "x12", "ext. 12", "extension 12", "#12" at the end: an office extension, which SMS cannot reach.
const EXTENSION = /(?:\bext(?:ension)?\.?|x|#)\s*\d+\s*$/i;
// What a typed phone number may contain besides digits: +, spaces, dashes, dots, slashes, brackets.
const PHONE_PUNCTUATION = /^[\d+\s\-./()]+$/;

function refuse(reason: PhoneRefusal, message: string): RefusedPhone {
  return { ok: false, reason, message };
}

/**
 * Normalises a typed phone number to E.164 with the `max` metadata, or says exactly why
 * it cannot. `+4407111222333` and `07111 222333` (country GB) both become `+447111222333`:
 * the trunk 0 the FAQ asks users to drop by hand is dropped here.
 */
export function parsePhone(input: string, defaultCountry?: string | null): ParsedPhone | RefusedPhone {
  const text = input.trim();
  const country = defaultCountry ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  if (!text) return refuse('empty', 'The phone number is empty.');
  if (country && !isSupportedCountry(country)) {
    return refuse('invalid_country', `"${defaultCountry}" is not a country code (use two letters, such as GB).`);
  }
  if (EXTENSION.test(text)) {
    return refuse('extension', `"${text}" has an extension; SMS cannot reach an extension. Give a mobile number.`);
  }
  if (/[a-z]/i.test(text)) {
    return refuse('letters', `"${text}" contains letters; a phone number has digits only (letters are not converted).`);
  }
  if (!PHONE_PUNCTUATION.test(text) || (text.match(/\+/g) ?? []).length > 1 || text.lastIndexOf('+') > 0) {
    return refuse(
      'surrounding_text',
      `"${text}" contains characters around the number; enter the phone number on its own.`,
    );
  }
  const length = validatePhoneNumberLength(text, country);
  if (length === 'TOO_SHORT') return refuse('too_short', `"${text}" is too short for a phone number.`);
  if (length === 'TOO_LONG') return refuse('too_long', `"${text}" is too long for a phone number.`);
  let parsed;
  try {
    // extract: false, so a number is never pulled out of surrounding text.
    parsed = parsePhoneNumberWithError(text, { defaultCountry: country, extract: false });
  } catch (error) {
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY') {
      return text.startsWith('+')
        ? refuse('invalid_country', `"${text}" starts with a country code that does not exist.`)
        : refuse(
            'missing_country',
            `"${text}" has no country code: write it in E.164 (for example +44 7111 222333) or choose the country.`,
          );
    }
    if (error instanceof ParseError && error.message === 'TOO_SHORT') {
      return refuse('too_short', `"${text}" is too short for a phone number.`);
    }
    if (error instanceof ParseError && error.message === 'TOO_LONG') {
      return refuse('too_long', `"${text}" is too long for a phone number.`);
    }
    return refuse('invalid', `"${text}" is not a phone number.`);
  }
  if (parsed.ext) {
    return refuse('extension', `"${text}" has an extension; SMS cannot reach an extension. Give a mobile number.`);
  }
  if (!parsed.isValid()) {
    const national = parsed.nationalNumber;
    return refuse(
      'invalid',
      `"${text}" is not a valid phone number: ${national} (${national.length} digits after +${parsed.countryCallingCode}) is in no number range in use; check for a missing or extra digit.`,
    );
  }
  const numberType = parsed.getType();
  const type = numberType ? (TYPE_NAMES[numberType] ?? 'unknown') : 'unknown';
  return { ok: true, e164: parsed.number, country: parsed.country ?? null, type, warning: phoneTypeWarning(type) };
}

const NOT_MOBILE_TYPES = new Set([
  'fixed_line',
  'landline',
  'toll_free',
  'tollFree',
  'premium_rate',
  'premium',
  'shared_cost',
  'sharedCost',
  'uan',
  'voicemail',
  'pager',
]);

/**
 * The warning the helpdesk sees for a number SMS may not reach, per the FAQ ("our text message
 * provider can only send to valid mobile numbers", "VOIP numbers may experience issues").
 * Accepts both our type names and Twilio Lookup's (landline, fixedVoip, nonFixedVoip, tollFree).
 */
export function phoneTypeWarning(type: string | null | undefined): string | null {
  if (!type) return null;
  if (/voip/i.test(type)) {
    return 'This is a VoIP number: VoIP numbers may not receive verification codes. Ask for a mobile number.';
  }
  if (NOT_MOBILE_TYPES.has(type)) {
    return `This is not a mobile number (${type.replace(/_/g, ' ')}): SMS codes cannot be delivered to it. Ask for a mobile number.`;
  }
  return null;
}

/** Words for a line type, for the user view. */
export function phoneTypeLabel(type: string | null | undefined): string | null {
  if (!type) return null;
  const labels: Record<string, string> = {
    mobile: 'Mobile',
    fixed_line: 'Fixed line',
    landline: 'Landline',
    fixed_line_or_mobile: 'Fixed line or mobile',
    voip: 'VoIP',
    fixedVoip: 'Fixed VoIP',
    nonFixedVoip: 'Non-fixed VoIP',
    toll_free: 'Toll free',
    tollFree: 'Toll free',
  };
  return labels[type] ?? type.replace(/_/g, ' ');
}

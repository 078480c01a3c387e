/**
 * ITU-T E.164 country calling codes form a prefix code: +1 and +7 are the only one-digit codes,
 * the two-digit ones are listed here, and every other code has three digits. So the length of
 * a number's calling code is read from its first digits, with no metadata (the check against
 * libphonenumber-js's metadata is in tests/unit/phone/mask.test.ts).
 */
export const ONE_DIGIT_CODES: readonly string[] = ['1', '7'];
export const TWO_DIGIT_CODES: readonly string[] = [
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
];

/** The country calling code of an E.164 number, without the +: "234" for +2348012345678. */
export function callingCode(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  if (ONE_DIGIT_CODES.includes(digits.slice(0, 1))) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.includes(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

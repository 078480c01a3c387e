/**
 * When a search is a phone number, in the Users directory and the Error log alike: digits with
 * the usual separators ("+44 (0)7400 123456", "7400-123", "2444"), at least MIN_PHONE_DIGITS of
 * them after a trunk 0. Four digits find a number by its last four, as a caller reads them out; fewer would match
 * a large share of any directory.
 */
export const MIN_PHONE_DIGITS = 4;

const PHONE_LIKE = /^[+\d][\d\s().-]*$/;

export interface PhoneSearch {
  /** Every digit typed: "+44 (0)7400" gives 4407400. */
  digits: string;
  /** Without a "(0)" trunk prefix and without leading zeros: how the number appears inside E.164. */
  national: string;
}

/** The phone digits to look for, or null when the text is not a phone search. */
export function phoneSearch(text: string): PhoneSearch | null {
  const trimmed = text.trim();
  if (!PHONE_LIKE.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  // "+44 (0)7400 123456": the (0) is the trunk prefix the FAQ says to drop.
  const national = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^0+/, '');
  return national.length >= MIN_PHONE_DIGITS ? { digits, national } : null;
}

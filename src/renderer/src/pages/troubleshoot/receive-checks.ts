import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import { utcText } from '../../../../shared/time-text';

/**
 * What the data says about one of the FAQ's checks. `confirmed`: the data settles it (a code to
 * this number was used, a carrier lookup said so). `suggested`: the data points one way but only
 * the caller can confirm it (a number that is valid E.164 may still be the wrong one; a line type
 * read from the number's range is not a lookup).
 */
export interface CheckReading {
  value: boolean;
  strength: 'confirmed' | 'suggested';
  /** Why, in words; engine-style UTC times, shown on the operator's clock. */
  why: string;
}

export interface ReceiveCheck {
  id: string;
  text: string;
  /** null when only the caller can tell. */
  read: (f: TroubleshootFacts) => CheckReading | null;
}

const NOT_MOBILE = /landline|fixed|voip|toll|premium|shared|uan|voicemail|pager/i;

function lineType(f: TroubleshootFacts, test: (type: string) => boolean, what: string): CheckReading | null {
  const type = f.user.phoneType;
  if (!type) return null;
  const value = test(type);
  return f.user.phoneLookedUpAt !== null
    ? { value, strength: 'confirmed', why: `a carrier lookup on ${utcText(f.user.phoneLookedUpAt)} says ${type}` }
    : {
        value,
        strength: 'suggested',
        why: `the number's range says ${type}; it was never looked up, so ask whether it is ${what}`,
      };
}

/** "Why haven't I received my verification code?": the FAQ's four checks. */
export const RECEIVE_CHECKS: ReceiveCheck[] = [
  {
    id: 'format',
    text: 'The phone number is entered accurately, with the correct country and area code (E.164, no leading 0).',
    read: (f) => {
      if (!f.user.maskedPhone) return null;
      const usedSinceChange = f.lastSuccessAt !== null && f.lastSuccessAt >= (f.phoneChangedAt ?? 0);
      return usedSinceChange
        ? {
            value: true,
            strength: 'confirmed',
            why: `a code sent to this number was used on ${utcText(f.lastSuccessAt as number)}`,
          }
        : {
            value: true,
            strength: 'suggested',
            why: `${f.user.maskedPhone} is a valid E.164 number, but no code sent to it was ever used: read it back with the caller`,
          };
    },
  },
  {
    id: 'mobile',
    text: 'The number is a mobile phone number: the provider can only send to valid mobile numbers.',
    read: (f) => lineType(f, (t) => !NOT_MOBILE.test(t), 'a mobile'),
  },
  {
    id: 'voip',
    text: 'The number is not a VoIP number: VoIP numbers may not receive verification codes.',
    read: (f) => lineType(f, (t) => !/voip/i.test(t), 'a VoIP number'),
  },
  {
    id: 'network',
    text: 'The mobile network provider is not having issues: a friend or co-worker can call or text the user.',
    read: () => null,
  },
];

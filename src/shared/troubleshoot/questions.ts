import type { TroubleshootFacts } from '../contract/troubleshoot';
import { utcText } from '../time-text';

/** One of the support questions the 2FA FAQ says technical support will ask. */
export interface SupportQuestion {
  id: string;
  /** The FAQ's wording. */
  text: string;
  /** What the data already answers, or null when only the caller can say. */
  prefill: (facts: TroubleshootFacts) => string | null;
}

const utc = utcText;
const hours = (list: number[]) => list.map((h) => `${String(h).padStart(2, '0')}:00`).join(', ');

/** In the FAQ's order ("I have followed all troubleshooting steps but I'm still experiencing 2FA issues"). */
export const SUPPORT_QUESTIONS: SupportQuestion[] = [
  {
    id: 'affected-users',
    text: 'How many users are affected? If multiple users are affected, are they using different mobile network providers?',
    prefill: (f) =>
      `${f.affectedUsers24h} user(s) had SMS or provider failures in the last 24 hours, on ${f.affectedCarriers24h} carrier(s); ` +
      `${f.sameCarrierAffectedUsers} other user(s) on ${f.user.carrier ?? 'this carrier'} in the last 7 days.`,
  },
  {
    id: 'country',
    text: 'Which country is the affected user located in?',
    prefill: (f) => (f.user.country ? `Phone number country: ${f.user.country}` : null),
  },
  {
    id: 'repeated',
    text: 'Has the user experienced this issue multiple times?',
    prefill: (f) => {
      const total = f.recentErrors.reduce((sum, e) => sum + e.count, 0);
      return total === 0 ? 'No errors recorded in the last 30 days.' : `${total} error(s) in the last 30 days.`;
    },
  },
  {
    id: 'phone-changed',
    text: 'Has the user changed their phone number recently?',
    prefill: (f) => (f.phoneChangedAt ? `Yes, on ${utc(f.phoneChangedAt)}.` : 'No phone number change is recorded.'),
  },
  {
    id: 'other-texts',
    text: 'Is the user receiving text messages and phone calls from friends or co-workers?',
    prefill: () => null,
  },
  {
    id: 'eventually-receives',
    text: 'If the user requests multiple verification codes, does the user eventually receive at least one of the messages?',
    prefill: (f) =>
      `${f.codesSent7d} code(s) sent and ${f.successes7d} successful sign-in(s) in the last 7 days.` +
      (f.codesSent7d > 0 && f.successes7d === 0 ? ' None of the codes was used.' : ''),
  },
  {
    id: 'ever-received',
    text: 'Has the user ever successfully received a verification code since enabling 2FA?',
    prefill: (f) =>
      f.everSucceeded && f.lastSuccessAt
        ? `Yes, last on ${utc(f.lastSuccessAt)}.`
        : 'No successful 2FA sign-in is recorded.',
  },
  {
    id: 'permanently-disabled',
    text: "Has the user's 2FA configuration been permanently disabled by an admin?",
    prefill: (f) =>
      f.user.twoFactor === 'disabled_permanently' ? 'Yes.' : `No (2FA state: ${f.user.twoFactor.replace(/_/g, ' ')}).`,
  },
  {
    id: 'when',
    text: 'What was the date and time when the errors occurred? Are text messages not delivered at specific times of day, such as high traffic times at the start of the work day?',
    prefill: (f) =>
      f.lastError === null
        ? null
        : `Last error ${utc(f.lastError)}; errors in the last 30 days at ${hours(f.errorHours)} (hours of the day in UTC).`,
  },
  {
    id: 'firm-wide',
    text: 'Is 2FA setup for the entire firm?',
    prefill: (f) => (f.firmWideTwoFactor === null ? null : f.firmWideTwoFactor ? 'Yes.' : 'No.'),
  },
  {
    id: 'number',
    text: "What is the user's mobile number?",
    prefill: (f) => (f.user.maskedPhone ? `${f.user.maskedPhone} (${f.user.phoneType ?? 'type unknown'})` : null),
  },
  {
    id: 'carrier',
    text: "What is the user's mobile network provider?",
    prefill: (f) => f.user.carrier,
  },
  {
    id: 'noticed',
    text: 'What approximate time did the user notice that they were not receiving 2FA verification codes?',
    prefill: (f) =>
      f.firstRecentError ? `First recorded error in the last 30 days: ${utc(f.firstRecentError)}.` : null,
  },
];

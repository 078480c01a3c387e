/**
 * The MFA policy numbers: defaults from the documents, the range each may take, and words
 * for the Settings page. The engine validates changes against these ranges.
 */
export interface PolicyFieldInfo<K extends string = string> {
  key: K;
  label: string;
  unit: 'minutes' | 'seconds' | 'days' | 'count';
  default: number;
  min: number;
  max: number;
  help: string;
}

const field = <const K extends string>(info: PolicyFieldInfo<K>) => info;

export const POLICY_FIELDS = [
  field({
    key: 'codeValidityMinutes',
    label: 'Verification code valid for',
    unit: 'minutes',
    default: 3,
    min: 1,
    max: 10,
    help: 'The FAQ: "Verification codes are valid for 3 minutes."',
  }),
  field({
    key: 'sessionMinutes',
    label: 'Sign-in session expires after',
    unit: 'minutes',
    default: 10,
    min: 2,
    max: 60,
    help: 'After this every step of the sign-in answers Session Expired.',
  }),
  field({
    key: 'cooldownAfterFailures',
    label: 'Cooldown after failed checks',
    unit: 'count',
    default: 5,
    min: 1,
    max: 20,
    help: '"After five failed verification attempts" the user must wait.',
  }),
  field({
    key: 'cooldownMinutes',
    label: 'Cooldown lasts',
    unit: 'minutes',
    default: 60,
    min: 1,
    max: 1440,
    help: "The documents' 1-hour cooldown; the helpdesk can reset it.",
  }),
  field({
    key: 'maxSendsWithoutSuccess',
    label: 'Code sends without a successful check',
    unit: 'count',
    default: 5,
    min: 1,
    max: 20,
    help: 'One more send than this starts the cooldown (the code resend cooldown).',
  }),
  field({
    key: 'resendIntervalSeconds',
    label: 'Minimum time between code sends',
    unit: 'seconds',
    default: 30,
    min: 0,
    max: 600,
    help: 'Resends are refused until this much time has passed since the last send.',
  }),
  field({
    key: 'lockAfterFailures',
    label: 'Lock after consecutive failed checks',
    unit: 'count',
    default: 10,
    min: 2,
    max: 100,
    help: 'Consecutive failures without a success, across cooldowns; only an unlock clears the lock.',
  }),
  field({
    key: 'trustedDeviceDays',
    label: 'Remember a device for',
    unit: 'days',
    default: 30,
    min: 1,
    max: 365,
    help: '"Remember this device": no code on that device for this many days.',
  }),
  field({
    key: 'backupCodeCount',
    label: 'Backup codes per set',
    unit: 'count',
    default: 10,
    min: 5,
    max: 20,
    help: 'Single-use codes, shown once, in order.',
  }),
] as const;

export type PolicyField = (typeof POLICY_FIELDS)[number]['key'];
export type PolicyValues = Record<PolicyField, number>;

import type { SignInState, TwoFactorState } from '../../../../shared/contract';

type Colour = 'default' | 'error' | 'warning' | 'info' | 'success';

/** How each sign-in state reads in a chip: short, and coloured by how blocking it is. */
export const STATE_CHIP: Record<SignInState, { label: string; colour: Colour }> = {
  deactivated: { label: 'Deactivated', colour: 'default' },
  locked: { label: 'Locked', colour: 'error' },
  cooldown: { label: 'In cooldown', colour: 'warning' },
  number_reported: { label: 'Not my number', colour: 'warning' },
  two_factor_disabled: { label: '2FA disabled', colour: 'info' },
  not_enrolled: { label: 'Not enrolled', colour: 'default' },
  enrolment_required: { label: 'Must enrol', colour: 'warning' },
  no_phone: { label: 'No phone', colour: 'error' },
  code_required: { label: 'Can sign in', colour: 'success' },
};

export const TWO_FACTOR_LABEL: Record<TwoFactorState, string> = {
  enabled: 'Enabled',
  disabled_until: 'Disabled until a date',
  disabled_permanently: 'Disabled permanently',
  not_enrolled: 'Not enrolled',
};

export const FILTER_LABELS = {
  locked: 'Locked',
  cooldown: 'In cooldown',
  '2fa-disabled': '2FA disabled',
  'not-enrolled': 'Not enrolled',
  'not-my-number': 'Not my number',
  deactivated: 'Deactivated',
  'shares-number': 'Shares a number',
  'incident-caused': 'Likely caused by an incident',
  'phone-changed': 'Number changed recently',
} as const;

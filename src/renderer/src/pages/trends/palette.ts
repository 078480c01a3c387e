export type PaletteMode = 'light' | 'dark';

/**
 * Stable colours per event type and provider code, one set per theme: each stands out from the
 * theme's paper (at least 3:1, WCAG's contrast for graphics; tests/unit/trends/palette.test.ts).
 * The dark set is the light one's hue, lighter: Session Expired's brown was nearly invisible on
 * the dark paper.
 */
export const TYPE_COLOURS: Record<PaletteMode, Record<string, string>> = {
  light: {
    account_lock: '#d32f2f',
    cooldown_activated: '#e65100',
    mfa_provider_failure: '#7b1fa2',
    not_my_number: '#c2185b',
    sms_failure: '#1976d2',
    incorrect_phone_number: '#00796b',
    session_expired: '#5d4037',
    wrong_code: '#9a7400',
    code_expired: '#546e7a',
  },
  dark: {
    account_lock: '#ef5350',
    cooldown_activated: '#ffa726',
    mfa_provider_failure: '#ce93d8',
    not_my_number: '#f48fb1',
    sms_failure: '#64b5f6',
    incorrect_phone_number: '#4db6ac',
    session_expired: '#bcaaa4',
    wrong_code: '#ffd54f',
    code_expired: '#90a4ae',
  },
};

export const SPARE_COLOURS: Record<PaletteMode, string[]> = {
  light: ['#00897b', '#8e24aa', '#c62828', '#2e7d32', '#1565c0', '#6d4c41', '#455a64', '#e65100'],
  dark: ['#80cbc4', '#ba68c8', '#e57373', '#81c784', '#90caf9', '#a1887f', '#b0bec5', '#ffb74d'],
};

export function colourFor(key: string, index: number, mode: PaletteMode): string {
  return TYPE_COLOURS[mode][key] ?? SPARE_COLOURS[mode][index % SPARE_COLOURS[mode].length];
}

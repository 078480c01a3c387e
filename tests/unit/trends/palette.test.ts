import { describe, expect, it } from 'vitest';
import { consoleTheme } from '../../../src/renderer/src/app/theme';
import { contrastRatio } from '../../../src/renderer/src/pages/trends/contrast';
import { SPARE_COLOURS, TYPE_COLOURS, colourFor } from '../../../src/renderer/src/pages/trends/palette';

describe('chart colours stand out from the paper in both themes', () => {
  for (const mode of ['light', 'dark'] as const) {
    it(`${mode}: every type and spare colour has at least 3:1 contrast with the paper`, () => {
      const paper = consoleTheme(mode).palette.background.paper;
      for (const [key, colour] of [
        ...Object.entries(TYPE_COLOURS[mode]),
        ...SPARE_COLOURS[mode].map((c) => ['spare', c]),
      ]) {
        expect(contrastRatio(colour, paper), `${key} ${colour} on ${paper}`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('Session Expired in the dark theme is no longer the brown that vanished on the paper', () => {
    const paper = consoleTheme('dark').palette.background.paper;
    expect(contrastRatio('#5d4037', paper)).toBeLessThan(3); // the old colour
    expect(contrastRatio(colourFor('session_expired', 0, 'dark'), paper)).toBeGreaterThan(7);
  });
});

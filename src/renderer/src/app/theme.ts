import { createTheme, type Theme } from '@mui/material/styles';

/** One theme per OS colour scheme; the app follows the OS light/dark setting. */
/** With reduced motion (an OS setting) dialogs and drawers appear without animation. */
export function consoleTheme(mode: 'light' | 'dark', reducedMotion = false): Theme {
  const focusRing = mode === 'dark' ? '#9ec5ff' : '#1f5fbf';
  return createTheme({
    ...(reducedMotion
      ? {
          transitions: {
            create: () => 'none',
            // Menus and popovers time their exit by their height: without this a closed menu
            // stayed over the page (catching clicks) for most of a second.
            getAutoHeightDuration: () => 0,
            duration: {
              shortest: 0,
              shorter: 0,
              short: 0,
              standard: 0,
              complex: 0,
              enteringScreen: 0,
              leavingScreen: 0,
            },
          },
        }
      : {}),
    palette: {
      mode,
      // Text on coloured chips and buttons picked for 4.5:1 (WCAG AA), not MUI's default 3:1:
      // white on the orange warning chip and on the dark theme's red failed axe's color-contrast.
      contrastThreshold: 4.5,
      // The dark theme's hover shade kept light enough for the dark text on it (4.5:1; MUI's own was 4.48).
      primary: mode === 'dark' ? { main: '#7fb2ff', dark: '#6a9ee8' } : { main: '#1f5fbf' },
      secondary: { main: mode === 'dark' ? '#ffb74d' : '#b35c00' },
      background: mode === 'dark' ? { default: '#121418', paper: '#1a1d23' } : { default: '#f4f6f9', paper: '#ffffff' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      // One visible focus ring for everything a keyboard reaches (MUI's own is the ripple, which
      // reduced motion turns off); text fields keep their focused border.
      MuiCssBaseline: {
        styleOverrides: {
          ':where(a, button, [role="button"], [role="tab"], [role="checkbox"], [role="radio"], [role="switch"], [role="option"], [role="menuitem"], [tabindex]):focus-visible':
            { outline: `2px solid ${focusRing}`, outlineOffset: 2 },
          '.MuiButtonBase-root.Mui-focusVisible': { outline: `2px solid ${focusRing}`, outlineOffset: 2 },
          '.MuiDataGrid-cell:focus-visible, .MuiDataGrid-columnHeader:focus-visible': { outlineOffset: -2 },
        },
      },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiPaper: { defaultProps: { variant: 'outlined' } },
      ...(reducedMotion ? { MuiButtonBase: { defaultProps: { disableRipple: true } } } : {}),
    },
  });
}

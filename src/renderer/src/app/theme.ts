import { createTheme, type Theme } from '@mui/material/styles';

/** One theme per OS colour scheme; the app follows the OS light/dark setting. */
/** With reduced motion (an OS setting) dialogs and drawers appear without animation. */
export function consoleTheme(mode: 'light' | 'dark', reducedMotion = false): Theme {
  return createTheme({
    ...(reducedMotion
      ? {
          transitions: {
            create: () => 'none',
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
      primary: { main: mode === 'dark' ? '#7fb2ff' : '#1f5fbf' },
      secondary: { main: mode === 'dark' ? '#ffb74d' : '#b35c00' },
      background: mode === 'dark' ? { default: '#121418', paper: '#1a1d23' } : { default: '#f4f6f9', paper: '#ffffff' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiPaper: { defaultProps: { variant: 'outlined' } },
      ...(reducedMotion ? { MuiButtonBase: { defaultProps: { disableRipple: true } } } : {}),
    },
  });
}

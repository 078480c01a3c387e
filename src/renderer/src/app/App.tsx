import { useMemo } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import CssBaseline from '@mui/material/CssBaseline';
import useMediaQuery from '@mui/material/useMediaQuery';
import { ThemeProvider } from '@mui/material/styles';
import { Layout } from './Layout';
import { PAGES } from './pages';
import { OperatorProvider } from './operator';
import { SessionGate } from './SessionGate';
import { RefreshProvider } from './refresh';
import { consoleTheme } from './theme';
import { ReauthPrompt } from '../components/ReauthPrompt';

export function App() {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const theme = useMemo(
    () => consoleTheme(prefersDark ? 'dark' : 'light', reducedMotion),
    [prefersDark, reducedMotion],
  );
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <RefreshProvider>
        <OperatorProvider>
          <SessionGate>
            <HashRouter>
              <Layout>
                <Routes>
                  {PAGES.map((p) => (
                    <Route key={p.path} path={p.path === '/' ? '/' : `${p.path}/*`} element={p.element} />
                  ))}
                </Routes>
              </Layout>
            </HashRouter>
            <ReauthPrompt />
          </SessionGate>
        </OperatorProvider>
      </RefreshProvider>
    </ThemeProvider>
  );
}

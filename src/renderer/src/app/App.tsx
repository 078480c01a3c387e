import { useMemo } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import CssBaseline from '@mui/material/CssBaseline';
import useMediaQuery from '@mui/material/useMediaQuery';
import { ThemeProvider } from '@mui/material/styles';
import { Layout } from './Layout';
import { PAGES } from './pages';
import { RefreshProvider } from './refresh';
import { consoleTheme } from './theme';

export function App() {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const theme = useMemo(() => consoleTheme(prefersDark ? 'dark' : 'light'), [prefersDark]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <RefreshProvider>
        <HashRouter>
          <Layout>
            <Routes>
              {PAGES.map((p) => (
                <Route key={p.path} path={p.path === '/' ? '/' : `${p.path}/*`} element={p.element} />
              ))}
            </Routes>
          </Layout>
        </HashRouter>
      </RefreshProvider>
    </ThemeProvider>
  );
}

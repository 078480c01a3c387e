import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import ShieldOutlined from '@mui/icons-material/ShieldOutlined';
import { SignedInOperator } from '../components/SignedInOperator';
import { AdminWarning } from '../components/AdminWarning';
import { StatusBar } from '../components/StatusBar';
import { PAGES } from './pages';
import { WorkspaceProvider } from './workspace';
import { LiveProvider } from './live';
import { WorkspaceBanner } from '../components/WorkspaceBanner';
import { PendingApprovalsCount } from '../components/PendingApprovalsCount';

const NAV_WIDTH = 216;

function currentPage(pathname: string) {
  return (
    [...PAGES]
      .sort((a, b) => b.path.length - a.path.length)
      .find((p) => pathname === p.path || pathname.startsWith(p.path === '/' ? '/\u0000' : p.path + '/')) ?? PAGES[0]
  );
}

/** The frame every page sits in: app bar, navigation, content, status bar. */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <WorkspaceProvider>
      <LiveProvider>
        <Frame>{children}</Frame>
      </LiveProvider>
    </WorkspaceProvider>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const page = currentPage(pathname);
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateRows: 'auto 1fr auto',
        gridTemplateColumns: `${NAV_WIDTH}px 1fr`,
        height: '100vh',
      }}
    >
      <AppBar
        position="static"
        color="default"
        elevation={0}
        sx={{ gridColumn: '1 / 3', borderBottom: 1, borderColor: 'divider' }}
      >
        <Toolbar variant="dense" sx={{ gap: 1.5, py: 1 }}>
          <ShieldOutlined color="primary" />
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
            MFA Support Console
          </Typography>
          <Typography variant="subtitle1" component="p" color="text.secondary">
            / {page.label}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <SignedInOperator />
        </Toolbar>
      </AppBar>
      <Box
        component="nav"
        aria-label="Main navigation"
        sx={{ borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', overflowY: 'auto' }}
      >
        <List dense>
          {PAGES.map((p) => (
            // A list holds list items only (axe's "list" rule): each link sits in its own <li>.
            <ListItem key={p.path} disablePadding>
              <ListItemButton
                component={NavLink}
                to={p.path}
                selected={p === page}
                aria-current={p === page ? 'page' : undefined}
              >
                <ListItemIcon sx={{ minWidth: 36 }}>{p.icon}</ListItemIcon>
                <ListItemText primary={p.label} />
                {p.path === '/approvals' && <PendingApprovalsCount />}
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      </Box>
      <Box component="main" sx={{ overflow: 'auto', p: 3 }}>
        <AdminWarning />
        <WorkspaceBanner />
        {children}
      </Box>
      <Box component="footer" sx={{ gridColumn: '1 / 3' }}>
        <StatusBar />
      </Box>
    </Box>
  );
}

import type { ReactElement } from 'react';
import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import HelpOutlineOutlined from '@mui/icons-material/HelpOutlineOutlined';
import { OverviewPage } from '../pages/overview/OverviewPage';
import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined';
import { ExplorerPage } from '../pages/explorer/ExplorerPage';
import { TroubleshootPage } from '../pages/troubleshoot/TroubleshootPage';
import InsightsOutlined from '@mui/icons-material/InsightsOutlined';
import { TrendsPage } from '../pages/trends/TrendsPage';
import PeopleOutlined from '@mui/icons-material/PeopleOutlined';
import { UsersPage } from '../pages/users/UsersPage';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import HowToRegOutlined from '@mui/icons-material/HowToRegOutlined';
import { ApprovalsPage } from '../pages/approvals/ApprovalsPage';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import { AuditPage } from '../pages/audit/AuditPage';
import { SettingsPage } from '../pages/settings/SettingsPage';

/** A page of the console: its route, its navigation entry and its element. */
export interface PageDef {
  path: string;
  label: string;
  icon: ReactElement;
  element: ReactElement;
}

/**
 * The navigation, in order. A page is listed here once it is built, never before:
 * the console shows no "coming soon" entries.
 */
export const PAGES: PageDef[] = [
  { path: '/', label: 'Overview', icon: <DashboardOutlined />, element: <OverviewPage /> },
  { path: '/errors', label: 'Error log', icon: <ReportProblemOutlined />, element: <ExplorerPage /> },
  { path: '/users', label: 'Users', icon: <PeopleOutlined />, element: <UsersPage /> },
  { path: '/trends', label: 'Trends', icon: <InsightsOutlined />, element: <TrendsPage /> },
  { path: '/troubleshoot', label: 'Troubleshooting', icon: <HelpOutlineOutlined />, element: <TroubleshootPage /> },
  { path: '/approvals', label: 'Approvals', icon: <HowToRegOutlined />, element: <ApprovalsPage /> },
  { path: '/audit', label: 'Audit', icon: <FactCheckOutlined />, element: <AuditPage /> },
  { path: '/settings', label: 'Settings', icon: <SettingsOutlined />, element: <SettingsPage /> },
];

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { EXPORT_COLUMNS } from '../../src/main/events/export-format';
import { expectAccessibleInBothThemes } from './support/axe';
import { expect, shot, shots, test } from './support/console';

const FIXTURES = join(__dirname, '../fixtures/import');

test('an investigator picks two vendor files into a new workspace, watches the import, and explores it', async ({
  page,
  mfa,
}) => {
  await mfa.open(page, '/investigate');
  await expect(page.getByRole('heading', { level: 1, name: 'Investigate' })).toBeVisible();
  await expect(page.getByTestId('workspace-live')).toBeVisible();
  await shots(page, 'investigate-live');

  const workspace = join(mfa.dataDir, 'q3-lockouts.sqlite');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByRole('button', { name: 'New workspace' }).click();
  await expect(page.getByTestId('workspace-open')).toContainText('q3-lockouts.sqlite');
  // The status bar and the window title say which database is open.
  await expect(page.getByTestId('status-workspace')).toHaveText('Workspace: q3-lockouts.sqlite');
  await expect(page).toHaveTitle(/q3-lockouts\.sqlite \(workspace\)/);

  await page
    .getByTestId('import-files')
    .setInputFiles([join(FIXTURES, 'okta-logs-pages.json'), join(FIXTURES, 'twilio-messages.csv')]);
  // The formats are said before anything is written.
  const detected = page.getByTestId('detected-table');
  await expect(detected).toContainText('okta-logs-json');
  await expect(detected).toContainText('twilio-messages-csv');
  await expect(page.getByTestId('workspace-open')).toContainText('0 events');
  await shots(page, 'investigate-detected');

  await page.getByRole('button', { name: 'Import 2 files' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Imported 16 events');
  await expect(summary).toContainText('okta-logs-pages.json');
  await expect(page.getByTestId('sources-table')).toContainText('twilio-messages.csv');
  await expect(page.getByTestId('sources-table')).toContainText('ada@example.com');
  await shots(page, 'investigate-imported');

  // Explore: the Error log reads the workspace's events.
  await summary.getByRole('link', { name: 'Explore in the Error log' }).click();
  await expect(page.getByTestId('workspace-banner')).toContainText('The workspace q3-lockouts.sqlite is open');
  await expect(page.getByRole('row').filter({ hasText: 'Incorrect Phone Number' }).first()).toBeVisible();
  await shots(page, 'investigate-explorer');

  // Actions on live accounts are refused with the reason.
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByText(/refused\. The workspace q3-lockouts\.sqlite is open/).first()).toBeVisible();
  await shots(page, 'investigate-users-refused');

  // And back to the live database.
  await page.getByTestId('workspace-banner').getByRole('button', { name: 'Switch back to live' }).click();
  await expect(page.getByTestId('workspace-banner')).toBeHidden();
  await expect(page.getByTestId('status-db')).toHaveText('mfa-console.sqlite');
});

test('a file of an unknown format is named before anything is imported', async ({ page, mfa }) => {
  await mfa.open(page, '/investigate');
  await page.getByTestId('workspace-path').fill(join(mfa.dataDir, 'ws.sqlite'));
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByTestId('import-files').setInputFiles([join(FIXTURES, 'broken/unknown.csv')]);
  await expect(page.getByTestId('detected-table')).toContainText('no known log format matches');
  await expect(page.getByRole('button', { name: 'Import 1 file' })).toBeDisabled();
  await expectAccessibleInBothThemes(page, 'the Investigate page');
});

/** A console CSV export of `count` rows, as the export writes them. */
async function ownExport(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(EXPORT_COLUMNS.join(',') + '\r\n');
  const base = Date.parse('2026-09-01T09:00:00Z');
  for (let i = 0; i < count; i++) {
    const line = `${i + 1},${new Date(base + i * 1000).toISOString()},sms_failure,"SMS Failure",${i % 500},"User ${i % 500}","user${i % 500}@example.com",employee,"+44••••••••56",true,GB,"Vodafone UK","twilio","30007","SMS not delivered",,,vs_${i},\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

test('a large export shows records, records/s and time left; Cancel leaves the workspace as it was', async ({
  page,
  mfa,
}) => {
  const big = join(mfa.dataDir, 'q3-export.csv');
  await ownExport(big, 600_000);
  await mfa.open(page, '/investigate');
  await page.getByTestId('workspace-path').fill(join(mfa.dataDir, 'big.sqlite'));
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByTestId('import-files').setInputFiles([big]);
  await expect(page.getByTestId('detected-table')).toContainText('console-csv');
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  const progress = page.getByTestId('import-progress');
  await expect(progress.getByRole('status')).toContainText(
    /[1-9][\d,]* records · [1-9][\d,]* records\/s · (about \d+ (s|min) left|estimating)/,
  );
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.screenshot({ path: shot('investigate-progress-1360-light') });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The import was cancelled; the workspace is exactly as it was before.')).toBeVisible();
  await expect(page.getByTestId('workspace-open')).toContainText('0 events from 0 imported files');
});
